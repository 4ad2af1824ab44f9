package uk.councilinbox.replies;

import java.util.Set;
import uk.councilinbox.channels.Channel;

/** Sends replies through one platform's API. */
public interface ChannelSender {

    Set<Channel> channels();

    SendOutcome send(OutboundReply reply);
}
