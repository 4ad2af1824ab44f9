package uk.councilinbox.replies;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The state of one {@link SendingLimit}'s counter: the sends inside its window, oldest first, and the next
 * turn free for the backlog. Pure, so every {@link SendBudget} counts the same way.
 */
public record SendCount(List<Instant> sends, Optional<Instant> nextTurn) {

    public SendCount {
        sends = List.copyOf(sends);
    }

    public static SendCount none() {
        return new SendCount(List.of(), Optional.empty());
    }

    /** @param turn empty when the send was counted; otherwise the backlog turn booked instead */
    public record Taken(SendCount after, Optional<Instant> turn) {}

    public Taken take(SendingLimit limit, Instant now) {
        List<Instant> inWindow = new ArrayList<>(sends.stream().filter(at -> at.isAfter(now.minus(limit.window()))).sorted().toList());
        if (inWindow.size() < limit.count()) {
            inWindow.add(now);
            return new Taken(new SendCount(inWindow, nextTurn.filter(now::isBefore)), Optional.empty());
        }
        Instant freed = inWindow.get(inWindow.size() - limit.count()).plus(limit.window());
        Instant turn = nextTurn.filter(freed::isBefore).orElse(freed);
        return new Taken(new SendCount(inWindow, Optional.of(turn.plus(limit.spacing()))), Optional.of(turn));
    }
}
