package uk.councilinbox.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A local stand-in for the platforms' send APIs: real HTTP with each platform's request and response
 * shapes (Messenger and Facebook private replies, Instagram, WhatsApp Cloud API, X API v2), a record of
 * every message accepted (oldest first), and faults injected on demand.
 *
 * <p>Operator endpoints, also served by {@code bin/run} on its own port:
 * <ul>
 *   <li>{@code GET /_local/outbox}: the accepted messages as a JSON array</li>
 *   <li>{@code POST /_local/faults} {@code {"channel":"messenger|instagram|facebook|whatsapp|x|*",
 *       "fault":"rate_limit|server_error|window_closed|blocked|bad_token", "times":2}} or with
 *       {@code "rate":0.2} instead of {@code times}: the next sends on that channel fail so</li>
 *   <li>{@code DELETE /_local/faults}: no more faults</li>
 *   <li>{@code POST /_local/media}, {@code DELETE /_local/media/<name>}: photos to fetch ({@link FakeMedia})</li>
 * </ul>
 */
public final class FakePlatform implements AutoCloseable {

    /**
     * One message the system sent and the platform accepted; {@code endpoint} the request path where it
     * matters which one was called (the Meta hosts: which account, on which host).
     */
    public record Sent(String channel, String recipient, String text, String kind, String tag, String template,
            String platformMessageId, Instant at, JsonNode request, String endpoint) {
        public Sent(String channel, String recipient, String text, String kind, String tag, String template,
                String platformMessageId, Instant at, JsonNode request) {
            this(channel, recipient, text, kind, tag, template, platformMessageId, at, request, null);
        }
    }

    /** The Facebook Page and Instagram account this platform serves, and the one token each host accepts. */
    public static final String PAGE_ID = "100000000000011";
    public static final String INSTAGRAM_ACCOUNT_ID = "17841400000000011";
    public static final String PAGE_TOKEN = "fake-page-token";
    public static final String INSTAGRAM_TOKEN = "fake-instagram-user-token";
    private static final Pattern META_SEND = Pattern.compile("/(?:meta|instagram)/v[0-9.]+/([^/]+)/messages");
    private static final java.util.Set<String> MESSAGING_TYPES = java.util.Set.of("RESPONSE", "UPDATE", "MESSAGE_TAG", "UTILITY");

    /** A fault to answer with: {@code times} more sends, or each send with probability {@code rate}. */
    record Fault(String channel, String fault, AtomicInteger times, double rate) {
        boolean appliesTo(String sendChannel) {
            return channel.equals("*") || channel.equals(sendChannel);
        }
    }

    private static final Pattern WHATSAPP = Pattern.compile("/whatsapp/[^/]+/([^/]+)/messages");
    private static final Pattern WHATSAPP_MEDIA = Pattern.compile("/whatsapp/[^/]+/([0-9]+)");
    private static final Pattern GRAPH_VERSION = Pattern.compile("/(?:meta|instagram|whatsapp)/(v[0-9.]+)/.*");
    /**
     * The Graph API versions Meta's changelog lists as served on 21 January 2027, when v21.0 stops
     * (docs/platforms.md): a send at any other version is refused, so tests prove the configured one.
     */
    static final java.util.Set<String> GRAPH_VERSIONS_SERVED = java.util.Set.of("v22.0", "v23.0", "v24.0", "v25.0", "v26.0");
    private static final Pattern X_DM = Pattern.compile("/x/2/dm_conversations/with/([^/]+)/messages");

    private final HttpServer server;
    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();
    private final List<Sent> outbox = new CopyOnWriteArrayList<>();
    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final FakeMedia media;

    public FakePlatform() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/meta/", exchange -> metaGraph(exchange, false));
        server.createContext("/instagram/", exchange -> metaGraph(exchange, true));
        server.createContext("/whatsapp/", this::whatsApp);
        server.createContext("/x/", this::x);
        server.createContext("/_local/", localApi());
        media = new FakeMedia("http://127.0.0.1:" + server.getAddress().getPort());
        server.createContext("/media/", media::download);
        server.start();
    }

    /** Photos and videos residents "sent": served here, downloaded by the photos function. */
    public FakeMedia media() {
        return media;
    }

    /** Configuration that points every sender at this server (property names as in application.properties). */
    public Map<String, String> senderConfig() {
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of(
                // The photos function fetches media from here, as from the platforms' CDNs.
                "inbox.photos.allowed-hosts", "127.0.0.1",
                "inbox.meta.graph-url", base + "/meta",
                "inbox.meta.page-id", PAGE_ID,
                "inbox.meta.page-access-token", PAGE_TOKEN,
                "inbox.instagram.graph-url", base + "/instagram",
                "inbox.instagram.account-id", INSTAGRAM_ACCOUNT_ID,
                "inbox.instagram.access-token", INSTAGRAM_TOKEN,
                "inbox.whatsapp.graph-url", base + "/whatsapp",
                "inbox.x.api-url", base + "/x");
    }

    public List<Sent> outbox() {
        return List.copyOf(outbox);
    }

    /** For tests: the first message sent that matches, waiting up to {@code timeout} for it; {@code what} names it in the failure. */
    public Sent awaitSent(Predicate<Sent> match, Duration timeout, String what) throws InterruptedException {
        return awaitFirst(outbox, match, timeout, () -> what + " did not reach the platform within " + timeout.toSeconds()
                + " s; outbox: " + outbox());
    }

    /** The first of {@code items} (a list others add to) that matches, waiting up to {@code timeout} for it. */
    static <T> T awaitFirst(List<T> items, Predicate<T> match, Duration timeout, java.util.function.Supplier<String> failure)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Optional<T> found = items.stream().filter(match).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError(failure.get());
    }

    /** How many send requests reached the platform for a channel, accepted or not. */
    public int attempts(String channel) {
        return attempts.getOrDefault(channel, new AtomicInteger()).get();
    }

    public void inject(String channel, String fault, int times) {
        faults.add(new Fault(channel, fault, new AtomicInteger(times), 0));
    }

    public void injectAtRate(String channel, String fault, double rate) {
        faults.add(new Fault(channel, fault, new AtomicInteger(Integer.MAX_VALUE), rate));
    }

    public void clearFaults() {
        faults.clear();
    }

    public String outboxJson() {
        ArrayNode array = json.createArrayNode();
        for (Sent sent : outbox) {
            ObjectNode node = array.addObject();
            node.put("channel", sent.channel());
            node.put("recipient", sent.recipient());
            node.put("text", sent.text());
            node.put("kind", sent.kind());
            node.put("tag", sent.tag());
            node.put("template", sent.template());
            node.put("platformMessageId", sent.platformMessageId());
            node.put("at", sent.at().toString());
            node.put("endpoint", sent.endpoint());
            node.set("request", sent.request());
        }
        return array.toString();
    }

    /** {@code /_local/outbox} and {@code /_local/faults}, for this server and for the local gateway. */
    public HttpHandler localApi() {
        return exchange -> {
            try (exchange) {
                String path = exchange.getRequestURI().getPath();
                String method = exchange.getRequestMethod();
                if (path.equals("/_local/outbox") && method.equals("GET")) {
                    reply(exchange, 200, outboxJson());
                } else if (path.equals("/_local/faults") && method.equals("DELETE")) {
                    clearFaults();
                    reply(exchange, 204, "");
                } else if (path.equals("/_local/faults") && method.equals("POST")) {
                    addFault(exchange);
                } else if (path.startsWith("/_local/media")) {
                    media.operator(exchange);
                } else {
                    reply(exchange, 404, "{\"error\":\"unknown local endpoint\"}");
                }
            }
        };
    }

    private void addFault(HttpExchange exchange) throws IOException {
        JsonNode spec;
        try {
            spec = json.readTree(exchange.getRequestBody());
        } catch (IOException e) {
            reply(exchange, 400, "{\"error\":\"body must be JSON\"}");
            return;
        }
        String fault = spec.path("fault").asText();
        if (!List.of("rate_limit", "server_error", "window_closed", "blocked", "bad_token").contains(fault)) {
            reply(exchange, 400, "{\"error\":\"fault must be rate_limit, server_error, window_closed, blocked or bad_token\"}");
            return;
        }
        String channel = spec.path("channel").asText("*");
        if (spec.has("rate")) {
            injectAtRate(channel, fault, spec.path("rate").asDouble());
        } else {
            inject(channel, fault, spec.path("times").asInt(1));
        }
        reply(exchange, 201, spec.toString());
    }

    private static boolean servedGraphVersion(HttpExchange exchange) {
        Matcher version = GRAPH_VERSION.matcher(exchange.getRequestURI().getPath());
        return version.matches() && GRAPH_VERSIONS_SERVED.contains(version.group(1));
    }

    /**
     * Messenger's and Facebook's Graph API, or Instagram's: the same Send API on two hosts, {@code POST
     * /{account-id}/messages}. graph.facebook.com serves the Page (Messenger, private replies, and Instagram
     * under Facebook Login) with the Page token; graph.instagram.com the Instagram account with the
     * Instagram user token. A request in any other form is refused as Meta would (code 100 or 190).
     */
    private void metaGraph(HttpExchange exchange, boolean instagram) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Matcher send = META_SEND.matcher(path);
            if (!isPost(exchange) || !send.matches()) {
                reply(exchange, 404, metaError(803, 0, "Unknown path components"));
                return;
            }
            if (!servedGraphVersion(exchange)) {
                reply(exchange, 400, metaError(100, 0, "Unsupported Graph API version"));
                return;
            }
            String account = instagram ? INSTAGRAM_ACCOUNT_ID : PAGE_ID;
            if (!send.group(1).equals(account)) {
                reply(exchange, 400, metaError(100, 33, "Unsupported post request. Object with ID '" + send.group(1) + "' does not exist"));
                return;
            }
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (auth != null && !auth.equals("Bearer " + (instagram ? INSTAGRAM_TOKEN : PAGE_TOKEN))) {
                reply(exchange, 400, metaError(190, 0, "Invalid OAuth access token: not a " + (instagram ? "Instagram user" : "Page")
                        + " token for this host"));
                return;
            }
            JsonNode request = json.readTree(exchange.getRequestBody());
            String malformed = malformedSend(request, instagram);
            if (malformed != null) {
                reply(exchange, 400, metaError(100, 0, "(#100) " + malformed));
                return;
            }
            boolean privateReply = request.path("recipient").has("comment_id");
            String channel = instagram ? "instagram" : privateReply ? "facebook" : "messenger";
            String recipient = request.path("recipient").path(privateReply ? "comment_id" : "id").asText();
            metaSend(exchange, channel, recipient, privateReply ? "private_reply" : "message", request, path);
        }
    }

    /** What is wrong with a Send API body, or null: one recipient, a known messaging type, and text or (UTILITY only) a template. */
    private static String malformedSend(JsonNode request, boolean instagram) {
        JsonNode recipient = request.path("recipient");
        if (recipient.has("id") == recipient.has("comment_id")) {
            return "param recipient must have exactly one of id and comment_id";
        }
        String type = request.path("messaging_type").asText("");
        if (recipient.has("id") && !MESSAGING_TYPES.contains(type)) {
            return "param messaging_type must be one of " + MESSAGING_TYPES;
        }
        if (type.equals("MESSAGE_TAG") != request.has("tag") || (request.has("tag") && !request.path("tag").asText().equals("HUMAN_AGENT"))) {
            return "a tag goes with messaging_type MESSAGE_TAG, and HUMAN_AGENT is the only tag left";
        }
        JsonNode message = request.path("message");
        if (!type.equals("UTILITY")) {
            return message.path("text").asText("").isBlank() || message.has("template") ? "param message must have a text" : null;
        }
        if (instagram || recipient.has("comment_id")) {
            return "utility messages are for Messenger conversations only";
        }
        JsonNode template = message.path("template");
        boolean parametersGiven = template.path("components").isArray() && !template.path("components").isEmpty();
        for (JsonNode component : template.path("components")) {
            parametersGiven &= !component.path("type").asText("").isBlank() && component.path("parameters").isArray();
            for (JsonNode parameter : component.path("parameters")) {
                parametersGiven &= parameter.path("type").asText().equals("text") && !parameter.path("text").asText("").isBlank();
            }
        }
        if (message.has("text") || template.path("name").asText("").isBlank() || template.path("language").path("code").asText("").isBlank()
                || !parametersGiven) {
            return "a utility message is message.template{name, language{code}, components[{type, parameters[{type:text, text}]}]} and no text";
        }
        return null;
    }

    private void metaSend(HttpExchange exchange, String channel, String recipient, String kind, JsonNode request, String endpoint)
            throws IOException {
        if (failed(exchange, channel)) {
            return;
        }
        String type = request.path("messaging_type").asText();
        String tag = type.equals("MESSAGE_TAG") ? request.path("tag").asText() : null;
        boolean utility = type.equals("UTILITY");
        JsonNode template = request.path("message").path("template");
        String id = "m_" + UUID.randomUUID();
        outbox.add(new Sent(channel, recipient, utility ? templateText(template) : request.path("message").path("text").asText(),
                utility ? "utility_template" : kind, tag, utility ? template.path("name").asText() : null, id, Instant.now(), request, endpoint));
        reply(exchange, 200, json.createObjectNode().put("recipient_id", recipient).put("message_id", id).toString());
    }

    private void whatsApp(HttpExchange exchange) throws IOException {
        try (exchange) {
            Matcher path = WHATSAPP.matcher(exchange.getRequestURI().getPath());
            Matcher mediaLookup = WHATSAPP_MEDIA.matcher(exchange.getRequestURI().getPath());
            if (exchange.getRequestMethod().equals("GET") && mediaLookup.matches() && servedGraphVersion(exchange)
                    && media.whatsAppLookup(exchange, mediaLookup.group(1))) {
                return;
            }
            if (!isPost(exchange) || !path.matches() || !servedGraphVersion(exchange)) {
                reply(exchange, 404, metaError(100, 0, "Unsupported post request"));
                return;
            }
            JsonNode request = json.readTree(exchange.getRequestBody());
            if (failed(exchange, "whatsapp")) {
                return;
            }
            // A phone number in "to", or a business-scoped user id in "recipient"; exactly one.
            if (request.has("to") == request.has("recipient")) {
                reply(exchange, 400, metaError(100, 0, "(#100) Param to or recipient must be set, not both"));
                return;
            }
            String to = request.has("to") ? request.path("to").asText() : request.path("recipient").asText();
            boolean template = request.path("type").asText().equals("template");
            String text = template ? templateText(request.path("template")) : request.path("text").path("body").asText();
            String id = wamid(to);
            outbox.add(new Sent("whatsapp", to, text, template ? "template" : "message", null,
                    template ? request.path("template").path("name").asText() : null, id, Instant.now(), request));
            ObjectNode response = json.createObjectNode().put("messaging_product", "whatsapp");
            response.putArray("contacts").addObject().put("input", to).put("wa_id", to);
            response.putArray("messages").addObject().put("id", id);
            reply(exchange, 200, response.toString());
        }
    }

    /**
     * A message id shaped like WhatsApp's: base64 of a small binary record that holds the recipient's number and a
     * random part. So a platform id stored or logged as it comes can be caught (bin/bench's privacy check).
     */
    public static String wamid(String phone) {
        byte[] number = phone.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] random = UUID.randomUUID().toString().replace("-", "").substring(0, 18).toUpperCase(java.util.Locale.ROOT)
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        java.io.ByteArrayOutputStream record = new java.io.ByteArrayOutputStream();
        record.write(0x1c);
        record.write(0x18);
        record.write(number.length);
        record.writeBytes(number);
        record.writeBytes(new byte[] {0x15, 0x02, 0x00, 0x11, 0x18, (byte) random.length});
        record.writeBytes(random);
        record.write(0x00);
        return "wamid." + java.util.Base64.getEncoder().encodeToString(record.toByteArray());
    }

    private void x(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Matcher dm = X_DM.matcher(path);
            boolean post = path.equals("/x/2/tweets");
            if (!isPost(exchange) || (!dm.matches() && !post)) {
                reply(exchange, 404, xProblem(404, "Not Found", "about:blank"));
                return;
            }
            JsonNode request = json.readTree(exchange.getRequestBody());
            if (failed(exchange, "x")) {
                return;
            }
            String id = Long.toString(ThreadLocalRandom.current().nextLong(1L << 60, Long.MAX_VALUE));
            String text = request.path("text").asText();
            if (post) {
                String inReplyTo = request.path("reply").path("in_reply_to_tweet_id").asText();
                outbox.add(new Sent("x", inReplyTo, text, "public_reply", null, null, id, Instant.now(), request));
                ObjectNode response = json.createObjectNode();
                response.putObject("data").put("id", id).put("text", text).putArray("edit_history_tweet_ids").add(id);
                reply(exchange, 201, response.toString());
            } else {
                outbox.add(new Sent("x", dm.group(1), text, "message", null, null, id, Instant.now(), request));
                ObjectNode response = json.createObjectNode();
                response.putObject("data").put("dm_conversation_id", "1-" + dm.group(1)).put("dm_event_id", id);
                reply(exchange, 201, response.toString());
            }
        }
    }

    /** Checks the token and any injected fault; answers the error in the platform's own shape if there is one. */
    private boolean failed(HttpExchange exchange, String channel) throws IOException {
        attempts.computeIfAbsent(channel, c -> new AtomicInteger()).incrementAndGet();
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        String fault = auth == null || !auth.startsWith("Bearer ") || auth.length() <= 7 ? "bad_token" : takeFault(channel);
        if (fault == null) {
            return false;
        }
        if (channel.equals("x")) {
            switch (fault) {
                case "rate_limit" -> reply(exchange, 429, xProblem(429, "Too Many Requests", "about:blank"));
                case "server_error" -> reply(exchange, 503, xProblem(503, "Service Unavailable", "about:blank"));
                case "bad_token" -> reply(exchange, 401, xProblem(401, "Unauthorized", "about:blank"));
                default -> reply(exchange, 403, xProblem(403, "Forbidden", "https://api.x.com/2/problems/client-forbidden"));
            }
        } else if (channel.equals("whatsapp")) {
            switch (fault) {
                case "rate_limit" -> reply(exchange, 429, metaError(130429, 0, "Rate limit hit"));
                case "server_error" -> reply(exchange, 500, metaError(131000, 0, "Something went wrong"));
                case "window_closed" -> reply(exchange, 400, metaError(131047, 0, "Re-engagement message"));
                case "blocked" -> reply(exchange, 400, metaError(131026, 0, "Message undeliverable"));
                default -> reply(exchange, 401, metaError(190, 0, "Invalid OAuth access token"));
            }
        } else {
            switch (fault) {
                case "rate_limit" -> reply(exchange, 400, metaError(613, 0, "Calls to this api have exceeded the rate limit."));
                case "server_error" -> reply(exchange, 503, metaError(2, 0, "Service temporarily unavailable"));
                case "window_closed" -> reply(exchange, 400, metaError(10, 2018278, "This message is sent outside of allowed window."));
                case "blocked" -> reply(exchange, 400, metaError(551, 1545041, "This person isn't available right now."));
                default -> reply(exchange, 400, metaError(190, 0, "Invalid OAuth access token."));
            }
        }
        return true;
    }

    private String takeFault(String channel) {
        for (Iterator<Fault> it = faults.iterator(); it.hasNext(); ) {
            Fault fault = it.next();
            if (!fault.appliesTo(channel)) {
                continue;
            }
            if (fault.rate() > 0) {
                if (ThreadLocalRandom.current().nextDouble() < fault.rate()) {
                    return fault.fault();
                }
                continue;
            }
            if (fault.times().getAndDecrement() > 0) {
                return fault.fault();
            }
            faults.remove(fault);
        }
        return null;
    }

    private static String templateText(JsonNode template) {
        List<String> values = new ArrayList<>();
        template.path("components").forEach(c -> c.path("parameters").forEach(p -> values.add(p.path("text").asText())));
        return "[template " + template.path("name").asText() + "] " + String.join(" | ", values);
    }

    private String metaError(int code, int subcode, String message) {
        ObjectNode error = json.createObjectNode();
        ObjectNode body = error.putObject("error").put("message", message).put("type", "OAuthException").put("code", code);
        if (subcode > 0) {
            body.put("error_subcode", subcode);
        }
        body.put("fbtrace_id", "A" + UUID.randomUUID().toString().substring(0, 8));
        return error.toString();
    }

    private String xProblem(int status, String title, String type) {
        return json.createObjectNode().put("title", title).put("detail", title).put("type", type).put("status", status).toString();
    }

    private static boolean isPost(HttpExchange exchange) {
        return exchange.getRequestMethod().equals("POST");
    }

    static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, status == 204 ? -1 : bytes.length);
        if (status != 204) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
