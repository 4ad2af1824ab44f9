package uk.councilinbox.replies;

import java.time.Duration;

/**
 * A platform's cap on one kind of send: at most {@code count} in any {@code window}.
 *
 * @param name names the counter, so each limit is counted on its own
 */
public record SendingLimit(String name, int count, Duration window) {

    public SendingLimit {
        if (count < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a sending limit needs a count and a window: " + count + " per " + window);
        }
    }

    /** The gap between sends that keeps a backlog within the limit. */
    public Duration spacing() {
        return window.dividedBy(count);
    }
}
