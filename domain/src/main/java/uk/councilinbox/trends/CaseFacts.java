package uk.councilinbox.trends;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import uk.councilinbox.cases.CaseDetail;
import uk.councilinbox.cases.CaseEvent;
import uk.councilinbox.cases.CaseStatus;
import uk.councilinbox.cases.Category;
import uk.councilinbox.messages.Channel;

/**
 * What trends need to know about one case.
 *
 * @param area the town (or else the postcode district) the case is in, when it gave a place
 * @param firstResponseAt when the first reply (the acknowledgement) went out
 * @param resolvedAt when staff first resolved or closed it ({@link uk.councilinbox.cases.Case#resolvedAt()})
 * @param billed what the platform charged for the case's messages and replies, by charge ({@link #billed(CaseDetail)})
 * @param firstHumanAnswerAt when a person first answered the resident (not the automatic acknowledgement)
 * @param answeredBySelfServe whether a self-serve answer went to the resident automatically
 */
public record CaseFacts(Instant createdAt, Category category, Channel channel, Optional<String> area,
        Optional<Instant> firstResponseAt, Optional<Instant> resolvedAt, Map<PlatformCharge, Integer> billed,
        CaseStatus status, Optional<Instant> firstHumanAnswerAt, boolean answeredBySelfServe) {

    public CaseFacts {
        billed = Map.copyOf(billed);
    }

    private static final Pattern POSTCODE = Pattern.compile("(?i)^([A-Z]{1,2}\\d[A-Z\\d]?) ?\\d[A-Z]{2}$");
    private static final Pattern ROAD = Pattern.compile("(?i).*\\b(road|rd|street|st|lane|ln|avenue|ave|way|close|drive|dr|"
            + "crescent|place|hill|terrace|grove|court|gardens|row|walk|parade|square|bypass|a\\d+|b\\d+|m\\d+)$");

    public static CaseFacts of(CaseDetail detail) {
        var c = detail.c();
        return new CaseFacts(c.createdAt(), c.category(), c.channel(), c.place().flatMap(CaseFacts::area),
                first(detail.history(), e -> e.type().equals("reply_sent")),
                // Kept on the case since it has been; a case resolved before that is found in its history.
                c.resolvedAt().or(() -> first(detail.history(), e -> e.type().equals("status_changed") && e.detail().contains("-> resolved"))),
                billed(detail), c.status(),
                c.handling().firstHumanAnswerAt().or(() -> first(detail.history(), e -> e.type().equals(CaseEvent.REPLY_WRITTEN))),
                detail.history().stream().anyMatch(e -> e.type().equals(CaseEvent.ANSWERED_AUTOMATICALLY)));
    }

    /**
     * Whether the contact was really dealt with, so counts as one the phone did not have to take: a person answered,
     * a self-serve answer did, or staff took it forward (in progress, resolved, closed, or rejected with the reason
     * told). An acknowledgement alone, with nobody acting on it since, is not handling.
     */
    public boolean handled() {
        boolean staffActed = status == CaseStatus.IN_PROGRESS || status == CaseStatus.RESOLVED || status == CaseStatus.CLOSED
                || status == CaseStatus.REJECTED;
        return firstHumanAnswerAt.isPresent() || answeredBySelfServe || resolvedAt.isPresent() || staffActed;
    }

    /**
     * The platform charges of one case, counted from what it records: each resident's message on the case
     * was received at the case's visibility (an estimate: a resident who mentioned the council and then
     * wrote a DM is counted as two mentions), and each {@code reply_sent} event in its history is one reply,
     * in the form its description names (the reply ledger writes "as template ..." and "as a public
     * reply"; anything else is a message).
     */
    static Map<PlatformCharge, Integer> billed(CaseDetail detail) {
        Map<PlatformCharge, Integer> billed = new EnumMap<>(PlatformCharge.class);
        var c = detail.c();
        PlatformCharge.received(c.channel(), c.visibility()).ifPresent(charge -> billed.merge(charge, detail.messages().size(), Integer::sum));
        detail.history().stream().filter(e -> e.type().equals("reply_sent"))
                .forEach(e -> PlatformCharge.sent(c.channel(), form(e.detail())).ifPresent(charge -> billed.merge(charge, 1, Integer::sum)));
        return billed;
    }

    private static PlatformCharge.Form form(String replyDescription) {
        if (replyDescription.contains(" as template ")) {
            return PlatformCharge.Form.UTILITY_TEMPLATE;
        }
        return replyDescription.contains(" as a public reply") ? PlatformCharge.Form.PUBLIC_REPLY : PlatformCharge.Form.MESSAGE;
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
