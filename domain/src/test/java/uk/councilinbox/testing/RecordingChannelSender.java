package uk.councilinbox.testing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import uk.councilinbox.messages.Channel;
import uk.councilinbox.messages.OutboundReply;
import uk.councilinbox.replies.ChannelSender;
import uk.councilinbox.replies.DeliveryPlan;
import uk.councilinbox.replies.SendOutcome;

/** A {@link ChannelSender} that keeps every reply it is asked to send and answers {@code Sent}, unless a test queued other answers. */
public final class RecordingChannelSender implements ChannelSender {

    /** One call to {@link #send}: the reply and how the rules said it may go. */
    public record Attempt(OutboundReply reply, DeliveryPlan plan) {}

    private final Set<Channel> channels;
    private final Deque<SendOutcome> answers = new ArrayDeque<>();
    private final List<Attempt> attempts = new ArrayList<>();

    public RecordingChannelSender(Channel first, Channel... more) {
        this.channels = EnumSet.of(first, more);
    }

    /** The answers to the next sends, in order; after them every send is {@code Sent}. */
    public synchronized RecordingChannelSender answering(SendOutcome... outcomes) {
        answers.addAll(List.of(outcomes));
        return this;
    }

    @Override
    public Set<Channel> channels() {
        return channels;
    }

    @Override
    public synchronized SendOutcome send(OutboundReply reply, DeliveryPlan plan) {
        attempts.add(new Attempt(reply, plan));
        SendOutcome answer = answers.poll();
        return answer != null ? answer : new SendOutcome.Sent(reply.channel().label() + "-message-" + attempts.size());
    }

    /** Every send asked for, answered as sent or not. */
    public synchronized List<Attempt> attempts() {
        return List.copyOf(attempts);
    }
}
