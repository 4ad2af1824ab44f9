package uk.councilinbox.channels.meta;

import static uk.councilinbox.channels.JsonPayloads.instant;
import static uk.councilinbox.channels.JsonPayloads.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import uk.councilinbox.channels.JsonPayloads;
import uk.councilinbox.ingest.Delivery;
import uk.councilinbox.ingest.MalformedPayloadException;
import uk.councilinbox.messages.Attachment;
import uk.councilinbox.messages.Channel;
import uk.councilinbox.messages.GeoPoint;
import uk.councilinbox.messages.InboundMessage;
import uk.councilinbox.messages.Visibility;
import uk.councilinbox.settings.InboxConfig;

/**
 * {@code /webhooks/meta}: Messenger and Instagram messages ({@code entry[].messaging[]}) and comments
 * on the council's Facebook posts ({@code entry[].changes[]} with field {@code feed}).
 */
@Singleton
public class MetaWebhook extends MetaSignedWebhook {

    public MetaWebhook(ObjectMapper json, InboxConfig config, Clock clock) {
        super(json, config, clock);
    }

    @Override
    public String name() {
        return "meta";
    }

    @Override
    public Delivery parse(byte[] rawBody) throws MalformedPayloadException {
        JsonNode root = JsonPayloads.parseObject(json, rawBody);
        Channel channel = switch (text(root, "object").orElse("")) {
            case "page" -> Channel.MESSENGER;
            case "instagram" -> Channel.INSTAGRAM;
            default -> null;
        };
        if (channel == null) {
            return new Delivery(List.of(), root.path("entry").size());
        }
        if (!root.path("entry").isArray()) {
            throw new MalformedPayloadException("entry must be an array");
        }
        List<InboundMessage> messages = new ArrayList<>();
        int ignored = 0;
        for (JsonNode entry : root.path("entry")) {
            for (JsonNode event : entry.path("messaging")) {
                Optional<InboundMessage> message = fromMessagingEvent(channel, event);
                message.ifPresent(messages::add);
                ignored += message.isEmpty() ? 1 : 0;
            }
            for (JsonNode change : entry.path("changes")) {
                Optional<InboundMessage> comment = fromFeedChange(text(entry, "id").orElse(""), change);
                comment.ifPresent(messages::add);
                ignored += comment.isEmpty() ? 1 : 0;
            }
        }
        return new Delivery(messages, ignored);
    }

    private Optional<InboundMessage> fromMessagingEvent(Channel channel, JsonNode event) {
        JsonNode message = event.path("message");
        Optional<String> mid = text(message, "mid");
        Optional<String> sender = text(event.path("sender"), "id");
        if (mid.isEmpty() || sender.isEmpty() || message.path("is_echo").asBoolean(false)
                || message.path("is_deleted").asBoolean(false)) {
            return Optional.empty();
        }
        List<Attachment> attachments = new ArrayList<>();
        Optional<GeoPoint> location = Optional.empty();
        for (JsonNode attachment : message.path("attachments")) {
            String type = text(attachment, "type").orElse("");
            JsonNode payload = attachment.path("payload");
            if (type.equals("location")) {
                location = JsonPayloads.geoPoint(payload.path("coordinates"), "lat", "long");
            } else {
                text(payload, "url").ifPresent(url -> attachments.add(new Attachment(kind(type), url)));
            }
        }
        String body = text(message, "text").orElse("");
        Instant sentAt = instant(event, "timestamp", clock.instant());
        return Optional.of(new InboundMessage(channel, mid.get(), sender.get(), Visibility.PRIVATE, body, attachments,
                location, sentAt, Optional.empty()));
    }

    /** A resident's comment on one of the council's posts; the page's own comments are echoes. */
    private Optional<InboundMessage> fromFeedChange(String pageId, JsonNode change) {
        JsonNode value = change.path("value");
        boolean newComment = "feed".equals(change.path("field").asText())
                && "comment".equals(value.path("item").asText())
                && "add".equals(value.path("verb").asText());
        Optional<String> commentId = text(value, "comment_id");
        Optional<String> author = text(value.path("from"), "id");
        if (!newComment || commentId.isEmpty() || author.isEmpty() || author.get().equals(pageId)) {
            return Optional.empty();
        }
        List<Attachment> photos = text(value, "photo").map(url -> List.of(new Attachment(Attachment.Kind.IMAGE, url)))
                .orElse(List.of());
        return Optional.of(new InboundMessage(Channel.FACEBOOK, commentId.get(), author.get(), Visibility.PUBLIC,
                text(value, "message").orElse(""), photos, Optional.empty(), instant(value, "created_time", clock.instant()),
                commentId));
    }

    private static Attachment.Kind kind(String type) {
        return switch (type) {
            case "image" -> Attachment.Kind.IMAGE;
            case "video" -> Attachment.Kind.VIDEO;
            case "file" -> Attachment.Kind.FILE;
            default -> Attachment.Kind.OTHER;
        };
    }
}
