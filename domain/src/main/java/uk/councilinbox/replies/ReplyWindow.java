package uk.councilinbox.replies;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How long a reply a person writes can still reach the resident ({@link DeliveryRules#windowForPerson}).
 *
 * @param freeFormUntil until when it goes as an ordinary message; empty when the channel has no window
 * @param replyUntil until when it can go at all (with the human agent tag, say); empty when there is no limit
 * @param afterwards what happens to a reply written after {@code freeFormUntil}, in words for the agent
 */
public record ReplyWindow(Optional<Instant> freeFormUntil, Optional<Instant> replyUntil, String afterwards) {

    public static final ReplyWindow UNLIMITED = new ReplyWindow(Optional.empty(), Optional.empty(), "");

    /** Time left for a reply to go at all, zero once it has closed; empty when there is no limit. */
    public Optional<Duration> replyLeft(Instant now) {
        return replyUntil.map(until -> now.isBefore(until) ? Duration.between(now, until) : Duration.ZERO);
    }
}
