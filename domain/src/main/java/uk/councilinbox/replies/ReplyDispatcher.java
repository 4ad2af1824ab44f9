package uk.councilinbox.replies;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import uk.councilinbox.messages.Channel;
import uk.councilinbox.messages.OutboundReply;

/** Routes each reply to the sender for its channel. */
public final class ReplyDispatcher {

    private final Map<Channel, ChannelSender> senders = new EnumMap<>(Channel.class);

    public ReplyDispatcher(List<ChannelSender> channelSenders) {
        for (ChannelSender sender : channelSenders) {
            sender.channels().forEach(channel -> senders.put(channel, sender));
        }
    }

    public SendOutcome dispatch(OutboundReply reply, DeliveryPlan plan) {
        ChannelSender sender = senders.get(reply.channel());
        if (sender == null) {
            return new SendOutcome.Refused("no sender configured for " + reply.channel().label());
        }
        return sender.send(reply, plan);
    }
}
