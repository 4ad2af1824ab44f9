package uk.councilinbox.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;

/**
 * What API Gateway's HTTP API does in AWS: sends each HTTP request, as a payload-2.0 event, to the
 * function its route names (by path prefix, the longest first, as template.yaml routes
 * {@code /webhooks/} to the webhook function and the rest to the HTTP function) and turns its answer
 * back into a response. Also serves the fake platform's {@code /_local/} endpoints.
 */
public final class HttpGateway implements AutoCloseable {

    private static final Duration FUNCTION_TIMEOUT = Duration.ofSeconds(30);

    private final HttpServer server;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param routes each path prefix (for example {@code /webhooks/}, or {@code /} for everything else) and the function it goes to
     * @param localApi serves {@code /_local/} (the fake platform's outbox and faults), or null for none
     */
    public HttpGateway(int port, Map<String, LambdaInvoker> routes, HttpHandler localApi) throws IOException {
        this(port, localApi);
        route(routes);
    }

    /** Listening with no routes yet (its address can go in the functions' configuration before they start): see {@link #route}. */
    public HttpGateway(int port, HttpHandler localApi) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 256);
        server.setExecutor(Executors.newFixedThreadPool(16));
        if (localApi != null) {
            server.createContext("/_local/", localApi);
        }
        server.start();
    }

    /** Each path prefix's requests go to its function from now on. */
    public void route(Map<String, LambdaInvoker> routes) {
        routes.forEach((prefix, function) -> server.createContext(prefix, exchange -> forward(exchange, function)));
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void forward(HttpExchange exchange, LambdaInvoker function) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            LambdaInvoker.Result result;
            try {
                result = function.invoke(json.writeValueAsString(event(exchange, body)), FUNCTION_TIMEOUT).get();
            } catch (Exception e) {
                send(exchange, 504, Map.of("content-type", "application/json"), "{\"message\":\"Gateway timeout\"}".getBytes());
                return;
            }
            if (result.error()) {
                // API Gateway answers a function error with a bare 500.
                send(exchange, 500, Map.of("content-type", "application/json"), "{\"message\":\"Internal Server Error\"}".getBytes());
                return;
            }
            JsonNode response = json.readTree(result.body());
            Map<String, String> headers = new java.util.HashMap<>();
            response.path("headers").properties().forEach(h -> headers.put(h.getKey(), h.getValue().asText()));
            String text = response.path("body").asText("");
            byte[] bytes = response.path("isBase64Encoded").asBoolean(false)
                    ? Base64.getDecoder().decode(text)
                    : text.getBytes(StandardCharsets.UTF_8);
            send(exchange, response.path("statusCode").asInt(500), headers, bytes);
        }
    }

    private ObjectNode event(HttpExchange exchange, byte[] body) {
        ObjectNode event = json.createObjectNode();
        String path = exchange.getRequestURI().getRawPath();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        event.put("version", "2.0");
        event.put("routeKey", "$default");
        event.put("rawPath", path);
        event.put("rawQueryString", rawQuery == null ? "" : rawQuery);
        ObjectNode headers = event.putObject("headers");
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), String.join(",", values)));
        if (rawQuery != null && !rawQuery.isEmpty()) {
            ObjectNode query = event.putObject("queryStringParameters");
            for (String pair : rawQuery.split("&")) {
                String[] kv = pair.split("=", 2);
                String key = URLDecoder.decode(kv[0], StandardCharsets.UTF_8);
                String value = kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "";
                query.put(key, query.has(key) ? query.get(key).asText() + "," + value : value);
            }
        }
        ObjectNode context = event.putObject("requestContext");
        context.put("requestId", UUID.randomUUID().toString());
        context.put("timeEpoch", Instant.now().toEpochMilli());
        ObjectNode http = context.putObject("http");
        http.put("method", exchange.getRequestMethod());
        http.put("path", path);
        http.put("protocol", "HTTP/1.1");
        http.put("sourceIp", exchange.getRemoteAddress().getAddress().getHostAddress());
        // Like API Gateway: text bodies pass as text, anything else as base64.
        String text = utf8(body);
        if (body.length > 0) {
            event.put("body", text != null ? text : Base64.getEncoder().encodeToString(body));
            event.put("isBase64Encoded", text == null);
        } else {
            event.put("isBase64Encoded", false);
        }
        return event;
    }

    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static void send(HttpExchange exchange, int status, Map<String, String> headers, byte[] body) throws IOException {
        headers.forEach((k, v) -> exchange.getResponseHeaders().put(k, List.of(v)));
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
