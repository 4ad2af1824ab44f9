package uk.councilinbox.messages;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Where one outbound message stands. The sender sets the first states (queued, deferred, held, sent, failed
 * when refused); the platforms' status webhooks then move a sent message forward only: sent, delivered, read,
 * with failed winning over sent and delivered but not over read (it arrived). A status that does not move the
 * message forward (a redelivery, a late {@code delivered} after {@code read}) changes nothing.
 */
public enum DeliveryState {
    QUEUED, DEFERRED, HELD, SENT, DELIVERED, READ, FAILED;

    /** The states a platform's report of this state moves a message out of; empty for states no platform reports. */
    public Set<DeliveryState> reportedFrom() {
        return switch (this) {
            case DELIVERED -> EnumSet.of(SENT);
            case READ, FAILED -> EnumSet.of(SENT, DELIVERED);
            default -> EnumSet.noneOf(DeliveryState.class);
        };
    }

    /** Whether a platform's report of {@code reported} moves a message from this state. */
    public boolean movesTo(DeliveryState reported) {
        return reported.reportedFrom().contains(this);
    }

    public boolean reportable() {
        return !reportedFrom().isEmpty();
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
