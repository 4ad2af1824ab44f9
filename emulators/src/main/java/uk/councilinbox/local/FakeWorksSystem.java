package uk.councilinbox.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A local stand-in for the council's works system: real HTTP with Open311 GeoReport v2 JSON shapes ({@code POST
 * requests.json}, {@code GET tokens/{token}.json}, {@code GET requests.json?updated_after}, and FixMyStreet's
 * {@code GET servicerequestupdates.json?start_date&end_date}), a record of every request it took, faults on demand, and
 * status changes on demand, as a crew closing jobs would make them.
 *
 * <p>Operator endpoints, also served by {@code bin/run} on its own port:
 * <ul>
 *   <li>{@code GET /_local/works/requests}: the service requests taken, oldest first, each with the fields posted</li>
 *   <li>{@code POST /_local/works/faults} {@code {"fault":"server_error|refused|token","times":2}}: the next requests
 *       answer 503, answer 400, or are taken with a token instead of an id; {@code DELETE}: no more faults</li>
 *   <li>{@code POST /_local/works/updates} {@code {"service_request_id":"WX-1" or "*","status":"fixed",
 *       "external_status_code":"FIX1","description":"Filled and sealed"}}: the request (or every request) changes now</li>
 * </ul>
 */
public final class FakeWorksSystem implements AutoCloseable {

    public static final String API_KEY = "local-works-api-key";
    public static final String JURISDICTION = "local.council";

    /** A service request it took: the fields as posted. */
    public record Received(String serviceRequestId, Map<String, String> fields, Instant at) {}

    /** A change to a request, as servicerequestupdates reports it. */
    record Change(String updateId, String serviceRequestId, String status, Instant at, String description, String externalStatusCode) {}

    private final HttpServer server;
    private final ObjectMapper json = new ObjectMapper();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Change> changes = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<String> faults = new ConcurrentLinkedQueue<>();
    private final Map<String, String> tokens = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicInteger attempts = new AtomicInteger();
    private final AtomicInteger ids = new AtomicInteger();
    private final AtomicInteger updateIds = new AtomicInteger();

    public FakeWorksSystem() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/open311/v2/", this::open311);
        server.createContext("/_local/works/", localApi());
        server.start();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/open311/v2";
    }

    /** Configuration that points the highways works system at this server (property names as in microprofile-config.properties). */
    public Map<String, String> worksConfig() {
        return Map.of(
                "works.systems.highways.endpoint", endpoint(),
                "works.systems.highways.api-key", API_KEY,
                "works.systems.highways.jurisdiction", JURISDICTION);
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** How many {@code POST requests} reached it, taken or not. */
    public int attempts() {
        return attempts.get();
    }

    /** The next {@code times} requests fail so: {@code server_error}, {@code refused} or {@code token}. */
    public void inject(String fault, int times) {
        for (int i = 0; i < times; i++) {
            faults.add(fault);
        }
    }

    public void clearFaults() {
        faults.clear();
    }

    /** The request changes now (a crew's status), as its next update. */
    public void change(String serviceRequestId, String status, String description, Optional<String> externalStatusCode) {
        changes.add(new Change("U" + updateIds.incrementAndGet(), serviceRequestId, status, Instant.now(), description,
                externalStatusCode.orElse(null)));
    }

    /** Every request taken changes now: a crew's afternoon. */
    public int changeAll(String status, String description) {
        received.forEach(r -> change(r.serviceRequestId(), status, description, Optional.empty()));
        return received.size();
    }

    /** For tests: the first request taken that matches, waiting up to {@code timeout} for it. */
    public Received awaitReceived(Predicate<Received> match, Duration timeout, String what) throws InterruptedException {
        return FakePlatform.awaitFirst(received, match, timeout, () -> what + " did not reach the works system within "
                + timeout.toSeconds() + " s; received: " + received);
    }

    private void open311(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring("/open311/v2/".length());
            Map<String, String> query = form(Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse(""));
            String method = exchange.getRequestMethod();
            if (path.equals("requests.json") && method.equals("POST")) {
                submit(exchange, form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            } else if (!API_KEY.equals(query.get("api_key"))) {
                FakePlatform.reply(exchange, 403, error(403, "api_key is missing or not valid"));
            } else if (path.startsWith("tokens/") && method.equals("GET")) {
                String token = path.substring("tokens/".length()).replace(".json", "");
                String id = tokens.get(token);
                FakePlatform.reply(exchange, id == null ? 404 : 200, id == null ? error(404, "no such token")
                        : json.createArrayNode().add(json.createObjectNode().put("token", token).put("service_request_id", id)).toString());
            } else if (path.equals("servicerequestupdates.json") && method.equals("GET")) {
                Instant from = Instant.parse(query.get("start_date"));
                Instant to = Optional.ofNullable(query.get("end_date")).map(Instant::parse).orElse(Instant.MAX);
                ArrayNode updates = json.createArrayNode();
                changes.stream().filter(c -> !c.at().isBefore(from) && c.at().isBefore(to)).forEach(c -> updates.add(json.createObjectNode()
                        .put("update_id", c.updateId()).put("service_request_id", c.serviceRequestId()).put("status", c.status())
                        .put("updated_datetime", c.at().toString()).put("description", c.description())
                        .put("external_status_code", c.externalStatusCode())));
                FakePlatform.reply(exchange, 200, updates.toString());
            } else if (path.equals("requests.json") && method.equals("GET")) {
                Instant after = Instant.parse(query.getOrDefault("updated_after", Instant.EPOCH.toString()));
                Map<String, Change> latest = new LinkedHashMap<>();
                changes.stream().filter(c -> !c.at().isBefore(after)).forEach(c -> latest.put(c.serviceRequestId(), c));
                ArrayNode requests = json.createArrayNode();
                latest.values().forEach(c -> requests.add(json.createObjectNode().put("service_request_id", c.serviceRequestId())
                        .put("status", c.status()).put("status_notes", c.description()).put("updated_datetime", c.at().toString())));
                FakePlatform.reply(exchange, 200, requests.toString());
            } else {
                FakePlatform.reply(exchange, 404, error(404, "no such method"));
            }
        }
    }

    private void submit(HttpExchange exchange, Map<String, String> fields) throws IOException {
        attempts.incrementAndGet();
        String fault = faults.poll();
        if ("server_error".equals(fault)) {
            FakePlatform.reply(exchange, 503, error(503, "works system unavailable"));
        } else if (!API_KEY.equals(fields.get("api_key"))) {
            FakePlatform.reply(exchange, 403, error(403, "api_key is missing or not valid"));
        } else if ("refused".equals(fault)) {
            FakePlatform.reply(exchange, 400, error(400, "service_code " + fields.get("service_code") + " is not taken at this location"));
        } else if (fields.get("service_code") == null || fields.get("lat") == null && fields.get("address_string") == null) {
            FakePlatform.reply(exchange, 400, error(400, "service_code and a location (lat and long, or address_string) are required"));
        } else {
            String id = "WX-" + ids.incrementAndGet();
            received.add(new Received(id, Map.copyOf(fields), Instant.now()));
            ObjectNode answer = json.createObjectNode();
            if ("token".equals(fault)) {
                String token = "T-" + id;
                tokens.put(token, id);
                answer.put("token", token);
            } else {
                answer.put("service_request_id", id).put("service_notice", "Thank you: we aim to inspect within 5 working days");
            }
            FakePlatform.reply(exchange, 201, json.createArrayNode().add(answer).toString());
        }
    }

    private String error(int code, String description) {
        return json.createArrayNode().add(json.createObjectNode().put("code", code).put("description", description)).toString();
    }

    public String receivedJson() {
        ArrayNode array = json.createArrayNode();
        for (Received r : received) {
            ObjectNode node = array.addObject().put("service_request_id", r.serviceRequestId()).put("at", r.at().toString());
            ObjectNode fields = node.putObject("fields");
            r.fields().entrySet().stream().filter(e -> !e.getKey().equals("api_key")).forEach(e -> fields.put(e.getKey(), e.getValue()));
        }
        return array.toString();
    }

    /** {@code /_local/works/...}, for this server and for the local gateway. */
    public HttpHandler localApi() {
        return exchange -> {
            try (exchange) {
                String path = exchange.getRequestURI().getPath();
                String method = exchange.getRequestMethod();
                if (path.equals("/_local/works/requests") && method.equals("GET")) {
                    FakePlatform.reply(exchange, 200, receivedJson());
                } else if (path.equals("/_local/works/faults") && method.equals("DELETE")) {
                    clearFaults();
                    FakePlatform.reply(exchange, 204, "");
                } else if (path.equals("/_local/works/faults") && method.equals("POST")) {
                    JsonNode spec = json.readTree(exchange.getRequestBody());
                    inject(spec.path("fault").asText(), spec.path("times").asInt(1));
                    FakePlatform.reply(exchange, 201, spec.toString());
                } else if (path.equals("/_local/works/updates") && method.equals("POST")) {
                    JsonNode spec = json.readTree(exchange.getRequestBody());
                    String id = spec.path("service_request_id").asText("*");
                    String status = spec.path("status").asText("fixed");
                    String description = spec.path("description").asText("");
                    int changed;
                    if (id.equals("*")) {
                        changed = changeAll(status, description);
                    } else {
                        change(id, status, description, Optional.ofNullable(spec.get("external_status_code")).map(JsonNode::asText));
                        changed = 1;
                    }
                    FakePlatform.reply(exchange, 201, json.createObjectNode().put("changed", changed).toString());
                } else {
                    FakePlatform.reply(exchange, 404, "{\"error\":\"unknown local endpoint\"}");
                }
            }
        };
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            fields.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return fields;
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
