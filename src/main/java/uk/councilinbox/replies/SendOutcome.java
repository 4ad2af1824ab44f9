package uk.councilinbox.replies;

/** What became of one reply. */
public sealed interface SendOutcome {

    /** Delivered to the platform, which gave it this id. */
    record Sent(String platformMessageId) implements SendOutcome {}

    /** Rate-limited or a passing fault: try again later. */
    record RetryLater(String reason) implements SendOutcome {}

    /** Refused for good (blocked, outside the window, bad recipient, bad token): record it, do not retry. */
    record Refused(String reason) implements SendOutcome {}

    /** Not sent because the platform's rules do not allow it now (see {@link DeliveryRules}). */
    record Held(String reason) implements SendOutcome {}

    /** Handled by an earlier delivery of the same reply: nothing sent again. */
    record AlreadyHandled() implements SendOutcome {}
}
