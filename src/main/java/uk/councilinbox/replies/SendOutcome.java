package uk.councilinbox.replies;

/** What a platform said to one send. */
public sealed interface SendOutcome {

    /** Delivered to the platform, which gave it this id. */
    record Sent(String platformMessageId) implements SendOutcome {}

    /** Rate-limited or a passing fault: try again later. */
    record RetryLater(String reason) implements SendOutcome {}

    /** Refused for good (blocked, outside the window, bad recipient, bad token): record it, do not retry. */
    record Refused(String reason) implements SendOutcome {}
}
