package uk.councilinbox.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import uk.councilinbox.local.ApiClient;
import uk.councilinbox.local.FakePlatform;
import uk.councilinbox.local.LocalSystem;
import uk.councilinbox.local.Provisioning;
import uk.councilinbox.local.RequiresEmulators;
import uk.councilinbox.local.WebhookClient;

/**
 * Residents' messages travel every stage over the real emulators and the built artifact, each function
 * in its own JVM as on Lambda: webhook -> inbound queue -> triage -> case table -> outbound queue ->
 * sender -> fake platform. The queues' visibility timeout is one second so retries are quick.
 */
@RequiresEmulators
class PipelineIT {

    private static final Pattern REFERENCE = Pattern.compile("\\b([2-9A-HJKMNP-TW-Z]{4}-[2-9A-HJKMNP-TW-Z]{4})\\b");

    private static LocalSystem system;
    private static WebhookClient webhooks;

    @BeforeAll
    static void start() throws Exception {
        LocalSystem.Options defaults = LocalSystem.Options.defaults(0);
        system = new LocalSystem(new LocalSystem.Options(0, defaults.artifacts(), defaults.logDir(), 1, Map.of()));
        webhooks = new WebhookClient(system.baseUrl());
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void aMessengerMessageBecomesACaseAndTheAcknowledgementArrivesWithinFiveSeconds() throws Exception {
        Instant posted = Instant.now();
        var response = webhooks.postMeta("meta", WebhookClient.freshFixture("messenger-text.json"));
        assertEquals(200, response.statusCode(), response.body());

        FakePlatform.Sent ack = awaitSent(s -> s.recipient().equals("7012345678901234") && s.at().isAfter(posted), Duration.ofSeconds(5));
        Matcher ref = REFERENCE.matcher(ack.text());
        assertTrue(ref.find(), "acknowledgement carries a reference: " + ack.text());
        Map<String, AttributeValue> item = caseItem(ref.group(1));
        assertEquals("pothole_report", item.get("category").s());
        assertEquals("7012345678901234", item.get("residentId").s());
    }

    @Test
    void everyChannelIsAnsweredOnItsOwnChannel() throws Exception {
        record Expect(String fixture, String path, String channel, String recipient, String kind) {}
        List<Expect> cases = List.of(
                new Expect("instagram-text.json", "meta", "instagram", "1122334455667788", "message"),
                new Expect("whatsapp-text.json", "whatsapp", "whatsapp", "447700900123", "message"),
                new Expect("x-dm.json", "x", "x", "1623456789012345678", "message"),
                new Expect("page-feed-comment.json", "meta", "facebook", null, "private_reply"),
                new Expect("x-mention.json", "x", "x", null, "public_reply"));
        for (Expect expect : cases) {
            Instant posted = Instant.now();
            byte[] body = WebhookClient.freshFixture(expect.fixture());
            var response = expect.path().equals("x") ? webhooks.postX(body) : webhooks.postMeta(expect.path(), body);
            assertEquals(200, response.statusCode(), expect.fixture() + ": " + response.body());
            FakePlatform.Sent sent = awaitSent(s -> s.channel().equals(expect.channel()) && s.kind().equals(expect.kind())
                    && (expect.recipient() == null || s.recipient().equals(expect.recipient())) && s.at().isAfter(posted), Duration.ofSeconds(10));
            if (expect.kind().equals("public_reply")) {
                assertTrue(!REFERENCE.matcher(sent.text()).find(), "a public reply carries no reference: " + sent.text());
            } else {
                assertTrue(REFERENCE.matcher(sent.text()).find(), expect.fixture() + ": " + sent.text());
            }
        }
    }

    @Test
    void aWhatsAppMessageWithNoPhoneNumberBecomesACaseAndIsAnsweredAndAUserIdChangeKeepsOneResident() throws Exception {
        String first = "GB." + Math.abs(System.nanoTime());
        String changed = "GB." + Math.abs(System.nanoTime() + 1);
        Instant posted = Instant.now();
        assertEquals(200, webhooks.postMeta("whatsapp", withIds("whatsapp-username.json", first, null)).statusCode());
        FakePlatform.Sent ack = awaitSent(s -> s.channel().equals("whatsapp") && s.recipient().equals(first) && s.at().isAfter(posted),
                Duration.ofSeconds(10));
        Matcher ref = REFERENCE.matcher(ack.text());
        assertTrue(ref.find(), ack.text());

        assertEquals(200, webhooks.postMeta("whatsapp", withIds("whatsapp-system-user-id.json", first, changed)).statusCode());
        assertEquals(200, webhooks.postMeta("whatsapp", withIds("whatsapp-username.json", changed, null)).statusCode());

        FakePlatform.Sent followUp = awaitSent(s -> s.channel().equals("whatsapp") && s.recipient().equals(changed) && s.at().isAfter(posted),
                Duration.ofSeconds(10));
        assertTrue(followUp.text().contains(ref.group(1)), "the new id continues the same case: " + followUp.text());
        assertEquals(changed, caseItem(ref.group(1)).get("residentId").s());
        assertEquals(2, system.platform().outbox().stream().filter(s -> s.channel().equals("whatsapp") && s.at().isAfter(posted)
                && (s.recipient().equals(first) || s.recipient().equals(changed))).count(), "the id change itself is not answered");
    }

    /** A fresh WhatsApp fixture whose resident user id is {@code userId} and, for an id change, whose new id is {@code newUserId}. */
    private static byte[] withIds(String fixture, String userId, String newUserId) {
        String json = new String(WebhookClient.freshFixture(fixture), java.nio.charset.StandardCharsets.UTF_8)
                .replace("GB.1502576394655843", userId);
        return (newUserId == null ? json : json.replace("GB.2718281828459045", newUserId)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void theSameDeliveryPostedThreeTimesMakesOneCaseAndOneAcknowledgement() throws Exception {
        Instant posted = Instant.now();
        byte[] body = WebhookClient.freshFixture("whatsapp-location.json");
        for (int i = 0; i < 3; i++) {
            assertEquals(200, webhooks.postMeta("whatsapp", body).statusCode());
        }
        String recipient = awaitSent(s -> s.channel().equals("whatsapp") && s.at().isAfter(posted), Duration.ofSeconds(10)).recipient();
        Thread.sleep(3000);
        assertEquals(1, system.platform().outbox().stream().filter(s -> s.recipient().equals(recipient) && s.at().isAfter(posted)).count());
    }

    @Test
    void aRateLimitedPlatformIsRetriedAndTheAcknowledgementStillArrivesOnce() throws Exception {
        Instant posted = Instant.now();
        system.platform().inject("instagram", "rate_limit", 2);
        assertEquals(200, webhooks.postMeta("meta", WebhookClient.freshFixture("instagram-image.json")).statusCode());

        FakePlatform.Sent sent = awaitSent(s -> s.channel().equals("instagram") && s.at().isAfter(posted), Duration.ofSeconds(20));
        Thread.sleep(2000);
        assertEquals(1, system.platform().outbox().stream()
                .filter(s -> s.recipient().equals(sent.recipient()) && s.at().isAfter(posted)).count());
    }

    @Test
    void aPoisonMessageGoesToTheDeadLetterQueueAndOthersAreTriaged() throws Exception {
        try (SqsClient sqs = Provisioning.sqs(system.emulators().sqsEndpoint())) {
            String inbound = system.resources().inboundQueueUrl();
            sqs.sendMessage(b -> b.queueUrl(inbound).messageGroupId("poison-resident").messageDeduplicationId("poison-" + System.nanoTime())
                    .messageBody("{\"channel\":\"MESSENGER\",\"text\":"));
            Instant posted = Instant.now();
            assertEquals(200, webhooks.postMeta("meta", WebhookClient.freshFixture("messenger-location.json")).statusCode());
            awaitSent(s -> s.channel().equals("messenger") && s.at().isAfter(posted), Duration.ofSeconds(10));

            String dlq = system.resources().inboundDlqUrl();
            Instant deadline = Instant.now().plusSeconds(30);
            List<Message> dead = List.of();
            while (dead.isEmpty() && Instant.now().isBefore(deadline)) {
                dead = sqs.receiveMessage(b -> b.queueUrl(dlq).waitTimeSeconds(1)).messages();
            }
            assertEquals(1, dead.size(), "the poison message is dead-lettered after " + Provisioning.MAX_RECEIVES + " receives");
            assertTrue(dead.get(0).body().startsWith("{\"channel\":\"MESSENGER\",\"text\":"));
        }
    }

    @Test
    void anAgentResolvingAPotholeSendsTheResidentAnUpdateWithTheReference() throws Exception {
        ApiClient api = new ApiClient(system.baseUrl());
        Instant posted = Instant.now();
        assertEquals(200, webhooks.postMeta("meta", WebhookClient.freshFixture("messenger-text.json")).statusCode());
        FakePlatform.Sent ack = awaitSent(s -> s.recipient().equals("7012345678901234") && s.at().isAfter(posted), Duration.ofSeconds(10));
        Matcher ref = REFERENCE.matcher(ack.text());
        assertTrue(ref.find());
        String reference = ref.group(1);

        assertEquals(401, api.post("/api/cases/" + reference + "/status", "{\"status\":\"resolved\"}", null).statusCode());
        String agent = token(api, "agent");
        for (String status : List.of("in_progress", "resolved")) {
            var response = api.post("/api/cases/" + reference + "/status", "{\"status\":\"" + status + "\",\"note\":\"done\"}", agent);
            assertEquals(200, response.statusCode(), response.body());
        }

        FakePlatform.Sent update = awaitSent(s -> s.recipient().equals("7012345678901234") && s.text().contains("repaired")
                && s.text().contains(reference), Duration.ofSeconds(10));
        assertEquals("messenger", update.channel());
    }

    @Test
    void anAgentAnswersAResidentOnEachPrivateChannelAndTheReplyArrivesOnceInTheirWords() throws Exception {
        ApiClient api = new ApiClient(system.baseUrl());
        String agent = token(api, "agent");
        record Expect(String fixture, String path, String channel, String recipient) {}
        for (Expect expect : List.of(new Expect("messenger-text.json", "meta", "messenger", "7012345678901234"),
                new Expect("instagram-text.json", "meta", "instagram", "1122334455667788"),
                new Expect("whatsapp-text.json", "whatsapp", "whatsapp", "447700900123"),
                new Expect("x-dm.json", "x", "x", "1623456789012345678"))) {
            Instant posted = Instant.now();
            byte[] body = WebhookClient.freshFixture(expect.fixture());
            assertEquals(200, (expect.path().equals("x") ? webhooks.postX(body) : webhooks.postMeta(expect.path(), body)).statusCode());
            FakePlatform.Sent ack = awaitSent(s -> s.recipient().equals(expect.recipient()) && s.at().isAfter(posted), Duration.ofSeconds(10));
            Matcher ref = REFERENCE.matcher(ack.text());
            assertTrue(ref.find(), ack.text());
            String path = "/api/cases/" + ref.group(1);
            // The sender marks the case acknowledged just after recording the acknowledgement: read it after that.
            awaitReplyState(api, agent, ref.group(1), ACKNOWLEDGEMENT, "sent");
            var read = api.get(path, agent);
            for (Instant deadline = Instant.now().plusSeconds(10); read.body().contains("\"status\":\"received\"") && Instant.now().isBefore(deadline); ) {
                Thread.sleep(100);
                read = api.get(path, agent);
            }
            assertEquals(200, read.statusCode(), read.body());
            long version = new com.fasterxml.jackson.databind.ObjectMapper().readTree(read.body()).path("version").asLong();
            String answer = "Thank you, the team will look on " + java.util.UUID.randomUUID().toString().substring(0, 8) + ".";

            var sent = api.post(path + "/replies", "{\"text\":\"" + answer + "\",\"caseVersion\":" + version + "}", agent);
            assertEquals(200, sent.statusCode(), sent.body());

            FakePlatform.Sent reply = awaitSent(s -> s.text().equals(answer), Duration.ofSeconds(10));
            assertEquals(List.of(expect.channel(), expect.recipient()), List.of(reply.channel(), reply.recipient()));
            Thread.sleep(500);
            assertEquals(1, system.platform().outbox().stream().filter(s -> s.text().equals(answer)).count(), "sent once");
            String reference = ref.group(1);
            awaitReplyState(api, agent, reference, answer, "sent");
            switch (expect.channel()) {
                case "messenger" -> {
                    // Messenger names the messages delivered, and reads by watermark: everything sent up to then.
                    postMeta(messengerEvent(reply.recipient(), "\"delivery\":{\"mids\":[\"" + reply.platformMessageId() + "\"],\"watermark\":"
                            + Instant.now().toEpochMilli() + "}"));
                    awaitReplyState(api, agent, reference, answer, "delivered");
                    postMeta(messengerEvent(reply.recipient(), "\"read\":{\"watermark\":" + Instant.now().toEpochMilli() + "}"));
                    awaitReplyState(api, agent, reference, ACKNOWLEDGEMENT, "read");
                    awaitReplyState(api, agent, reference, answer, "read");
                }
                case "whatsapp" -> {
                    // The acknowledgement is delivered and read, in the wrong order; the agent's reply is delivered, then fails.
                    postWhatsAppStatus(ack.platformMessageId(), "read", reference, "");
                    postWhatsAppStatus(ack.platformMessageId(), "delivered", reference, "");
                    awaitReplyState(api, agent, reference, ACKNOWLEDGEMENT, "read");
                    postWhatsAppStatus(reply.platformMessageId(), "delivered", reference, "");
                    awaitReplyState(api, agent, reference, answer, "delivered");
                    assertFailedStatusShowsOnTheCase(api, agent, reference, reply.platformMessageId());
                    postWhatsAppStatus(reply.platformMessageId(), "delivered", reference, "");
                    Thread.sleep(1000);
                    assertEquals("failed", replyState(api, agent, reference, answer), "a late delivered does not undo the failure");
                    assertEquals("read", replyState(api, agent, reference, ACKNOWLEDGEMENT));
                }
                default -> { }
            }
        }
    }

    /** WhatsApp reports, after accepting it, that the reply could not be delivered: the case says so, once, and flags it. */
    private static void assertFailedStatusShowsOnTheCase(ApiClient api, String agent, String reference, String messageId) throws Exception {
        String errors = ",\"errors\":[{\"code\":131026,\"title\":\"Message undeliverable\"}]";
        postWhatsAppStatus(messageId, "failed", reference, errors);
        postWhatsAppStatus(messageId, "failed", reference, errors);
        Instant deadline = Instant.now().plusSeconds(10);
        String detail = "";
        while (Instant.now().isBefore(deadline) && !detail.contains("reply_failed")) {
            Thread.sleep(100);
            detail = api.get("/api/cases/" + reference, agent).body();
        }
        assertTrue(detail.contains("reply_failed") && detail.contains("131026") && detail.contains(messageId), detail);
        Thread.sleep(1000);
        com.fasterxml.jackson.databind.JsonNode c = JSON.readTree(api.get("/api/cases/" + reference, agent).body());
        assertTrue(c.path("replyFailed").asBoolean(), c.toString());
        long failures = 0;
        for (com.fasterxml.jackson.databind.JsonNode e : c.path("history")) {
            failures += e.path("type").asText().equals("reply_failed") ? 1 : 0;
        }
        assertEquals(1, failures, "one event however often WhatsApp says so");
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private static void postWhatsAppStatus(String messageId, String status, String reference, String extra) throws Exception {
        String body = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"112233445566778\",\"changes\":[{\"field\":\"messages\","
                + "\"value\":{\"messaging_product\":\"whatsapp\",\"statuses\":[{\"id\":\"" + messageId + "\",\"status\":\"" + status + "\","
                + "\"timestamp\":\"" + Instant.now().getEpochSecond() + "\",\"recipient_id\":\"447700900123\",\"biz_opaque_callback_data\":\""
                + reference + "\"" + extra + "}]}}]}]}";
        assertEquals(200, webhooks.postMeta("whatsapp", body.getBytes(java.nio.charset.StandardCharsets.UTF_8)).statusCode());
    }

    /** A Messenger event about the Page's messages to this resident, who is its sender. */
    private static String messengerEvent(String resident, String event) {
        long now = Instant.now().toEpochMilli();
        return "{\"object\":\"page\",\"entry\":[{\"id\":\"104512345678901\",\"time\":" + now + ",\"messaging\":[{\"sender\":{\"id\":\""
                + resident + "\"},\"recipient\":{\"id\":\"104512345678901\"},\"timestamp\":" + now + "," + event + "}]}]}";
    }

    private static void postMeta(String body) {
        assertEquals(200, webhooks.postMeta("meta", body.getBytes(java.nio.charset.StandardCharsets.UTF_8)).statusCode());
    }

    /** Stands for the case's latest acknowledgement where a reply's text is expected. */
    private static final String ACKNOWLEDGEMENT = "the acknowledgement";

    /**
     * The state the case detail shows for the reply that went with this text, or for the case's latest
     * acknowledgement (a follow-up on an earlier test's case has the earlier acknowledgement too).
     */
    private static String replyState(ApiClient api, String agent, String reference, String text) throws Exception {
        String state = "absent";
        for (com.fasterxml.jackson.databind.JsonNode r : JSON.readTree(api.get("/api/cases/" + reference, agent).body()).path("replies")) {
            if (text.equals(ACKNOWLEDGEMENT) ? r.path("kind").asText().equals("acknowledgement") : r.path("text").asText().equals(text)) {
                state = r.path("state").asText();
            }
        }
        return state;
    }

    private static void awaitReplyState(ApiClient api, String agent, String reference, String text, String state) throws Exception {
        Instant deadline = Instant.now().plusSeconds(10);
        String now = replyState(api, agent, reference, text);
        while (Instant.now().isBefore(deadline) && !now.equals(state)) {
            Thread.sleep(100);
            now = replyState(api, agent, reference, text);
        }
        assertEquals(state, now, text);
    }

    @Test
    void aBulkUpdateReachesEveryMatchingResidentOnce() throws Exception {
        ApiClient api = new ApiClient(system.baseUrl());
        String road = "Bulkley Road";
        Instant posted = Instant.now();
        List<String> residents = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String resident = "bulk-" + i + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
            residents.add(resident);
            byte[] body = WebhookClient.freshFixture("messenger-text.json");
            String text = new String(body, java.nio.charset.StandardCharsets.UTF_8)
                    .replace("7012345678901234", resident)
                    .replaceAll("\"text\": *\"[^\"]*\"", "\"text\": \"Deep pothole on " + road + ", Stone ST15 8AA, please fix\"");
            assertEquals(200, webhooks.postMeta("meta", text.getBytes(java.nio.charset.StandardCharsets.UTF_8)).statusCode());
        }
        for (String resident : residents) {
            awaitSent(s -> s.recipient().equals(resident), Duration.ofSeconds(20));
        }
        String supervisor = token(api, "supervisor");
        var result = api.post("/api/bulk/status", "{\"filter\":{\"category\":\"pothole_report\",\"area\":\"" + road
                + "\"},\"status\":\"in_progress\",\"note\":\"crew on site\"}", supervisor);
        assertEquals(200, result.statusCode(), result.body());
        assertTrue(result.body().contains("\"changed\":12"), result.body());

        for (String resident : residents) {
            awaitSent(s -> s.recipient().equals(resident) && s.text().contains("working on it"), Duration.ofSeconds(20));
        }
        Thread.sleep(2000);
        for (String resident : residents) {
            assertEquals(1, system.platform().outbox().stream()
                    .filter(s -> s.recipient().equals(resident) && s.text().contains("working on it") && s.at().isAfter(posted)).count(),
                    resident);
        }
    }

    private static String token(ApiClient api, String role) throws Exception {
        var response = api.get("/_local/token?role=" + role, null);
        assertEquals(200, response.statusCode(), response.body());
        return "Bearer " + new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body()).path("token").asText();
    }

    private static Map<String, AttributeValue> caseItem(String reference) {
        try (DynamoDbClient dynamo = Provisioning.dynamo(system.emulators().dynamoEndpoint())) {
            return dynamo.getItem(b -> b.tableName(Provisioning.TABLE)
                    .key(Map.of("PK", AttributeValue.fromS("CASE#" + reference), "SK", AttributeValue.fromS("#CASE")))).item();
        }
    }

    private static FakePlatform.Sent awaitSent(Predicate<FakePlatform.Sent> match, Duration timeout) throws InterruptedException {
        return system.platform().awaitSent(match, timeout, "nothing matching");
    }
}
