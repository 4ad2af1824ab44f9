package uk.councilinbox.replies;

import uk.councilinbox.messages.OutboundReply;

/** Hands replies to the sender. Queuing the same {@code replyId} twice leaves one reply to send. */
public interface OutboundQueue {
    void enqueue(OutboundReply reply);
}
