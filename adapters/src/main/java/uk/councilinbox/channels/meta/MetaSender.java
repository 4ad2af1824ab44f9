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

/**
 * Replies on Messenger and Instagram, and private replies to Facebook comments, through the Send API
 * ({@code POST /{account-id}/messages}; {@link MetaSendRoutes} decides host, account and token).
 */
@ApplicationScoped
public class MetaSender implements ChannelSender {

    private final Client page;
    private final Client instagram;
    private final ObjectMapper json;

    /** A route and the REST client for its host. */
    private record Client(MetaGraphApi api, MetaSendRoutes.Route route) {
        MetaGraphApi.SendResponse send(MetaGraphApi.SendRequest request) {
            return api.send(route.accountId(), route.bearer(), request);
        }
    }

    public MetaSender(InboxConfig config, MetaSendRoutes routes, ObjectMapper json) {
        this.page = client(config, routes.page());
        this.instagram = routes.instagram().equals(routes.page()) ? page : client(config, routes.instagram());
        this.json = json;
    }

    private static Client client(InboxConfig config, MetaSendRoutes.Route route) {
        return new Client(RestClients.create(MetaGraphApi.class, config.graphApi().baseUrl(route.host()), config.platformApi()), route);
    }

    @Override
    public Set<Channel> channels() {
        return EnumSet.of(Channel.MESSENGER, Channel.INSTAGRAM, Channel.FACEBOOK);
    }

    @Override
    public SendOutcome send(OutboundReply reply, DeliveryPlan plan) {
        MetaGraphApi.SendRequest request = switch (plan) {
            case DeliveryPlan.FreeForm f -> direct(reply, "RESPONSE", null, MetaGraphApi.Message.text(reply.text()));
            case DeliveryPlan.Tagged t -> direct(reply, "MESSAGE_TAG", t.tag(), MetaGraphApi.Message.text(reply.text()));
            case DeliveryPlan.UtilityTemplate u when reply.channel() == Channel.MESSENGER -> direct(reply, "UTILITY", null,
                    MetaGraphApi.Message.template(u.name(), u.language(), u.parameters()));
            case DeliveryPlan.PrivateReplyToComment c -> new MetaGraphApi.SendRequest(
                    new MetaGraphApi.Recipient(null, c.commentId()), null, null, MetaGraphApi.Message.text(reply.text()));
            default -> null;
        };
        if (request == null) {
            return new SendOutcome.Refused("Meta cannot send " + plan + " on " + reply.channel().label());
        }
        try {
            var response = (reply.channel() == Channel.INSTAGRAM ? instagram : page).send(request);
            return new SendOutcome.Sent(response.messageId());
        } catch (RuntimeException e) {
            return MetaErrors.outcome(e, json);
        }
    }

    private static MetaGraphApi.SendRequest direct(OutboundReply reply, String messagingType, String tag, MetaGraphApi.Message message) {
        return new MetaGraphApi.SendRequest(new MetaGraphApi.Recipient(reply.residentId(), null), messagingType, tag, message);
    }
}
