package uk.councilinbox.replies;

import java.time.Clock;
import java.time.Instant;
import uk.councilinbox.messages.InboundMessage;
import uk.councilinbox.messages.OutboundReply;

/**
 * Replies held outside a platform's reply window (a Messenger update a week after the resident last
 * wrote) go out when the resident next writes, which opens the window again. Each is queued under a
 * new id derived from the held one, so a re-run queues it once and the sender sends it once.
 */
public final class HeldReplies {

    private final ReplyLedger ledger;
    private final OutboundQueue outbound;
    private final Clock clock;

    public HeldReplies(ReplyLedger ledger, OutboundQueue outbound, Clock clock) {
        this.ledger = ledger;
        this.outbound = outbound;
        this.clock = clock;
    }

    public void residentWrote(InboundMessage message) {
        if (!DeliveryRules.holdsUntilResidentWrites(message.channel())) {
            return;
        }
        for (OutboundReply held : ledger.heldUntilResidentWrites(message.residentKey(), clock.instant())) {
            outbound.enqueue(releasedCopy(held, message.sentAt()));
            ledger.released(held);
        }
    }

    private OutboundReply releasedCopy(OutboundReply held, Instant residentWrote) {
        return new OutboundReply(held.replyId() + "~released", held.kind(), held.reference(), held.channel(), held.residentId(),
                held.visibility(), held.replyTarget(), held.text(), residentWrote, clock.instant(), held.templateParameters());
    }
}
