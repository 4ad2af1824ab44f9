package uk.councilinbox.channels.meta;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumSet;
import java.util.Set;
import uk.councilinbox.channels.RestClients;
import uk.councilinbox.messages.Channel;
import uk.councilinbox.messages.OutboundReply;
import uk.councilinbox.replies.ChannelSender;
import uk.councilinbox.replies.DeliveryPlan;
import uk.councilinbox.replies.SendOutcome;
import uk.councilinbox.settings.InboxConfig;

/** Replies on Messenger and Instagram, and private replies to Facebook comments, through the Send API. */
@ApplicationScoped
public class MetaSender implements ChannelSender {

    private final MetaGraphApi page;
    private final MetaGraphApi instagram;
    private final String pageBearer;
    private final String instagramBearer;
    private final ObjectMapper json;

    public MetaSender(InboxConfig config, ObjectMapper json) {
        this.page = RestClients.create(MetaGraphApi.class, config.graphApi().baseUrl(config.meta().graphUrl()), config.platformApi());
        this.instagram = RestClients.create(MetaGraphApi.class, config.graphApi().baseUrl(config.instagram().graphUrl()),
                config.platformApi());
        this.pageBearer = "Bearer " + config.meta().pageAccessToken();
        this.instagramBearer = "Bearer " + config.instagram().accessToken();
        this.json = json;
    }

    @Override
    public Set<Channel> channels() {
        return EnumSet.of(Channel.MESSENGER, Channel.INSTAGRAM, Channel.FACEBOOK);
    }

    @Override
    public SendOutcome send(OutboundReply reply, DeliveryPlan plan) {
        MetaGraphApi.SendRequest request = switch (plan) {
            case DeliveryPlan.FreeForm f -> direct(reply, "RESPONSE", null);
            case DeliveryPlan.Tagged t -> direct(reply, "MESSAGE_TAG", t.tag());
            case DeliveryPlan.PrivateReplyToComment c -> new MetaGraphApi.SendRequest(
                    new MetaGraphApi.Recipient(null, c.commentId()), null, null, new MetaGraphApi.Message(reply.text()));
            default -> null;
        };
        if (request == null) {
            return new SendOutcome.Refused("Meta cannot send " + plan);
        }
        boolean viaInstagram = reply.channel() == Channel.INSTAGRAM;
        try {
            var response = (viaInstagram ? instagram : page).send(viaInstagram ? instagramBearer : pageBearer, request);
            return new SendOutcome.Sent(response.messageId());
        } catch (RuntimeException e) {
            return MetaErrors.outcome(e, json);
        }
    }

    private static MetaGraphApi.SendRequest direct(OutboundReply reply, String messagingType, String tag) {
        return new MetaGraphApi.SendRequest(new MetaGraphApi.Recipient(reply.residentId(), null), messagingType, tag,
                new MetaGraphApi.Message(reply.text()));
    }
}
