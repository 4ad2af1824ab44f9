package uk.councilinbox.replies;

import java.time.Instant;
import java.util.Optional;

/** Counts sends against a {@link SendingLimit}, shared by every sender of the council's account. */
public interface SendBudget {

    /**
     * Counts one send at {@code now} when the limit allows it, and returns empty. Otherwise counts nothing,
     * books the next turn of the backlog waiting on this limit (turns one {@linkplain SendingLimit#spacing()
     * spacing} apart, none before the limit frees a place) and returns when that turn is.
     */
    Optional<Instant> take(SendingLimit limit, Instant now);
}
