package uk.councilinbox.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import uk.councilinbox.channels.HmacSha256;
import uk.councilinbox.channels.PayloadFixtures;

/** Posts webhooks the way each platform does: real HTTP, signed over the exact bytes sent. */
public final class WebhookClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ApiClient http;

    public WebhookClient(String baseUrl) {
        this.http = new ApiClient(baseUrl);
    }

    /** A recorded platform payload (the adapters' test fixtures, {@code /payloads/}). */
    public static byte[] fixture(String name) {
        return PayloadFixtures.bytes(name);
    }

    /**
     * The fixture with fresh message ids, so a test is not deduplicated against an earlier post of the
     * same fixture (SQS FIFO keeps deduplication ids for five minutes), and with its timestamps set to
     * now, as a live delivery's would be (reply windows count from them).
     */
    public static byte[] freshFixture(String name) {
        try {
            JsonNode root = JSON.readTree(fixture(name));
            refreshIds(root, "-" + java.util.UUID.randomUUID().toString().substring(0, 8));
            refreshTimes(root, java.time.Instant.now());
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Epoch seconds or milliseconds, as numbers or strings, and ISO-8601 times become now, in the same form. */
    private static void refreshTimes(JsonNode node, java.time.Instant now) {
        if (node instanceof ObjectNode object) {
            for (var field : new java.util.ArrayList<>(object.properties())) {
                JsonNode value = field.getValue();
                String text = value.asText();
                String fresh = null;
                if (text.matches("\\d{13}")) {
                    fresh = Long.toString(now.toEpochMilli());
                } else if (text.matches("\\d{10}")) {
                    fresh = Long.toString(now.getEpochSecond());
                } else if (value.isTextual() && text.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z")) {
                    fresh = now.toString();
                } else if (value.isTextual() && text.matches("[A-Z][a-z]{2} [A-Z][a-z]{2} \\d\\d \\d\\d:\\d\\d:\\d\\d \\+0000 \\d{4}")) {
                    fresh = java.time.format.DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss Z yyyy", java.util.Locale.ENGLISH)
                            .format(now.atZone(java.time.ZoneOffset.UTC));
                }
                if (fresh != null && !field.getKey().endsWith("id") && !field.getKey().endsWith("id_str")) {
                    if (value.isNumber()) {
                        object.put(field.getKey(), Long.parseLong(fresh));
                    } else {
                        object.put(field.getKey(), fresh);
                    }
                }
            }
        }
        node.forEach(child -> refreshTimes(child, now));
    }

    private static void refreshIds(JsonNode node, String suffix) {
        if (node instanceof ObjectNode object) {
            boolean isMessage = object.has("text") || object.has("type") || object.has("message_create") || object.has("timestamp");
            for (String field : new String[] {"mid", "comment_id", "id_str"}) {
                if (object.path(field).isTextual()) {
                    object.put(field, object.get(field).asText() + suffix);
                }
            }
            if (isMessage && object.path("id").isTextual()) {
                object.put("id", object.get("id").asText() + suffix);
            }
        }
        node.forEach(child -> refreshIds(child, suffix));
    }

    /** A Meta (Messenger, Instagram, WhatsApp) delivery signed with the local app secret. */
    public HttpResponse<String> postMeta(String platform, byte[] body) {
        return post("/webhooks/" + platform, body, MetaHeader.NAME,
                HmacSha256.signature(Defaults.META_APP_SECRET, body, HmacSha256.Encoding.HEX));
    }

    /** An X delivery signed with the local consumer secret. */
    public HttpResponse<String> postX(byte[] body) {
        return post("/webhooks/x", body, "x-twitter-webhooks-signature",
                HmacSha256.signature(Defaults.X_CONSUMER_SECRET, body, HmacSha256.Encoding.BASE64));
    }

    public HttpResponse<String> post(String path, byte[] body, String signatureHeader, String signature) {
        HttpRequest.Builder request = http.builder(path, null)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signatureHeader != null && signature != null) {
            request.header(signatureHeader, signature);
        }
        return send(request.build());
    }

    public HttpResponse<String> get(String pathAndQuery) {
        return http.get(pathAndQuery, null);
    }

    private HttpResponse<String> send(HttpRequest request) {
        return http.send(request);
    }

    private static final class MetaHeader {
        static final String NAME = "X-Hub-Signature-256";
    }
}
