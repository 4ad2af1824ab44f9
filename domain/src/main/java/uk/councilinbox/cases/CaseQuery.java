package uk.councilinbox.cases;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import uk.councilinbox.messages.Channel;

/**
 * Which cases to list: by status (all when empty), category, channel, creation date, area (a road,
 * town or postcode the case's place contains, ignoring case) and, for a report, its service code.
 * Status, category and creation date are what the store's index is keyed by; channel, area and service
 * are checked on the cases read, so the narrower they are the more a list reads per case it returns.
 */
public record CaseQuery(
        Set<CaseStatus> statuses,
        Optional<Category> category,
        Optional<Channel> channel,
        Optional<Instant> createdFrom,
        Optional<Instant> createdTo,
        Optional<String> area,
        int limit,
        Optional<String> service) {

    public CaseQuery {
        statuses = Set.copyOf(statuses);
        area = area.map(a -> a.trim().toLowerCase(Locale.ROOT)).filter(a -> !a.isEmpty());
    }

    /** Any service. */
    public CaseQuery(Set<CaseStatus> statuses, Optional<Category> category, Optional<Channel> channel, Optional<Instant> createdFrom,
            Optional<Instant> createdTo, Optional<String> area, int limit) {
        this(statuses, category, channel, createdFrom, createdTo, area, limit, Optional.empty());
    }

    public boolean matches(Case c) {
        return (statuses.isEmpty() || statuses.contains(c.status()))
                && category.map(c.category()::equals).orElse(true)
                && channel.map(c.channel()::equals).orElse(true)
                && createdFrom.map(from -> !c.createdAt().isBefore(from)).orElse(true)
                && createdTo.map(to -> c.createdAt().isBefore(to)).orElse(true)
                && area.map(a -> c.place().map(p -> p.toLowerCase(Locale.ROOT).contains(a)).orElse(false)).orElse(true)
                && service.map(s -> c.service().equals(Optional.of(s))).orElse(true);
    }

    /** The same query for at most {@code max} cases. */
    public CaseQuery withLimit(int max) {
        return new CaseQuery(statuses, category, channel, createdFrom, createdTo, area, max, service);
    }
}
