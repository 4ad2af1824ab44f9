package uk.councilinbox.channels.x;

import static uk.councilinbox.channels.JsonPayloads.instant;
import static uk.councilinbox.channels.JsonPayloads.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import uk.councilinbox.channels.HmacSha256;
import uk.councilinbox.channels.JsonPayloads;
import uk.councilinbox.ingest.Delivery;
import uk.councilinbox.ingest.Handshake;
import uk.councilinbox.ingest.MalformedPayloadException;
import uk.councilinbox.ingest.PlatformWebhook;
import uk.councilinbox.ingest.RawDelivery;
import uk.councilinbox.ingest.SignatureCheck;
import uk.councilinbox.messages.Attachment;
import uk.councilinbox.messages.Channel;
import uk.councilinbox.messages.InboundMessage;
import uk.councilinbox.messages.Visibility;
import uk.councilinbox.settings.InboxConfig;

/**
 * {@code /webhooks/x}: the X Activity API ({@code data.event_type} {@code dm.received},
 * {@code post.mention.create}, {@code post.reply.create}, {@code post.quote.create}), X's delivery from
 * now on, and until it ends on {@link #ACCOUNT_ACTIVITY_ENDS} the Account Activity API
 * ({@code direct_message_events}, {@code tweet_create_events}). Both use the same CRC and signature.
 * Events the council's own account caused (its DMs, its posts) are echoes, not residents' messages.
 * A redelivered event carries the same DM or post id, which is what de-duplicates it downstream (the
 * inbound queue's deduplication id, the case store's message guard); {@code event_uuid} adds nothing.
 */
@ApplicationScoped
public class XWebhook implements PlatformWebhook {

    static final String SIGNATURE_HEADER = "x-twitter-webhooks-signature";
    /** Logged once a day while Account Activity deliveries still arrive; template.yaml's alarm matches it. */
    public static final String ACCOUNT_ACTIVITY_IN_USE = "X_ACCOUNT_ACTIVITY_API_IN_USE";
    /** Logged for each encrypted X Chat message: acknowledged, counted, unread (template.yaml counts them). */
    public static final String ENCRYPTED_CHAT = "X_ENCRYPTED_CHAT_UNREAD";
    /** X's end of life for the Account Activity API (docs.x.com, "Migrate from the Account Activity API to the X Activity API", read 2 Dec 2026). */
    static final LocalDate ACCOUNT_ACTIVITY_ENDS = LocalDate.of(2027, 1, 1);
    private static final Logger LOG = Logger.getLogger(XWebhook.class);
    private static final DateTimeFormatter CLASSIC_DATE = DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss Z yyyy", Locale.ENGLISH);

    private final ObjectMapper json;
    private final String consumerSecret;
    private final Clock clock;
    private volatile LocalDate accountActivityWarnedOn;

    public XWebhook(ObjectMapper json, InboxConfig config, Clock clock) {
        this.json = json;
        this.consumerSecret = config.x().consumerSecret();
        this.clock = clock;
    }

    @Override
    public String name() {
        return "x";
    }

    /** The challenge-response check: {@code sha256=} + base64 HMAC of the token with the consumer secret. */
    @Override
    public Handshake handshake(Map<String, String> query) {
        String token = query.get("crc_token");
        if (token == null || token.isEmpty()) {
            return new Handshake.Refused("crc_token missing");
        }
        String response = HmacSha256.signature(consumerSecret, token.getBytes(StandardCharsets.UTF_8), HmacSha256.Encoding.BASE64);
        return new Handshake.Answer("application/json", json.createObjectNode().put("response_token", response).toString());
    }

    @Override
    public SignatureCheck checkSignature(RawDelivery request) {
        return HmacSha256.check(request.header(SIGNATURE_HEADER), consumerSecret, request.body(), HmacSha256.Encoding.BASE64);
    }

    @Override
    public Delivery parse(byte[] rawBody) throws MalformedPayloadException {
        JsonNode root = JsonPayloads.parseObject(json, rawBody);
        if (root.has("data")) {
            if (!root.path("data").isObject()) {
                throw new MalformedPayloadException("data must be an object");
            }
            return activityEvent(root.path("data"));
        }
        return accountActivity(root);
    }

    /** The Account Activity API's delivery: kept only until X switches it off on {@link #ACCOUNT_ACTIVITY_ENDS}. */
    private Delivery accountActivity(JsonNode root) throws MalformedPayloadException {
        warnAccountActivityInUse();
        String council = root.path("for_user_id").asText("");
        List<InboundMessage> messages = new ArrayList<>();
        int ignored = 0;
        // Every event list must be a list; those other than DMs and posts (favourites, follows, typing
        // indicators, read receipts...) are acknowledged and counted.
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            String name = field.getKey();
            if (!name.endsWith("_events")) {
                continue;
            }
            if (!field.getValue().isArray()) {
                throw new MalformedPayloadException(name + " must be an array");
            }
            if (!name.equals("direct_message_events") && !name.equals("tweet_create_events")) {
                ignored += Math.max(1, field.getValue().size());
            }
        }
        for (JsonNode dm : root.path("direct_message_events")) {
            Optional<InboundMessage> message = fromDirectMessage(dm, council);
            message.ifPresent(messages::add);
            ignored += message.isEmpty() ? 1 : 0;
        }
        for (JsonNode post : root.path("tweet_create_events")) {
            Optional<InboundMessage> mention = fromClassicPost(post, council);
            mention.ifPresent(messages::add);
            ignored += mention.isEmpty() ? 1 : 0;
        }
        return new Delivery(messages, ignored);
    }

    private Delivery activityEvent(JsonNode data) throws MalformedPayloadException {
        String council = data.path("filter").path("user_id").asText("");
        JsonNode payload = data.path("payload");
        switch (data.path("event_type").asText("")) {
            case "dm.received" -> {
                JsonNode events = payload.path("direct_message_events");
                if (!events.isArray()) {
                    throw new MalformedPayloadException("direct_message_events must be an array");
                }
                List<InboundMessage> dms = new ArrayList<>();
                events.forEach(dm -> fromDirectMessage(dm, council).ifPresent(dms::add));
                return new Delivery(dms, events.size() - dms.size());
            }
            // Posts that mention the council, reply to it or quote it: the only posts X lets it reply to.
            case "post.mention.create", "post.reply.create", "post.quote.create" -> {
                Optional<InboundMessage> post = fromActivityPost(payload, data.path("includes"), council);
                return new Delivery(post.stream().toList(), post.isEmpty() ? 1 : 0);
            }
            case "chat.received" -> {
                // Encrypted X Chat: the API hands over ciphertext only. Acknowledged (X would retry
                // otherwise) and counted, so the council sees residents writing where it cannot read.
                LOG.warnf("%s: a resident's encrypted X Chat message was acknowledged; the X API does not let it be read", ENCRYPTED_CHAT);
                return new Delivery(List.of(), 1);
            }
            default -> {
                return new Delivery(List.of(), 1);
            }
        }
    }

    private Optional<InboundMessage> fromDirectMessage(JsonNode dm, String council) {
        JsonNode create = dm.path("message_create");
        Optional<String> id = text(dm, "id");
        Optional<String> sender = text(create, "sender_id");
        if (!"message_create".equals(dm.path("type").asText()) || id.isEmpty() || sender.isEmpty() || sender.get().equals(council)) {
            return Optional.empty();
        }
        JsonNode data = create.path("message_data");
        List<Attachment> attachments = new ArrayList<>();
        JsonNode media = data.path("attachment").path("media");
        text(media, "media_url_https").ifPresent(url -> attachments.add(new Attachment(
                "photo".equals(media.path("type").asText()) ? Attachment.Kind.IMAGE : Attachment.Kind.OTHER, url)));
        return Optional.of(new InboundMessage(Channel.X, id.get(), sender.get(), Visibility.PRIVATE, data.path("text").asText(""),
                attachments, Optional.empty(), instant(dm, "created_timestamp", clock.instant()), Optional.empty()));
    }

    private Optional<InboundMessage> fromClassicPost(JsonNode post, String council) {
        Optional<String> id = text(post, "id_str");
        Optional<String> author = text(post.path("user"), "id_str");
        if (id.isEmpty() || author.isEmpty() || author.get().equals(council) || post.has("retweeted_status")) {
            return Optional.empty();
        }
        String body = post.path("extended_tweet").path("full_text").asText(post.path("text").asText(""));
        List<Attachment> photos = new ArrayList<>();
        for (JsonNode media : post.path("extended_entities").path("media")) {
            text(media, "media_url_https").ifPresent(url -> photos.add(new Attachment(Attachment.Kind.IMAGE, url)));
        }
        Instant sentAt = instant(post, "timestamp_ms", classicDate(post.path("created_at").asText("")));
        return Optional.of(new InboundMessage(Channel.X, id.get(), author.get(), Visibility.PUBLIC, body, photos,
                Optional.empty(), sentAt, id));
    }

    private Optional<InboundMessage> fromActivityPost(JsonNode post, JsonNode includes, String council) {
        Optional<String> id = text(post, "id");
        Optional<String> author = text(post, "author_id");
        if (id.isEmpty() || author.isEmpty() || author.get().equals(council)) {
            return Optional.empty();
        }
        Instant sentAt = text(post, "created_at").map(this::isoDate).orElseGet(clock::instant);
        return Optional.of(new InboundMessage(Channel.X, id.get(), author.get(), Visibility.PUBLIC, post.path("text").asText(""),
                media(post, includes), Optional.empty(), sentAt, id));
    }

    /** The post's photos and videos (a video's first MP4): {@code attachments.media_keys}, looked up in {@code includes.media}. */
    private static List<Attachment> media(JsonNode post, JsonNode includes) {
        List<Attachment> attachments = new ArrayList<>();
        for (JsonNode key : post.path("attachments").path("media_keys")) {
            for (JsonNode media : includes.path("media")) {
                if (!key.asText().equals(media.path("media_key").asText())) {
                    continue;
                }
                if ("photo".equals(media.path("type").asText())) {
                    text(media, "url").ifPresent(url -> attachments.add(new Attachment(Attachment.Kind.IMAGE, url)));
                }
                for (JsonNode variant : media.path("variants")) {
                    if ("video/mp4".equals(variant.path("content_type").asText())) {
                        text(variant, "url").ifPresent(url -> attachments.add(new Attachment(Attachment.Kind.VIDEO, url)));
                        break;
                    }
                }
            }
        }
        return attachments;
    }

    /** At most once a day per instance: tells operators the old path is still in use, and when it stops. */
    private void warnAccountActivityInUse() {
        LocalDate today = LocalDate.now(clock);
        if (today.equals(accountActivityWarnedOn)) {
            return;
        }
        accountActivityWarnedOn = today;
        LOG.warnf("%s: X Account Activity API deliveries still arrive; X ends it on %s. Create the X Activity API "
                + "subscriptions (infra/README.md, \"X Activity API\") and delete the Account Activity subscription", ACCOUNT_ACTIVITY_IN_USE,
                ACCOUNT_ACTIVITY_ENDS);
    }

    private Instant classicDate(String value) {
        try {
            return CLASSIC_DATE.parse(value, Instant::from);
        } catch (DateTimeParseException e) {
            return clock.instant();
        }
    }

    private Instant isoDate(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            return clock.instant();
        }
    }
}
