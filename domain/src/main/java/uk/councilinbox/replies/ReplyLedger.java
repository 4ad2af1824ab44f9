package uk.councilinbox.replies;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import uk.councilinbox.cases.Reference;
import uk.councilinbox.messages.DeliveryReport;
import uk.councilinbox.messages.DeliveryState;
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
     * Records the final outcome (sent, refused, held) on the reply, on its case's history and as the outbound
     * message's state on the case (a sent one with the platform's message id, so its status reports find it). A reply held
     * {@linkplain DeliveryPlan.Held#untilResidentWrites() until the resident writes} is kept for
     * {@link #heldUntilResidentWrites} in the same write.
     */
    void record(OutboundReply reply, DeliveryPlan plan, SendOutcome outcome, Instant at);

    /** The replies held for this resident until they write again and not yet stale, oldest first. */
    List<OutboundReply> heldUntilResidentWrites(String residentKey, Instant now);

    /** Forgets a held reply once it has been queued again. */
    void released(OutboundReply held);

    /** A sent message a platform reported on, as it stands now. */
    record Tracked(Reference reference, String replyId, DeliveryState state) {}

    /**
     * The messages sent from here that the report is about (by the platform's message id, or for a watermark every
     * one sent to the resident up to it), each with its state; empty when none was sent from here.
     */
    List<Tracked> reportedOn(DeliveryReport report);

    /**
     * Moves the message to the report's state, in one conditional write, if it stands where that state may follow
     * ({@link DeliveryState#reportedFrom()}); false when it had moved on meanwhile. A failure also records a
     * {@code reply_failed} event on the case in the same write, so the agent sees it; a redelivered failure adds none.
     */
    boolean advance(Tracked message, DeliveryReport report);
}
