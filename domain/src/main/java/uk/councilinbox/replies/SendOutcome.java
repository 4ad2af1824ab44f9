package uk.councilinbox.replies;

import java.time.Duration;

/** What became of one reply. */
public sealed interface SendOutcome {

    /** Delivered to the platform, which gave it this id. */
    record Sent(String platformMessageId) implements SendOutcome {}

    /** Rate-limited or a passing fault: try again later, and not before {@code atLeast} has passed. */
    record RetryLater(String reason, Duration atLeast) implements SendOutcome {
        public RetryLater(String reason) {
            this(reason, Duration.ZERO);
        }
    }

    /**
     * Refused for good (blocked, outside the window, bad recipient, bad token): record it, do not retry.
     * {@code operatorMustAct} when the council's own credentials were refused, so every reply on that
     * channel will fail until someone renews them.
     */
    record Refused(String reason, boolean operatorMustAct) implements SendOutcome {
        public Refused(String reason) {
            this(reason, false);
        }

        public static Refused credentials(String reason) {
            return new Refused(reason, true);
        }
    }

    /** Not sent because the platform's rules do not allow it now (see {@link DeliveryRules}). */
    record Held(String reason) implements SendOutcome {}

    /** Over a platform's sending limit: saved to be queued again at {@code turn} ({@link SendPacing}). */
    record Deferred(java.time.Instant turn) implements SendOutcome {}

    /** Handled by an earlier delivery of the same reply: nothing sent again. */
    record AlreadyHandled() implements SendOutcome {}
}
