package uk.councilinbox.staff;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import uk.councilinbox.cases.Case;
import uk.councilinbox.cases.CaseStore;
import uk.councilinbox.cases.CaseStore.Waiting;
import uk.councilinbox.replies.DeliveryRules;
import uk.councilinbox.replies.ReplyWindow;

/**
 * The agents' inbox: cases waiting for a person's answer, longest waiting first, each with how long the
 * resident has waited and how much of the platform's reply window is left; and, apart, the cases where staff
 * are waiting on the resident.
 */
public final class Inbox {

    public static final int MAX_LIMIT = 200;
    /** The inbox is read whole up to this many before filtering by assignee: one index partition, oldest first. */
    static final int READ_AT_MOST = 1_000;

    /** Whose cases to list. */
    public enum Filter {
        ALL,
        MINE,
        UNASSIGNED
    }

    /**
     * @param since when the oldest message not yet answered arrived (or, waiting on the resident, when staff asked)
     * @param replyLeft how long a person's reply can still go; empty when there is no limit
     */
    public record Entry(Case c, Instant since, Duration waited, ReplyWindow window, Optional<Duration> replyLeft) {}

    private final CaseStore store;
    private final DeliveryRules rules;
    private final Clock clock;

    public Inbox(CaseStore store, DeliveryRules rules, Clock clock) {
        this.store = store;
        this.rules = rules;
        this.clock = clock;
    }

    public List<Entry> waiting(StaffUser user, Waiting which, Filter filter, int limit) {
        Instant now = clock.instant();
        Predicate<Case> whose = switch (filter) {
            case ALL -> c -> true;
            case MINE -> c -> c.handling().assignee().equals(Optional.of(user.id()));
            case UNASSIGNED -> c -> c.handling().assignee().isEmpty();
        };
        return store.waiting(which, filter == Filter.ALL ? limit : READ_AT_MOST).stream().filter(whose).limit(limit)
                .map(c -> entry(c, c.handling().waitingSince(which).orElse(c.lastResidentMessageAt()), now)).toList();
    }

    private Entry entry(Case c, Instant since, Instant now) {
        ReplyWindow window = rules.windowForPerson(c.channel(), c.visibility(), c.lastResidentMessageAt());
        return new Entry(c, since, Duration.between(since, now), window, window.replyLeft(now));
    }
}
