package uk.councilinbox.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The platforms' media, served by the fake platform so the real download runs: Meta's CDN (a signed link that
 * stops working, answered 403 once expired), WhatsApp's two steps ({@code GET /{version}/{media-id}} with the
 * token gives a URL, which also wants the token; an expired media id is 404) and X's media links. Counts every
 * download, so a test can see an expired link is asked for once.
 *
 * <p>Operator endpoints (also under {@code bin/run}): {@code POST /_local/media?type=image/jpeg} with the bytes as
 * the body serves them and answers {@code {"url": ..., "whatsappMediaId": ...}}; {@code DELETE /_local/media/<name>}
 * expires a link (or a WhatsApp media id).
 */
public final class FakeMedia {

    /** The token WhatsApp media wants: the WhatsApp access token the local configuration sets. */
    public static final String WHATSAPP_TOKEN = "local-whatsapp-token";

    private record Item(byte[] bytes, String claimedType, boolean needsToken, boolean expired) {
        Item expire() {
            return new Item(bytes, claimedType, needsToken, true);
        }
    }

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Item> items = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> downloads = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
    private final String base;

    FakeMedia(String base) {
        this.base = base;
    }

    /** Serves {@code bytes} as a CDN link would (no token); the link, as a webhook would carry it. */
    public String serve(byte[] bytes, String claimedType) {
        String name = "cdn-" + UUID.randomUUID();
        items.put(name, new Item(bytes, claimedType, false, false));
        return base + "/media/" + name;
    }

    /** Serves {@code bytes} as WhatsApp media; the media id, as a webhook would carry it. */
    public String serveWhatsApp(byte[] bytes, String claimedType) {
        String mediaId = Long.toString(ThreadLocalRandom.current().nextLong(1_000_000_000_000_000L, Long.MAX_VALUE));
        items.put(mediaId, new Item(bytes, claimedType, true, false));
        return mediaId;
    }

    /** The link (or WhatsApp media id) stops working, as a platform's does after some days. */
    public void expire(String linkOrMediaId) {
        items.computeIfPresent(name(linkOrMediaId), (k, item) -> item.expire());
    }

    /** The next {@code times} downloads of the link answer 503, as a CDN under strain would: a passing fault, retried. */
    public void failNext(String link, int times) {
        failures.put(name(link), new AtomicInteger(times));
    }

    /** How many times the link (or the media id's lookup) was asked for. */
    public int downloads(String linkOrMediaId) {
        return downloads.getOrDefault(name(linkOrMediaId), new AtomicInteger()).get();
    }

    private static String name(String linkOrMediaId) {
        return linkOrMediaId.substring(linkOrMediaId.lastIndexOf('/') + 1);
    }

    /** {@code GET /media/<name>}: the bytes, or 403 once expired (Meta's CDN: "URL signature expired"). */
    void download(HttpExchange exchange) throws IOException {
        try (exchange) {
            String name = name(exchange.getRequestURI().getPath());
            downloads.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
            Item item = items.get(name);
            AtomicInteger failing = failures.get(name);
            if (failing != null && failing.getAndDecrement() > 0) {
                send(exchange, 503, "text/plain", "Service Unavailable".getBytes(StandardCharsets.UTF_8));
            } else if (item == null || !exchange.getRequestMethod().equals("GET")) {
                send(exchange, 404, "text/plain", "Not Found".getBytes(StandardCharsets.UTF_8));
            } else if (item.needsToken() && !("Bearer " + WHATSAPP_TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                send(exchange, 401, "application/json", "{\"error\":{\"message\":\"Invalid OAuth access token\",\"code\":190}}"
                        .getBytes(StandardCharsets.UTF_8));
            } else if (item.expired()) {
                send(exchange, 403, "text/plain", "URL signature expired".getBytes(StandardCharsets.UTF_8));
            } else {
                send(exchange, 200, item.claimedType(), item.bytes());
            }
        }
    }

    /** WhatsApp's {@code GET /{version}/{media-id}}: the download URL, with the token; 404 once the media has expired. */
    boolean whatsAppLookup(HttpExchange exchange, String mediaId) throws IOException {
        Item item = items.get(mediaId);
        if (item == null || !item.needsToken()) {
            return false;
        }
        downloads.computeIfAbsent(mediaId, k -> new AtomicInteger()).incrementAndGet();
        if (!("Bearer " + WHATSAPP_TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            send(exchange, 401, "application/json", "{\"error\":{\"message\":\"Invalid OAuth access token\",\"type\":\"OAuthException\",\"code\":190}}"
                    .getBytes(StandardCharsets.UTF_8));
        } else if (item.expired()) {
            send(exchange, 404, "application/json", ("{\"error\":{\"message\":\"Unsupported get request. Object with ID '" + mediaId
                    + "' does not exist\",\"type\":\"GraphMethodException\",\"code\":100}}").getBytes(StandardCharsets.UTF_8));
        } else {
            ObjectNode body = json.createObjectNode().put("messaging_product", "whatsapp").put("url", base + "/media/" + mediaId)
                    .put("mime_type", item.claimedType()).put("file_size", item.bytes().length).put("id", mediaId);
            send(exchange, 200, "application/json", body.toString().getBytes(StandardCharsets.UTF_8));
        }
        return true;
    }

    /** {@code /_local/media}: serve the body (POST, {@code ?type=}; {@code &whatsapp=true} for a media id) or expire (DELETE). */
    void operator(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        if (method.equals("POST") && path.equals("/_local/media")) {
            String query = String.valueOf(exchange.getRequestURI().getQuery());
            String type = query.replaceAll(".*\\btype=([^&]*).*", "$1").replace("%2F", "/");
            byte[] bytes = exchange.getRequestBody().readAllBytes();
            ObjectNode body = json.createObjectNode();
            if (query.contains("whatsapp=true")) {
                body.put("whatsappMediaId", serveWhatsApp(bytes, type));
            } else {
                body.put("url", serve(bytes, type));
            }
            send(exchange, 201, "application/json", body.toString().getBytes(StandardCharsets.UTF_8));
        } else if (method.equals("DELETE") && path.startsWith("/_local/media/")) {
            expire(path);
            send(exchange, 204, "application/json", new byte[0]);
        } else {
            send(exchange, 404, "application/json", "{\"error\":\"unknown local endpoint\"}".getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] bytes) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, status == 204 ? -1 : bytes.length);
        if (status != 204) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
