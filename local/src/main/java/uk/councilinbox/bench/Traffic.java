package uk.councilinbox.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import uk.councilinbox.local.FakePlatform;
import uk.councilinbox.local.WebhookClient;
import uk.councilinbox.messages.Visibility;

/**
 * Correctly signed webhook deliveries of every platform and kind, each from a distinct resident with a
 * distinct platform message id, built from the fixtures in {@code src/test/resources/payloads/}. Each
 * knows where its acknowledgement must arrive at the fake platform ({@link #outboxKey()}: channel and
 * recipient) and the message key the case table records it under.
 */
public final class Traffic {

    /** The kinds in the mix, in the order they are dealt out. */
    public static final List<String> KINDS = List.of("messenger-text", "messenger-image", "messenger-location", "instagram-text",
            "page-feed-comment", "whatsapp-text", "whatsapp-location", "x-dm", "x-mention", "x-activity-api-dm");

    /**
     * One delivery.
     *
     * @param path {@code meta}, {@code whatsapp} or {@code x} ({@code /webhooks/<path>})
     * @param channel the fake platform outbox's channel for the reply
     * @param recipient the outbox's recipient for the reply (the resident, the comment, or the post replied to)
     * @param messageKey as the case table records it ({@code CHANNEL:platform id})
     * @param residentId the sender's platform id (a WhatsApp resident's is their phone number)
     */
    public record Delivery(int index, String kind, String path, byte[] body, String channel, String recipient, String messageKey,
            String residentId) {
        public String outboxKey() {
            return channel + "|" + recipient;
        }

        /** A comment or a mention is public; everything else in the mix is a private message. */
        public Visibility visibility() {
            return kind.equals("page-feed-comment") || kind.equals("x-mention") ? Visibility.PUBLIC : Visibility.PRIVATE;
        }

        public HttpResponse<String> post(WebhookClient client) {
            return path.equals("x") ? client.postX(body) : client.postMeta(path, body);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String run;

    /** Ids are unique within one Traffic and, with a random run number, across runs. */
    public Traffic() {
        this.run = String.format("%05d", ThreadLocalRandom.current().nextInt(100_000));
    }

    public static String outboxKey(String channel, String recipient) {
        return channel + "|" + recipient;
    }

    /** The photos and videos a delivery carries (what the photos function fetches and records). */
    public static int photos(Delivery d) {
        try {
            int n = 0;
            for (JsonNode entry : JSON.readTree(d.body()).path("entry")) {
                for (JsonNode event : entry.path("messaging")) {
                    for (JsonNode attachment : event.path("message").path("attachments")) {
                        n += List.of("image", "video").contains(attachment.path("type").asText()) ? 1 : 0;
                    }
                }
            }
            return n;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Delivery {@code i} of the mix: kind {@code i % 10}. */
    public Delivery delivery(int i) {
        return delivery(i, KINDS.get(i % KINDS.size()));
    }

    public Delivery delivery(int i, String kind) {
        // 16-digit numeric ids, as the platforms' ids are: unique per run and index.
        String id = "8" + run + String.format("%010d", i);
        ObjectNode root = (ObjectNode) read(kind);
        return switch (kind) {
            case "messenger-text", "messenger-image", "messenger-location", "instagram-text" -> {
                JsonNode event = root.path("entry").path(0).path("messaging").path(0);
                ((ObjectNode) event.path("sender")).put("id", id);
                String mid = "m_bench" + id;
                ((ObjectNode) event.path("message")).put("mid", mid);
                String channel = kind.startsWith("instagram") ? "instagram" : "messenger";
                yield new Delivery(i, kind, "meta", bytes(root), channel, id, channel.toUpperCase() + ":" + mid, id);
            }
            case "page-feed-comment" -> {
                ObjectNode value = (ObjectNode) root.path("entry").path(0).path("changes").path(0).path("value");
                ((ObjectNode) value.path("from")).put("id", id);
                String comment = "1198765432101234_" + id;
                value.put("comment_id", comment);
                yield new Delivery(i, kind, "meta", bytes(root), "facebook", comment, "FACEBOOK:" + comment, id);
            }
            case "whatsapp-text", "whatsapp-location" -> {
                ObjectNode value = (ObjectNode) root.path("entry").path(0).path("changes").path(0).path("value");
                String phone = "44" + id.substring(2);
                ((ObjectNode) value.path("contacts").path(0)).put("wa_id", phone);
                ObjectNode message = (ObjectNode) value.path("messages").path(0);
                message.put("from", phone);
                String wamid = FakePlatform.wamid(phone);
                message.put("id", wamid);
                yield new Delivery(i, kind, "whatsapp", bytes(root), "whatsapp", phone, "WHATSAPP:" + wamid, phone);
            }
            case "x-dm", "x-activity-api-dm" -> {
                JsonNode events = kind.equals("x-dm") ? root.path("direct_message_events")
                        : root.path("data").path("payload").path("direct_message_events");
                ObjectNode dm = (ObjectNode) events.path(0);
                String dmId = "2" + id.substring(1);
                dm.put("id", dmId);
                ((ObjectNode) dm.path("message_create")).put("sender_id", id);
                yield new Delivery(i, kind, "x", bytes(root), "x", id, "X:" + dmId, id);
            }
            case "x-mention" -> {
                ObjectNode post = (ObjectNode) root.path("tweet_create_events").path(0);
                String postId = "3" + id.substring(1);
                post.put("id", Long.parseLong(postId));
                post.put("id_str", postId);
                ObjectNode user = (ObjectNode) post.path("user");
                user.put("id", Long.parseLong(id));
                user.put("id_str", id);
                yield new Delivery(i, kind, "x", bytes(root), "x", postId, "X:" + postId, id);
            }
            default -> throw new IllegalArgumentException("unknown kind " + kind);
        };
    }

    /** The fixture with its timestamps set to now (and throwaway ids, replaced above). */
    private static JsonNode read(String kind) {
        try {
            return JSON.readTree(WebhookClient.freshFixture(kind + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(JsonNode root) {
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
