package uk.councilinbox.channels.x;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.util.EnumSet;
import java.util.Set;
import uk.councilinbox.channels.RestClients;
import uk.councilinbox.messages.Channel;
import uk.councilinbox.messages.OutboundReply;
import uk.councilinbox.replies.ChannelSender;
import uk.councilinbox.replies.DeliveryPlan;
import uk.councilinbox.replies.SendOutcome;
import uk.councilinbox.settings.InboxConfig;

/** Replies on X: a direct message, or a generic public reply to a mention. */
@ApplicationScoped
public class XSender implements ChannelSender {

    private final XApi api;
    private final String bearer;

    public XSender(InboxConfig config) {
        this.api = RestClients.create(XApi.class, config.x().apiUrl(), config.platformApi());
        this.bearer = "Bearer " + config.x().accessToken();
    }

    @Override
    public Set<Channel> channels() {
        return EnumSet.of(Channel.X);
    }

    @Override
    public SendOutcome send(OutboundReply reply, DeliveryPlan plan) {
        try {
            return switch (plan) {
                case DeliveryPlan.FreeForm f -> new SendOutcome.Sent(
                        api.sendDirectMessage(reply.residentId(), bearer, new XApi.DmRequest(reply.text())).data().eventId());
                case DeliveryPlan.PublicReply p -> new SendOutcome.Sent(
                        api.post(bearer, new XApi.PostRequest(reply.text(), new XApi.Reply(p.inReplyTo()))).data().id());
                default -> new SendOutcome.Refused("X cannot send " + plan);
            };
        } catch (WebApplicationException e) {
            return outcome(e.getResponse().getStatus());
        } catch (ProcessingException e) {
            return new SendOutcome.RetryLater("X API unreachable: " + e.getClass().getSimpleName());
        }
    }

    /** X answers problems with the status code that says it all: 429 rate or cap, 403 DM settings or a block. */
    static SendOutcome outcome(int status) {
        if (status == 429 || status >= 500) {
            return new SendOutcome.RetryLater("HTTP " + status + " (rate limit or temporary)");
        }
        return switch (status) {
            case 401 -> SendOutcome.Refused.credentials("HTTP 401 (access token invalid: an operator must renew it)");
            case 403 -> new SendOutcome.Refused("HTTP 403 (the resident does not accept our messages, or has blocked us)");
            case 404 -> new SendOutcome.Refused("HTTP 404 (the account or post is gone)");
            default -> new SendOutcome.Refused("HTTP " + status);
        };
    }
}
