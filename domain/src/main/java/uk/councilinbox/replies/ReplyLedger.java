package uk.councilinbox.replies;

import java.time.Instant;
import java.util.List;
import uk.councilinbox.cases.Reference;
import uk.councilinbox.messages.DeliveryReport;
import uk.councilinbox.messages.DeliveryState;
import uk.councilinbox.messages.OutboundReply;

/**
 * The record of every reply's fate, which makes sending idempotent: each reply's outcome is recorded once (on the case
 * history too), and a delivery that may repeat an earlier one looks for it first, so a reply already handled is not sent
 * again. Deliveries of one resident's replies never overlap (one FIFO message group per resident), so there is nothing to
 * lock while a reply is being sent.
 */
public interface ReplyLedger {

    /** Whether the reply's outcome (sent, refused, held) is already recorded, read strongly consistently. */
    boolean handled(OutboundReply reply);

    /**
     * Records the final outcome (sent, refused, held) on the reply, on its case's history and as the outbound
     * message's state on the case (a sent one with the platform's message id, so its status reports find it). A reply held
     * {@linkplain DeliveryPlan.Held#untilResidentWrites() until the resident writes} is kept for
     * {@link #heldUntilResidentWrites} in the same write.
     *
     * @return false, writing nothing, when an outcome was recorded already (deliveries overlapped, which one message group
     *     per resident should rule out)
     */
    boolean record(OutboundReply reply, DeliveryPlan plan, SendOutcome outcome, Instant at);

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
