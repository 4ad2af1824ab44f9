package uk.councilinbox.channels.whatsapp;

import static uk.councilinbox.channels.JsonPayloads.instant;
import static uk.councilinbox.channels.JsonPayloads.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import uk.councilinbox.channels.JsonPayloads;
import uk.councilinbox.channels.meta.MetaSignedWebhook;
import uk.councilinbox.ingest.Delivery;
import uk.councilinbox.ingest.MalformedPayloadException;
import uk.councilinbox.messages.Attachment;
import uk.councilinbox.messages.Channel;
import uk.councilinbox.messages.InboundMessage;
import uk.councilinbox.messages.Visibility;
import uk.councilinbox.settings.InboxConfig;

/**
 * {@code /webhooks/whatsapp}: WhatsApp Cloud API {@code messages} changes. Text, location, media (image,
 * video, document, voice note, sticker) and button or list replies become residents' messages; delivery
 * statuses, reactions and other kinds are acknowledged and counted.
 */
@Singleton
public class WhatsAppWebhook extends MetaSignedWebhook {

    /** Logged when WhatsApp reports that a reply it accepted was not delivered. */
    public static final String DELIVERY_FAILED = "WHATSAPP_DELIVERY_FAILED";

    private static final Logger LOG = Logger.getLogger(WhatsAppWebhook.class);

    /** Message types that carry one media object under their own name, and what kind of attachment it is. */
    private static final Map<String, Attachment.Kind> MEDIA_KINDS = Map.of(
            "image", Attachment.Kind.IMAGE, "sticker", Attachment.Kind.IMAGE, "video", Attachment.Kind.VIDEO,
            "document", Attachment.Kind.FILE, "audio", Attachment.Kind.OTHER);

    public WhatsAppWebhook(ObjectMapper json, InboxConfig config, Clock clock) {
        super(json, config, clock);
    }

    @Override
    public String name() {
        return "whatsapp";
    }

    @Override
    public Delivery parse(byte[] rawBody) throws MalformedPayloadException {
        JsonNode root = JsonPayloads.parseObject(json, rawBody);
        if (!"whatsapp_business_account".equals(root.path("object").asText())) {
            return new Delivery(List.of(), root.path("entry").size());
        }
        if (!root.path("entry").isArray()) {
            throw new MalformedPayloadException("entry must be an array");
        }
        List<InboundMessage> messages = new ArrayList<>();
        int ignored = 0;
        for (JsonNode entry : root.path("entry")) {
            if (entry.has("changes") && !entry.path("changes").isArray()) {
                throw new MalformedPayloadException("changes must be an array");
            }
            for (JsonNode change : entry.path("changes")) {
                JsonNode value = change.path("value");
                if (!"messages".equals(change.path("field").asText())) {
                    ignored++;
                    continue;
                }
                if (value.has("messages") && !value.path("messages").isArray()) {
                    throw new MalformedPayloadException("messages must be an array");
                }
                ignored += value.path("statuses").size();
                value.path("statuses").forEach(WhatsAppWebhook::reportFailure);
                for (JsonNode message : value.path("messages")) {
                    Optional<InboundMessage> parsed = fromMessage(message);
                    parsed.ifPresent(messages::add);
                    ignored += parsed.isEmpty() ? 1 : 0;
                }
            }
        }
        return new Delivery(messages, ignored);
    }

    /**
     * WhatsApp accepts a send and reports later, in a status, that it could not deliver it (131047 outside
     * the 24-hour window, 131026 undeliverable, a template problem). The reply stays recorded as sent, so
     * say so where an operator sees it: template.yaml's metric filter and alarm match the marker. Ids,
     * the case reference (sent as {@code biz_opaque_callback_data}) and codes only, never the recipient's number.
     */
    private static void reportFailure(JsonNode status) {
        if (!"failed".equals(status.path("status").asText())) {
            return;
        }
        JsonNode error = status.path("errors").path(0);
        LOG.warnf("%s: message %s for case %s, code %d (%s)", DELIVERY_FAILED, status.path("id").asText("?"),
                status.path("biz_opaque_callback_data").asText("unknown"), error.path("code").asInt(-1),
                error.path("title").asText("no title"));
    }

    private Optional<InboundMessage> fromMessage(JsonNode message) {
        Optional<String> id = text(message, "id");
        // The business-scoped user id first: it stays the same when the resident adopts a username, and then
        // "from" (the phone number) may be empty or missing. Older deliveries carry the phone number only.
        Optional<String> from = text(message, "from_user_id").or(() -> text(message, "from"));
        if (id.isEmpty() || from.isEmpty()) {
            return Optional.empty();
        }
        String type = message.path("type").asText("");
        String body;
        List<Attachment> attachments = new ArrayList<>();
        Optional<uk.councilinbox.messages.GeoPoint> location = Optional.empty();
        switch (type) {
            case "text" -> body = message.path("text").path("body").asText("");
            case "location" -> {
                JsonNode pin = message.path("location");
                location = JsonPayloads.geoPoint(pin, "latitude", "longitude");
                // The pin's name and address are the resident's own words for the place.
                body = String.join(", ", java.util.stream.Stream.of(text(pin, "name"), text(pin, "address"))
                        .flatMap(Optional::stream).toList());
            }
            case "image", "video", "document", "audio", "sticker" -> {
                // A photo or video of the problem, a document or a voice note: the media and its caption.
                JsonNode media = message.path(type);
                text(media, "id").ifPresent(mediaId -> attachments.add(new Attachment(MEDIA_KINDS.get(type), "whatsapp-media:" + mediaId)));
                body = media.path("caption").asText("");
            }
            case "button" -> body = message.path("button").path("text").asText("");
            case "interactive" -> {
                JsonNode reply = message.path("interactive");
                body = reply.path("button_reply").path("title").asText(reply.path("list_reply").path("title").asText(""));
            }
            default -> {
                return Optional.empty();
            }
        }
        return Optional.of(new InboundMessage(Channel.WHATSAPP, id.get(), from.get(), Visibility.PRIVATE, body, attachments,
                location, instant(message, "timestamp", clock.instant()), Optional.empty()));
    }
}
