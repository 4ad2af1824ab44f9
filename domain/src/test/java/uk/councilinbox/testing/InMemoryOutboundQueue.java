package uk.councilinbox.testing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import uk.councilinbox.messages.OutboundReply;
import uk.councilinbox.replies.OutboundQueue;

/**
 * {@link OutboundQueue} as a list that, like the FIFO queue, keeps one reply per {@code replyId} however often it
 * is queued. It can be taken down, to see what a queue outage leaves behind.
 */
public final class InMemoryOutboundQueue implements OutboundQueue {

    private final List<OutboundReply> enqueued = new ArrayList<>();
    private final Map<String, OutboundReply> toSend = new LinkedHashMap<>();
    private final Set<String> seen = new HashSet<>();
    private boolean down;

    @Override
    public synchronized void enqueue(OutboundReply reply) {
        if (down) {
            throw new IllegalStateException("outbound queue unavailable");
        }
        enqueued.add(reply);
        if (seen.add(reply.attemptKey())) {
            toSend.put(reply.attemptKey(), reply);
        }
    }

    public synchronized void down(boolean down) {
        this.down = down;
    }

    /** Every call to {@link #enqueue}, duplicates included. */
    public synchronized List<OutboundReply> enqueued() {
        return List.copyOf(enqueued);
    }

    /** The replies waiting for the sender, one per attempt key (as the FIFO queue deduplicates), in the order first queued. */
    public synchronized List<OutboundReply> toSend() {
        return List.copyOf(toSend.values());
    }

    /** Hands the waiting replies to a sender: they leave the queue, and their attempt keys stay deduplicated. */
    public synchronized List<OutboundReply> take() {
        List<OutboundReply> taken = List.copyOf(toSend.values());
        toSend.clear();
        return taken;
    }
}
