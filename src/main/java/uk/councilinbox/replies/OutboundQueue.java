package uk.councilinbox.replies;

/** Hands replies to the sender. Queuing the same {@code replyId} twice leaves one reply to send. */
public interface OutboundQueue {
    void enqueue(OutboundReply reply);
}
