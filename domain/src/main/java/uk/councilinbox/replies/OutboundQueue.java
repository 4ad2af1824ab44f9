package uk.councilinbox.replies;

import uk.councilinbox.messages.OutboundReply;

/** Hands replies to the sender. Queuing the same {@code replyId} twice leaves one reply to send. */
public interface OutboundQueue {

    /** The reply is on the queue when this returns: for a caller that next forgets its own copy of it. */
    void enqueue(OutboundReply reply);

    /**
     * The reply is on the queue by the time the message being handled is done: the edge may send it with the others
     * of its batch. Only for a reply that a redelivery of that message queues again if it is lost.
     */
    default void enqueueWithMessage(OutboundReply reply) {
        enqueue(reply);
    }
}
