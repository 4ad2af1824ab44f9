package uk.councilinbox.replies;

import java.util.Set;
import uk.councilinbox.messages.Channel;
import uk.councilinbox.messages.OutboundReply;

/** Sends replies through one platform's API, in the way the delivery plan allows. */
public interface ChannelSender {

    Set<Channel> channels();

    /** Never throws for a platform's answer: every error maps to {@link SendOutcome.RetryLater} or {@link SendOutcome.Refused}. */
    SendOutcome send(OutboundReply reply, DeliveryPlan plan);
}
