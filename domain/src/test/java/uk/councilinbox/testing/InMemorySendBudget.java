package uk.councilinbox.testing;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import uk.councilinbox.replies.SendBudget;
import uk.councilinbox.replies.SendCount;
import uk.councilinbox.replies.SendingLimit;

/** Each limit's {@link SendCount} kept in memory. */
public final class InMemorySendBudget implements SendBudget {

    private final Map<String, SendCount> counts = new HashMap<>();

    @Override
    public synchronized Optional<Instant> take(SendingLimit limit, Instant now) {
        SendCount.Taken taken = counts.getOrDefault(limit.name(), SendCount.none()).take(limit, now);
        counts.put(limit.name(), taken.after());
        return taken.turn();
    }
}
