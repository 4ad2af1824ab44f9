package uk.councilinbox.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A local stand-in for the platforms' send APIs: real HTTP, the platforms' request and response
 * shapes, and a record of every message sent, oldest first.
 */
public final class FakePlatform implements AutoCloseable {

    /** One message the system sent. */
    public record Sent(String channel, String recipient, String text, String platformMessageId, Instant at, JsonNode request) {}

    private final HttpServer server;
    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();
    private final List<Sent> outbox = new CopyOnWriteArrayList<>();

    public FakePlatform() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/meta/", this::metaSend);
        server.start();
    }

    /** Base URL of the fake Graph API, for {@code META_GRAPH_URL}. */
    public String metaGraphUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/meta/v21.0";
    }

    public List<Sent> outbox() {
        return List.copyOf(outbox);
    }

    public String outboxJson() {
        ArrayNode array = json.createArrayNode();
        for (Sent sent : outbox) {
            ObjectNode node = array.addObject();
            node.put("channel", sent.channel());
            node.put("recipient", sent.recipient());
            node.put("text", sent.text());
            node.put("platformMessageId", sent.platformMessageId());
            node.put("at", sent.at().toString());
            node.set("request", sent.request());
        }
        return array.toString();
    }

    private void metaSend(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("POST") || !exchange.getRequestURI().getPath().endsWith("/me/messages")) {
                reply(exchange, 404, "{\"error\":{\"message\":\"Unknown path\",\"type\":\"OAuthException\",\"code\":803}}");
                return;
            }
            JsonNode request = json.readTree(exchange.getRequestBody());
            String recipient = request.path("recipient").path("id").asText(request.path("recipient").path("comment_id").asText());
            String id = "m_" + UUID.randomUUID();
            outbox.add(new Sent("messenger", recipient, request.path("message").path("text").asText(), id, Instant.now(), request));
            reply(exchange, 200, json.createObjectNode().put("recipient_id", recipient).put("message_id", id).toString());
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
