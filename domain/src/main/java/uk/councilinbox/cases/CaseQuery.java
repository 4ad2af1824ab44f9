package uk.councilinbox.cases;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import uk.councilinbox.messages.Channel;

/**
 * Which cases to list: by status (all when empty), category, channel, creation date and area (a road,
 * town or postcode the case's place contains, ignoring case).
 */
public record CaseQuery(
        Set<CaseStatus> statuses,
        Optional<Category> category,
        Optional<Channel> channel,
        Optional<Instant> createdFrom,
        Optional<Instant> createdTo,
        Optional<String> area,
        int limit) {

    public CaseQuery {
        statuses = Set.copyOf(statuses);
        area = area.map(a -> a.trim().toLowerCase(Locale.ROOT)).filter(a -> !a.isEmpty());
    }

    public boolean matches(Case c) {
        return (statuses.isEmpty() || statuses.contains(c.status()))
                && category.map(c.category()::equals).orElse(true)
                && channel.map(c.channel()::equals).orElse(true)
                && createdFrom.map(from -> !c.createdAt().isBefore(from)).orElse(true)
                && createdTo.map(to -> c.createdAt().isBefore(to)).orElse(true)
                && area.map(a -> c.place().map(p -> p.toLowerCase(Locale.ROOT).contains(a)).orElse(false)).orElse(true);
    }
}
