package uk.councilinbox.trends;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import uk.councilinbox.cases.CaseDetail;
import uk.councilinbox.cases.CaseEvent;
import uk.councilinbox.cases.Category;
import uk.councilinbox.messages.Channel;

/**
 * What trends need to know about one case.
 *
 * @param area the town (or else the postcode district) the case is in, when it gave a place
 * @param firstResponseAt when the first reply (the acknowledgement) went out
 * @param resolvedAt when staff first marked it resolved
 */
public record CaseFacts(Instant createdAt, Category category, Channel channel, Optional<String> area,
        Optional<Instant> firstResponseAt, Optional<Instant> resolvedAt) {

    private static final Pattern POSTCODE = Pattern.compile("(?i)^([A-Z]{1,2}\\d[A-Z\\d]?) ?\\d[A-Z]{2}$");
    private static final Pattern ROAD = Pattern.compile("(?i).*\\b(road|rd|street|st|lane|ln|avenue|ave|way|close|drive|dr|"
            + "crescent|place|hill|terrace|grove|court|gardens|row|walk|parade|square|bypass|a\\d+|b\\d+|m\\d+)$");

    public static CaseFacts of(CaseDetail detail) {
        var c = detail.c();
        return new CaseFacts(c.createdAt(), c.category(), c.channel(), c.place().flatMap(CaseFacts::area),
                first(detail.history(), e -> e.type().equals("reply_sent")),
                first(detail.history(), e -> e.type().equals("status_changed") && e.detail().contains("-> resolved")));
    }

    /** "Stone Road, Stone, ST15 8AA" is in Stone; "ST15 8AA" alone in ST15; "Stone Road" alone nowhere known. */
    static Optional<String> area(String place) {
        List<String> parts = Arrays.stream(place.split(",")).map(String::trim).filter(p -> !p.isEmpty()).toList();
        Optional<String> town = parts.stream().filter(p -> !POSTCODE.matcher(p).matches() && !ROAD.matcher(p).matches()).reduce((a, b) -> b);
        if (town.isPresent()) {
            return town;
        }
        return parts.stream().map(POSTCODE::matcher).filter(java.util.regex.Matcher::matches).map(m -> m.group(1).toUpperCase(java.util.Locale.ROOT)).findFirst();
    }

    private static Optional<Instant> first(List<CaseEvent> history, java.util.function.Predicate<CaseEvent> kind) {
        return history.stream().filter(kind).map(CaseEvent::at).min(Instant::compareTo);
    }
}
