package uk.councilinbox.replies;

import uk.councilinbox.messages.OutboundReply;

/**
 * Hands replies to the sender. Queuing the same {@code replyId} twice leaves one reply to send: the queue keeps one copy
 * for a while, and the sender checks the ledger before sending a reply that may have been queued before ({@link #enqueue}).
 */
public interface OutboundQueue {

    /**
     * The reply is on the queue when this returns: for a caller that next forgets its own copy of it. The reply may have
     * been queued before (a re-run queues it again), so the sender checks it was not handled already.
     */
    void enqueue(OutboundReply reply);

    /**
     * The reply is on the queue by the time the message being handled is done: the edge may send it with the others
     * of its batch. Only for a reply queued here once, with the write that first records that message (a redelivery
     * of the message queues it again through {@link #enqueue}): its first delivery is sent without a ledger read.
     */
    default void enqueueWithMessage(OutboundReply reply) {
        enqueue(reply);
    }
}
