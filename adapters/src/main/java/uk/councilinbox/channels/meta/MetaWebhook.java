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
import java.util.Set;
import org.jboss.logging.Logger;
import uk.councilinbox.channels.JsonPayloads;
import uk.councilinbox.ingest.Delivery;
import uk.councilinbox.ingest.MalformedPayloadException;
import uk.councilinbox.messages.Attachment;
import uk.councilinbox.messages.Channel;
import uk.councilinbox.messages.DeliveryReport;
import uk.councilinbox.messages.GeoPoint;
import uk.councilinbox.messages.InboundMessage;
import uk.councilinbox.messages.Visibility;
import uk.councilinbox.settings.InboxConfig;

/**
 * {@code /webhooks/meta}: Messenger and Instagram events ({@code entry[].messaging[]}, and {@code entry[].standby[]}
 * when another app owns the thread) and comments on the council's Facebook posts ({@code entry[].changes[]} with
 * field {@code feed}). Everything a resident writes or taps is heard: texts and quick replies, attachments
 * (stickers, shared posts and reels, story mentions as {@code OTHER}), story replies, and postbacks (menu
 * items, Get Started, Instagram ice-breakers: the button's title is what the resident said). Deliveries and
 * reads of the council's messages become reports that move their state ({@link MetaStatuses}). Echoes,
 * reactions, edits, referrals, opt-ins and the like are acknowledged and counted as ignored.
 * The Page's {@code message_template_status_update} changes are acknowledged too; one saying the configured
 * Messenger utility template can no longer be sent is logged with {@link #UTILITY_TEMPLATE_UNUSABLE}.
 */
@Singleton
public class MetaWebhook extends MetaSignedWebhook {

    /** Logged when Meta rejects, pauses or disables the Messenger utility template the inbox sends updates with. */
    public static final String UTILITY_TEMPLATE_UNUSABLE = "MESSENGER_UTILITY_TEMPLATE_UNUSABLE";

    private static final Logger LOG = Logger.getLogger(MetaWebhook.class);
    private static final Set<String> UNUSABLE_TEMPLATE_EVENTS = Set.of("REJECTED", "PAUSED", "DISABLED");

    private final Optional<String> utilityTemplate;

    public MetaWebhook(ObjectMapper json, InboxConfig config, Clock clock) {
        super(json, config, clock);
        this.utilityTemplate = config.meta().utilityTemplate().name().filter(name -> !name.isBlank());
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
        List<DeliveryReport> reports = new ArrayList<>();
        int ignored = 0;
        for (JsonNode entry : root.path("entry")) {
            String accountId = text(entry, "id").orElse("");
            for (String field : List.of("messaging", "standby")) {
                for (JsonNode event : entry.path(field)) {
                    Optional<String> resident = resident(accountId, event);
                    if (resident.isPresent() && MetaStatuses.isStatus(event)) {
                        reports.addAll(MetaStatuses.reports(channel, resident.get(), event, clock.instant()));
                        continue;
                    }
                    Optional<InboundMessage> message = fromMessagingEvent(channel, accountId, event);
                    message.ifPresent(messages::add);
                    ignored += message.isEmpty() ? 1 : 0;
                }
            }
            for (JsonNode change : entry.path("changes")) {
                Optional<InboundMessage> comment = fromChange(accountId, change);
                comment.ifPresent(messages::add);
                ignored += comment.isEmpty() ? 1 : 0;
            }
        }
        return new Delivery(messages, reports, ignored);
    }

    /** The resident an event is from (or, for a delivery or read, about); empty for the account's own events. */
    private static Optional<String> resident(String accountId, JsonNode event) {
        return text(event.path("sender"), "id").filter(id -> !id.equals(accountId));
    }

    /** A resident's message or postback; anything else (and the account's own messages) is empty. */
    private Optional<InboundMessage> fromMessagingEvent(Channel channel, String accountId, JsonNode event) {
        Optional<String> sender = resident(accountId, event);
        if (sender.isEmpty()) {
            return Optional.empty();
        }
        Instant sentAt = instant(event, "timestamp", clock.instant());
        if (event.has("message")) {
            return fromMessage(channel, sender.get(), sentAt, event.path("message"));
        }
        if (event.has("postback")) {
            return Optional.of(fromPostback(channel, sender.get(), sentAt, event.path("postback")));
        }
        return Optional.empty();
    }

    private Optional<InboundMessage> fromMessage(Channel channel, String sender, Instant sentAt, JsonNode message) {
        Optional<String> mid = text(message, "mid");
        if (mid.isEmpty() || message.path("is_echo").asBoolean(false) || message.path("is_deleted").asBoolean(false)) {
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
                attachment(type, payload).filter(a -> !attachments.contains(a)).ifPresent(attachments::add);
            }
        }
        // Stickers came both as a sticker and as an image of it until 30 Aug 2026: the image is no photo.
        List<String> stickers = attachments.stream().filter(a -> a.kind() == Attachment.Kind.OTHER).map(Attachment::ref).toList();
        attachments.removeIf(a -> a.kind() == Attachment.Kind.IMAGE && stickers.contains(a.ref()));
        return Optional.of(new InboundMessage(channel, mid.get(), sender, Visibility.PRIVATE, text(message, "text").orElse(""),
                attachments, location, sentAt, Optional.empty()));
    }

    /**
     * A sticker (also the older image form carrying a {@code sticker_id}) is {@code OTHER}, never a photo;
     * shared posts and reels, story mentions, audio and fallbacks are {@code OTHER} with their link.
     */
    private static Optional<Attachment> attachment(String type, JsonNode payload) {
        Optional<String> url = text(payload, "url");
        Optional<String> stickerId = text(payload, "sticker_id");
        if (type.equals("sticker") || stickerId.isPresent()) {
            return url.or(() -> stickerId.map(id -> "sticker:" + id)).map(ref -> new Attachment(Attachment.Kind.OTHER, ref));
        }
        return url.map(ref -> new Attachment(kind(type), ref));
    }

    /** A tapped button: its title is what the resident said. Postbacks in standby carry no payload, nor always a mid. */
    private static InboundMessage fromPostback(Channel channel, String sender, Instant sentAt, JsonNode postback) {
        String mid = text(postback, "mid").orElse("postback:" + sender + ":" + sentAt.toEpochMilli());
        return new InboundMessage(channel, mid, sender, Visibility.PRIVATE, text(postback, "title").orElse(""), List.of(),
                Optional.empty(), sentAt, Optional.empty());
    }

    private Optional<InboundMessage> fromChange(String pageId, JsonNode change) {
        if ("message_template_status_update".equals(change.path("field").asText())) {
            reportTemplateStatus(change.path("value"));
            return Optional.empty();
        }
        return fromFeedChange(pageId, change);
    }

    /**
     * Meta reviews a Page's utility templates and may later pause or disable one. When that happens to the
     * template the inbox sends automated updates with, those sends will be refused: say so where an operator
     * sees it (template.yaml's metric filter and alarm match the marker). Template name, event and reason only.
     */
    private void reportTemplateStatus(JsonNode value) {
        String event = value.path("event").asText("");
        String name = value.path("message_template_name").asText("");
        if (!UNUSABLE_TEMPLATE_EVENTS.contains(event) || utilityTemplate.filter(name::equals).isEmpty()) {
            LOG.infof("Messenger template %s: %s", name, event);
            return;
        }
        LOG.warnf("%s: Messenger utility template %s (%s) is %s (reason %s): Meta will refuse automated updates past 24 hours; "
                + "set META_UTILITY_TEMPLATE_APPROVED=false to hold them instead until it is approved again", UTILITY_TEMPLATE_UNUSABLE,
                name, value.path("message_template_language").asText("?"), event, value.path("reason").asText("none given"));
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
