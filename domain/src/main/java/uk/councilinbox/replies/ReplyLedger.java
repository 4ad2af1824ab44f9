package uk.councilinbox.replies;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import uk.councilinbox.cases.Reference;
import uk.councilinbox.messages.DeliveryReport;
import uk.councilinbox.messages.OutboundReply;

/**
 * The record of every reply's fate, which makes sending idempotent: a reply is claimed before it is
 * sent and its outcome recorded (on the case history too) after, so a redelivered reply is not sent again.
 */
public interface ReplyLedger {

    enum Claim {
        /** This delivery may send the reply. */
        CLAIMED,
        /** The reply's outcome is already recorded. */
        DONE,
        /** Another delivery is sending it right now (its lease has not run out). */
        IN_FLIGHT
    }

    /** Claims the reply for {@code lease}; a claim whose lease ran out (its sender crashed) can be taken over. */
    Claim claim(String replyId, Instant now, Duration lease);

    /** Gives up a claim so a later delivery can try again. */
    void release(String replyId);

    /**
     * Records the final outcome (sent, refused, held) on the reply and on its case's history. A reply held
     * {@linkplain DeliveryPlan.Held#untilResidentWrites() until the resident writes} is kept for
     * {@link #heldUntilResidentWrites} in the same write.
     */
    void record(OutboundReply reply, DeliveryPlan plan, SendOutcome outcome, Instant at);

    /** The replies held for this resident until they write again and not yet stale, oldest first. */
    List<OutboundReply> heldUntilResidentWrites(String residentKey, Instant now);

    /** Forgets a held reply once it has been queued again. */
    void released(OutboundReply held);

    /**
     * Records on the case that a reply the platform accepted did not reach the resident, so the thread shows it
     * failed and the agent sees it. Recording the same report twice leaves one entry.
     */
    void deliveryFailed(Reference reference, DeliveryReport report);
}
