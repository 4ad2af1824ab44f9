package uk.councilinbox.replies;

import java.time.Duration;
import java.time.Instant;
import uk.councilinbox.cases.CaseStore;
import uk.councilinbox.messages.OutboundReply;

/**
 * Moves progress updates saved with a case change (the transactional outbox) onto the outbound queue:
 * at once after the change, and again from the scheduled sweep for any a crash or a queue outage left
 * behind. The queue deduplicates by reply id and the sender's ledger sends each once, so moving a
 * reply twice is harmless. Replies deferred by {@link SendPacing} wait here too, until their turn.
 */
public final class PendingReplies {

    private static final System.Logger LOG = System.getLogger(PendingReplies.class.getName());
    /** Younger pending replies are probably being queued by the change that wrote them. */
    static final Duration SWEEP_AFTER = Duration.ofSeconds(30);

    private final CaseStore store;
    private final OutboundQueue outbound;

    public PendingReplies(CaseStore store, OutboundQueue outbound) {
        this.store = store;
        this.outbound = outbound;
    }

    /** Queues one pending reply now; if the queue is down, the sweep will. */
    public void queue(OutboundReply reply) {
        try {
            outbound.enqueue(reply);
            store.replyQueued(reply.attemptKey());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Reply {0} left pending for the sweep ({1})", reply.replyId(), e.getClass().getSimpleName());
        }
    }

    /** Saves a reply that must wait for its turn ({@link SendPacing}); the sweep queues it again from {@code turn}. */
    public void defer(OutboundReply reply, Instant turn) {
        store.deferReply(reply.deferred(), turn.minus(SWEEP_AFTER));
    }

    /** @return how many pending replies were queued */
    public int sweep(Instant now, int limit) {
        int queued = 0;
        for (OutboundReply reply : store.pendingReplies(now.minus(SWEEP_AFTER), limit)) {
            outbound.enqueue(reply);
            store.replyQueued(reply.attemptKey());
            queued++;
        }
        return queued;
    }
}
