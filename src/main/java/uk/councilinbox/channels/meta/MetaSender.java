package uk.councilinbox.channels.meta;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.util.EnumSet;
import java.util.Set;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import uk.councilinbox.channels.Channel;
import uk.councilinbox.config.InboxConfig;
import uk.councilinbox.replies.ChannelSender;
import uk.councilinbox.replies.OutboundReply;
import uk.councilinbox.replies.SendOutcome;

/** Replies on Messenger and Instagram through the Send API. */
@ApplicationScoped
public class MetaSender implements ChannelSender {

    private final MetaGraphApi api;
    private final String bearer;
    private final ObjectMapper json;

    public MetaSender(@RestClient MetaGraphApi api, InboxConfig config, ObjectMapper json) {
        this.api = api;
        this.bearer = "Bearer " + config.meta().pageAccessToken();
        this.json = json;
    }

    @Override
    public Set<Channel> channels() {
        return EnumSet.of(Channel.MESSENGER, Channel.INSTAGRAM);
    }

    @Override
    public SendOutcome send(OutboundReply reply) {
        var request = new MetaGraphApi.SendRequest(new MetaGraphApi.Recipient(reply.residentId(), null), "RESPONSE", null,
                new MetaGraphApi.Message(reply.text()));
        try {
            return new SendOutcome.Sent(api.send(bearer, request).messageId());
        } catch (WebApplicationException e) {
            return MetaErrors.outcome(e.getResponse().getStatus(), e.getResponse().readEntity(String.class), json);
        } catch (ProcessingException e) {
            return new SendOutcome.RetryLater("Send API unreachable: " + e.getClass().getSimpleName());
        }
    }
}
