package uk.councilinbox.channels.whatsapp;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumSet;
import java.util.Set;
import uk.councilinbox.channels.RestClients;
import uk.councilinbox.channels.meta.MetaErrors;
import uk.councilinbox.messages.Channel;
import uk.councilinbox.messages.OutboundReply;
import uk.councilinbox.replies.ChannelSender;
import uk.councilinbox.replies.DeliveryPlan;
import uk.councilinbox.replies.SendOutcome;
import uk.councilinbox.settings.InboxConfig;

/** Replies on WhatsApp: free text inside the 24-hour window, the approved update template outside it. */
@ApplicationScoped
public class WhatsAppSender implements ChannelSender {

    private final WhatsAppCloudApi api;
    private final InboxConfig.WhatsApp config;
    private final String bearer;
    private final ObjectMapper json;

    public WhatsAppSender(InboxConfig config, ObjectMapper json) {
        this.config = config.whatsapp();
        this.api = RestClients.create(WhatsAppCloudApi.class, config.graphApi().baseUrl(this.config.graphUrl()), config.platformApi());
        this.bearer = "Bearer " + this.config.accessToken();
        this.json = json;
    }

    @Override
    public Set<Channel> channels() {
        return EnumSet.of(Channel.WHATSAPP);
    }

    @Override
    public SendOutcome send(OutboundReply reply, DeliveryPlan plan) {
        WhatsAppCloudApi.SendRequest request = switch (plan) {
            case DeliveryPlan.FreeForm f -> WhatsAppCloudApi.SendRequest.text(reply.residentId(), reply.text(), reply.reference());
            case DeliveryPlan.Template t -> WhatsAppCloudApi.SendRequest.template(reply.residentId(), t.name(), config.templateLanguage(),
                    reply.templateParameters(), reply.reference());
            default -> null;
        };
        if (request == null) {
            return new SendOutcome.Refused("WhatsApp cannot send " + plan);
        }
        try {
            var response = api.send(config.phoneNumberId(), bearer, request);
            if (response == null || response.messages() == null || response.messages().isEmpty()) {
                return new SendOutcome.RetryLater("WhatsApp answered without a message id");
            }
            return new SendOutcome.Sent(response.messages().getFirst().id());
        } catch (RuntimeException e) {
            return MetaErrors.outcome(e, json);
        }
    }
}
