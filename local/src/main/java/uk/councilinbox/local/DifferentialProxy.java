package uk.councilinbox.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * An AWS JSON-protocol endpoint that sends every request, in one order, to a reference emulator and to
 * a candidate, answers with the reference's response and records each call whose answers differ (status
 * or JSON body, timestamps aside). Requests are taken one at a time, so both see the same sequence.
 */
public final class DifferentialProxy implements AutoCloseable {

    /** One call whose answers differed. */
    public record Difference(String operation, String request, int referenceStatus, String reference, int candidateStatus,
            String candidate) {}

    private static final Set<String> PASSED_HEADERS = Set.of("x-amz-target", "content-type", "authorization", "x-amz-date");

    private final URI reference;
    private final URI candidate;
    private final HttpServer server;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ObjectMapper json = new ObjectMapper();
    private final List<Difference> differences = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Integer> calls = Collections.synchronizedMap(new TreeMap<>());

    public DifferentialProxy(URI reference, URI candidate) throws IOException {
        this.reference = reference;
        this.candidate = candidate;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/", this::relay);
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<Difference> differences() {
        return List.copyOf(differences);
    }

    /** Calls compared so far, by operation ({@code X-Amz-Target}'s last part), with their outcome class. */
    public Map<String, Integer> calls() {
        synchronized (calls) {
            return Map.copyOf(calls);
        }
    }

    private synchronized void relay(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String operation = target == null ? exchange.getRequestMethod() : target.substring(target.lastIndexOf('.') + 1);
            HttpResponse<byte[]> expected = send(reference, exchange, body);
            HttpResponse<byte[]> actual = send(candidate, exchange, body);
            calls.merge(operation + (expected.statusCode() == 200 ? "" : " (" + errorType(expected.body()) + ")"), 1, Integer::sum);
            if (expected.statusCode() != actual.statusCode() || !comparable(expected.body()).equals(comparable(actual.body()))) {
                differences.add(new Difference(operation, new String(body, java.nio.charset.StandardCharsets.UTF_8), expected.statusCode(),
                        new String(expected.body(), java.nio.charset.StandardCharsets.UTF_8), actual.statusCode(),
                        new String(actual.body(), java.nio.charset.StandardCharsets.UTF_8)));
            }
            expected.headers().firstValue("Content-Type").ifPresent(type -> exchange.getResponseHeaders().add("Content-Type", type));
            exchange.sendResponseHeaders(expected.statusCode(), expected.body().length == 0 ? -1 : expected.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(expected.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private HttpResponse<byte[]> send(URI to, HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(to.resolve(exchange.getRequestURI().toString()))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (PASSED_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(v -> request.header(name, v));
            }
        });
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The body as JSON with the moments each emulator stamped on its own (table creation) taken out. */
    private JsonNode comparable(byte[] body) {
        try {
            JsonNode node = body.length == 0 ? json.nullNode() : json.readTree(body);
            dropTimestamps(node);
            return node;
        } catch (IOException e) {
            return json.getNodeFactory().textNode(new String(body, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private static void dropTimestamps(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.properties().removeIf(field -> field.getKey().endsWith("DateTime"));
        }
        node.forEach(DifferentialProxy::dropTimestamps);
    }

    private String errorType(byte[] body) {
        String type = comparable(body).path("__type").asText("error");
        return type.substring(type.lastIndexOf('#') + 1);
    }

    @Override
    public void close() {
        server.stop(0);
        http.close();
    }
}
