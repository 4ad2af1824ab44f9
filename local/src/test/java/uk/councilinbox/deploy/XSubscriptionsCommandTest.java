package uk.councilinbox.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.councilinbox.local.Project;

/**
 * {@code infra/x-subscriptions} against a fake X on real HTTP that keeps webhooks and subscriptions and
 * records every call: which token each call carried, what it created, what it deleted.
 */
class XSubscriptionsCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String APP_TOKEN = "app-bearer-secret";
    private static final String USER_TOKEN = "council-user-secret";
    private static final String COUNCIL = "1498765432109876543";

    private HttpServer x;
    private final List<String> calls = new ArrayList<>();
    private final Map<String, ObjectNode> subscriptions = new HashMap<>();
    private final ArrayNode webhooks = JSON.createArrayNode();
    private final AtomicLong ids = new AtomicLong(1_900_000_000_000_000_000L);

    record Run(int exit, String out, String err) {}

    @BeforeEach
    void startFakeX() throws IOException {
        x = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        x.createContext("/", this::answer);
        x.start();
    }

    @AfterEach
    void stopFakeX() {
        x.stop(0);
    }

    @Test
    void createSubscribesTheCouncilToEveryEventTheWebhookReadsOnceWithTheAccountsOwnToken() throws Exception {
        Run first = run("create");
        assertEquals(0, first.exit(), first.err());
        assertEquals(List.of("dm.received", "post.mention.create", "post.reply.create", "post.quote.create", "chat.received"),
                subscriptions.values().stream().sorted(java.util.Comparator.comparing(s -> s.path("subscription_id").asText()))
                        .map(s -> s.path("event_type").asText()).toList());
        for (ObjectNode s : subscriptions.values()) {
            assertEquals(COUNCIL, s.path("filter").path("user_id").asText());
            assertEquals("77", s.path("webhook_id").asText());
            assertEquals("council-inbox", s.path("tag").asText());
        }
        assertTrue(calls.contains("POST /2/activity/subscriptions user"), calls.toString());
        assertFalse(calls.contains("POST /2/activity/subscriptions app"), "a subscription to private events needs the account's token");

        Run again = run("create");
        assertEquals(0, again.exit(), again.err());
        assertEquals(5, subscriptions.size(), "running it again adds nothing");
        assertTrue(again.out().contains("0 created, 5 already there"), again.out());
        assertFalse((first.out() + first.err() + again.out()).contains("secret"), "a token was printed");
    }

    @Test
    void listAndDeleteWorkOnTheAppsSubscriptions() throws Exception {
        run("create");
        String id = subscriptions.keySet().iterator().next();
        Run list = run("list");
        assertTrue(list.out().contains(id) && list.out().contains("5 subscription(s)"), list.out());

        Run deleted = run("delete", id);
        assertEquals(0, deleted.exit(), deleted.err());
        assertEquals(4, subscriptions.size());
        assertTrue(calls.contains("DELETE /2/activity/subscriptions/" + id + " app"), calls.toString());

        Run refused = run("delete", "1;rm -rf /");
        assertEquals(1, refused.exit());
        assertTrue(refused.err().contains("not a subscription id"), refused.err());
    }

    @Test
    void registerWebhookRegistersTheDeployedUrlOnceAndRefusesAnyOther() throws Exception {
        Run registered = run("register-webhook", "https://api.example.gov.uk/webhooks/x");
        assertEquals(0, registered.exit(), registered.err());
        assertTrue(registered.out().contains("set X_WEBHOOK_ID="), registered.out());
        Run again = run("register-webhook", "https://api.example.gov.uk/webhooks/x");
        assertTrue(again.out().startsWith("already registered"), again.out());
        assertEquals(1, webhooks.size());
        assertEquals(1, run("register-webhook", "http://api.example.gov.uk/webhooks/x").exit());
        assertEquals(1, webhooks.size());
    }

    @Test
    void theOldAccountActivitySubscriptionIsDeletedByWebhookAndUser() throws Exception {
        Run deleted = run("delete-account-activity");
        assertEquals(0, deleted.exit(), deleted.err());
        assertTrue(calls.contains("DELETE /2/account_activity/webhooks/77/subscriptions/" + COUNCIL + "/all app"), calls.toString());
    }

    @Test
    void whatXRefusesIsReportedInOneLineWithItsReasonAndAFailingExit() throws Exception {
        Run refused = run(Map.of("X_ACCESS_TOKEN", "expired"), "create");
        assertEquals(1, refused.exit());
        assertTrue(refused.err().contains("X answered 401: Unauthorized; the token was refused"), refused.err());
        assertFalse(refused.err().contains("Traceback"), refused.err());

        Run missing = run(Map.of("X_COUNCIL_USER_ID", ""), "create");
        assertEquals(1, missing.exit());
        assertTrue(missing.err().contains("X_COUNCIL_USER_ID is not set"), missing.err());
    }


    private Run run(String... args) throws Exception {
        return run(Map.of(), args);
    }

    private Run run(Map<String, String> overrides, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("python3", Project.root().resolve("infra/x-subscriptions").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.put("X_API_URL", "http://127.0.0.1:" + x.getAddress().getPort());
        env.put("X_APP_BEARER_TOKEN", APP_TOKEN);
        env.put("X_ACCESS_TOKEN", USER_TOKEN);
        env.put("X_COUNCIL_USER_ID", COUNCIL);
        env.put("X_WEBHOOK_ID", "77");
        env.putAll(overrides);
        Process process = builder.start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the command did not finish");
        return new Run(process.exitValue(), out, err);
    }

    /** What X does with each call, from its API reference: data envelopes, problem objects on refusal. */
    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String token = exchange.getRequestHeaders().getFirst("Authorization");
            String who = ("Bearer " + APP_TOKEN).equals(token) ? "app" : ("Bearer " + USER_TOKEN).equals(token) ? "user" : "unknown";
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            calls.add(method + " " + path + " " + who);
            JsonNode body = exchange.getRequestBody().available() > 0 || method.equals("POST")
                    ? readBody(exchange) : JSON.nullNode();
            if (who.equals("unknown")) {
                send(exchange, 401, JSON.createObjectNode().put("title", "Unauthorized").put("detail", "the token was refused")
                        .put("type", "about:blank"));
                return;
            }
            ObjectNode answer = JSON.createObjectNode();
            if (method.equals("GET") && path.equals("/2/activity/subscriptions")) {
                ArrayNode data = answer.putArray("data");
                subscriptions.values().forEach(data::add);
            } else if (method.equals("POST") && path.equals("/2/activity/subscriptions")) {
                ObjectNode made = ((ObjectNode) body.deepCopy()).put("subscription_id", Long.toString(ids.incrementAndGet()));
                subscriptions.put(made.path("subscription_id").asText(), made);
                answer.set("data", made);
            } else if (method.equals("DELETE") && path.startsWith("/2/activity/subscriptions/")) {
                subscriptions.remove(path.substring(path.lastIndexOf('/') + 1));
                answer.putObject("data").put("deleted", true);
            } else if (method.equals("GET") && path.equals("/2/webhooks")) {
                answer.set("data", webhooks);
            } else if (method.equals("POST") && path.equals("/2/webhooks")) {
                ObjectNode hook = JSON.createObjectNode().put("id", Long.toString(ids.incrementAndGet())).put("url", body.path("url").asText())
                        .put("valid", true);
                webhooks.add(hook);
                answer.set("data", hook);
            } else if (method.equals("DELETE") && path.startsWith("/2/account_activity/webhooks/")) {
                answer.putObject("data").put("subscribed", false);
            } else {
                send(exchange, 404, JSON.createObjectNode().put("title", "Not Found Error").put("type", "about:blank"));
                return;
            }
            send(exchange, 200, answer);
        }
    }

    private static JsonNode readBody(HttpExchange exchange) throws IOException {
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        return bytes.length == 0 ? JSON.nullNode() : JSON.readTree(bytes);
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("content-type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
