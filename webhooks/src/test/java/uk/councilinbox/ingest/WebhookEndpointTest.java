package uk.councilinbox.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import uk.councilinbox.aws.QueueIds;
import uk.councilinbox.channels.HmacSha256;
import uk.councilinbox.local.Defaults;
import uk.councilinbox.local.EmulatorsTestResource;
import uk.councilinbox.local.HttpGateway;
import uk.councilinbox.local.MockEventInvoker;
import uk.councilinbox.local.MockEventServer;
import uk.councilinbox.local.RequiresEmulators;
import uk.councilinbox.local.WebhookClient;
import uk.councilinbox.privacy.Pseudonyms;
import uk.councilinbox.settings.InboxConfig;

/**
 * Real-shaped, signed deliveries of every kind, posted over HTTP, found normalised on the inbound
 * FIFO queue (which nothing drains in this test). The requests go through the local API Gateway
 * ({@link HttpGateway}: HTTP to payload-2.0 events, non-UTF-8 bodies base64-encoded) into the function
 * under test, by way of Quarkus's mock event server.
 */
@QuarkusTest
@RequiresEmulators
@QuarkusTestResource(value = EmulatorsTestResource.class, restrictToAnnotatedClass = false)
class WebhookEndpointTest {

    static HttpGateway gateway;

    @Inject
    ObjectMapper json;

    @Inject
    SqsClient sqs;

    @Inject
    InboxConfig config;

    WebhookClient webhooks;

    @BeforeAll
    static void startGateway() throws Exception {
        gateway = new HttpGateway(0, Map.of("/", new MockEventInvoker(MockEventServer.baseUrl())), null);
    }

    @AfterAll
    static void stopGateway() {
        gateway.close();
    }

    @BeforeEach
    void serve() throws Exception {
        webhooks = new WebhookClient(gatewayUrl());
        drainInbound();
    }

    private static String gatewayUrl() {
        return "http://127.0.0.1:" + gateway.port();
    }

    @Test
    void messengerTextIsQueuedNormalisedInTheResidentsGroupWithItsMessageIdForDeduplication() throws Exception {
        assertEquals(200, webhooks.postMeta("meta", WebhookClient.freshFixture("messenger-text.json")).statusCode());

        List<Message> queued = drainInbound();
        assertEquals(1, queued.size());
        JsonNode message = json.readTree(queued.get(0).body());
        assertEquals("MESSENGER", message.path("channel").asText());
        assertEquals("7012345678901234", message.path("residentId").asText());
        assertEquals("PRIVATE", message.path("visibility").asText());
        assertTrue(message.path("text").asText().contains("Station Road"));
        Map<MessageSystemAttributeName, String> attributes = queued.get(0).attributes();
        // The resident's group, by pseudonym; deduplicated by the message id's hash: neither shows a platform id.
        assertEquals(Pseudonyms.of(config).resident("MESSENGER:7012345678901234"), attributes.get(MessageSystemAttributeName.MESSAGE_GROUP_ID));
        assertEquals(QueueIds.of("MESSENGER:" + message.path("platformMessageId").asText()),
                attributes.get(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID));
        assertFalse(attributes.get(MessageSystemAttributeName.MESSAGE_GROUP_ID).contains("7012345678901234"));
    }

    @Test
    void everyKindOfResidentMessageIsQueued() throws Exception {
        record Case(String platform, String fixture, String channel, String visibility, int messages) {}
        List<Case> cases = List.of(
                new Case("meta", "messenger-image.json", "MESSENGER", "PRIVATE", 1),
                new Case("meta", "messenger-location.json", "MESSENGER", "PRIVATE", 1),
                new Case("meta", "messenger-quick-reply.json", "MESSENGER", "PRIVATE", 1),
                new Case("meta", "messenger-multi.json", "MESSENGER", "PRIVATE", -1),
                new Case("meta", "instagram-text.json", "INSTAGRAM", "PRIVATE", 1),
                new Case("meta", "instagram-image.json", "INSTAGRAM", "PRIVATE", 1),
                new Case("meta", "page-feed-comment.json", "FACEBOOK", "PUBLIC", 1),
                new Case("whatsapp", "whatsapp-text.json", "WHATSAPP", "PRIVATE", 1),
                new Case("whatsapp", "whatsapp-location.json", "WHATSAPP", "PRIVATE", 1),
                new Case("whatsapp", "whatsapp-image.json", "WHATSAPP", "PRIVATE", 1),
                new Case("x", "x-dm.json", "X", "PRIVATE", 1),
                new Case("x", "x-mention.json", "X", "PUBLIC", 1),
                new Case("x", "x-activity-api-dm.json", "X", "PRIVATE", 1),
                new Case("x", "x-activity-api-mention.json", "X", "PUBLIC", 1));
        for (Case c : cases) {
            byte[] body = WebhookClient.freshFixture(c.fixture());
            HttpResponse<String> response = c.platform().equals("x") ? webhooks.postX(body) : webhooks.postMeta(c.platform(), body);
            assertEquals(200, response.statusCode(), c.fixture() + ": " + response.body());
            List<JsonNode> queued = bodies(drainInbound());
            if (c.messages() > 0) {
                assertEquals(c.messages(), queued.size(), c.fixture());
            } else {
                assertTrue(queued.size() > 1, c.fixture() + " carries several messages");
            }
            for (JsonNode message : queued) {
                assertEquals(c.channel(), message.path("channel").asText(), c.fixture());
                assertEquals(c.visibility(), message.path("visibility").asText(), c.fixture());
            }
        }
    }

    @Test
    void locationsAndPhotosAreCarried() throws Exception {
        webhooks.postMeta("whatsapp", WebhookClient.freshFixture("whatsapp-location.json"));
        JsonNode pin = bodies(drainInbound()).get(0);
        assertEquals(51.4545191, pin.path("location").path("latitude").asDouble(), 1e-9);
        assertTrue(pin.path("text").asText().contains("Station Road"));

        webhooks.postMeta("meta", WebhookClient.freshFixture("messenger-image.json"));
        JsonNode photo = bodies(drainInbound()).get(0);
        assertEquals("IMAGE", photo.path("attachments").get(0).path("kind").asText());
    }

    @Test
    void echoesStatusesAndUnknownEventsAreAcknowledgedCountedAndNotQueued() throws Exception {
        for (String fixture : List.of("messenger-echo.json", "whatsapp-status-sent.json")) {
            HttpResponse<String> response = webhooks.postMeta(fixture.startsWith("whatsapp") ? "whatsapp" : "meta",
                    WebhookClient.freshFixture(fixture));
            assertEquals(200, response.statusCode());
            assertEquals(0, json.readTree(response.body()).path("accepted").asInt());
            assertTrue(json.readTree(response.body()).path("ignored").asInt() >= 1, fixture + ": " + response.body());
        }
        byte[] favourite = "{\"for_user_id\":\"1\",\"favorite_events\":[{\"id\":\"9\"}]}".getBytes(StandardCharsets.UTF_8);
        assertEquals("{\"accepted\":0,\"ignored\":1}", webhooks.postX(favourite).body());
        assertEquals(List.of(), drainInbound());
    }

    @Test
    void deliveriesAndReadsAreQueuedAsReportsInTheResidentsGroupAndABadOneIsRefusedWithNothingQueued() throws Exception {
        for (String fixture : List.of("messenger-delivery.json", "messenger-read.json", "whatsapp-status.json")) {
            assertEquals(200, webhooks.postMeta(fixture.startsWith("whatsapp") ? "whatsapp" : "meta", WebhookClient.freshFixture(fixture))
                    .statusCode(), fixture);
        }
        List<Message> queued = drainInbound();
        // In order within each resident's group; groups may interleave.
        Map<String, String> residents = Map.of(Pseudonyms.of(config).resident("MESSENGER:7012345678901234"), "MESSENGER:7012345678901234",
                Pseudonyms.of(config).resident("WHATSAPP:447700900123"), "WHATSAPP:447700900123");
        List<String> reported = new ArrayList<>();
        for (Message m : queued) {
            String group = m.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID);
            reported.add(residents.getOrDefault(group, group) + " " + json.readTree(m.body()).path("state").asText());
        }
        assertEquals(List.of("MESSENGER:7012345678901234 DELIVERED", "MESSENGER:7012345678901234 DELIVERED", "MESSENGER:7012345678901234 READ"),
                reported.stream().filter(r -> r.startsWith("MESSENGER")).toList());
        assertEquals(List.of("WHATSAPP:447700900123 DELIVERED", "WHATSAPP:447700900123 READ"),
                reported.stream().filter(r -> r.startsWith("WHATSAPP")).toList());

        byte[] bad = "{\"object\":\"page\",\"entry\":[{\"id\":\"104512345678901\",\"messaging\":[{\"sender\":{\"id\":\"7012345678901234\"},\"delivery\":{\"mids\":\"m_1\"}}]}]}"
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(400, webhooks.postMeta("meta", bad).statusCode());
        assertEquals(List.of(), drainInbound());
    }

    @Test
    void theSameDeliveryTwiceIsQueuedOnce() throws Exception {
        byte[] body = WebhookClient.freshFixture("whatsapp-text.json");
        assertEquals(200, webhooks.postMeta("whatsapp", body).statusCode());
        assertEquals(200, webhooks.postMeta("whatsapp", body).statusCode());
        assertEquals(1, drainInbound().size());
    }

    @Test
    void badSignaturesAreRefusedAndNothingIsQueued() {
        byte[] body = WebhookClient.freshFixture("messenger-text.json");
        assertEquals(401, webhooks.post("/webhooks/meta", body, null, null).statusCode());
        assertEquals(403, webhooks.post("/webhooks/meta", body, "X-Hub-Signature-256",
                HmacSha256.signature("wrong-secret", body, HmacSha256.Encoding.HEX)).statusCode());
        byte[] altered = body.clone();
        altered[altered.length / 2] ^= 1;
        assertEquals(403, webhooks.post("/webhooks/meta", altered, "X-Hub-Signature-256",
                HmacSha256.signature(Defaults.META_APP_SECRET, body, HmacSha256.Encoding.HEX)).statusCode());
        assertEquals(403, webhooks.post("/webhooks/x", WebhookClient.freshFixture("x-dm.json"), "x-twitter-webhooks-signature",
                "sha256=AAAA").statusCode());
        assertEquals(List.of(), drainInbound());
    }

    @Test
    void unparseableAndOversizedBodiesAreRefusedWithoutEchoingThem() {
        byte[] notJson = "{\"object\":\"page\",\"entry\":[{".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> bad = webhooks.postMeta("meta", notJson);
        assertEquals(400, bad.statusCode());
        assertEquals("{\"error\":\"body is not valid JSON\"}", bad.body());
        byte[] huge = ("{\"object\":\"page\",\"entry\":[],\"pad\":\"" + "x".repeat(300_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        assertEquals(413, webhooks.postMeta("meta", huge).statusCode());
        assertEquals(List.of(), drainInbound());
    }

    @Test
    void handshakesAnswerOnlyTheRightToken() throws Exception {
        HttpResponse<String> meta = webhooks.get("/webhooks/meta?hub.mode=subscribe&hub.verify_token=" + Defaults.META_VERIFY_TOKEN
                + "&hub.challenge=1158201444");
        assertEquals(200, meta.statusCode());
        assertEquals("1158201444", meta.body());
        assertEquals(403, webhooks.get("/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1").statusCode());

        HttpResponse<String> crc = webhooks.get("/webhooks/x?crc_token=abc123");
        assertEquals(200, crc.statusCode());
        String expected = HmacSha256.signature(Defaults.X_CONSUMER_SECRET, "abc123".getBytes(StandardCharsets.UTF_8),
                HmacSha256.Encoding.BASE64);
        assertEquals(expected, json.readTree(crc.body()).path("response_token").asText());
        assertEquals(403, webhooks.get("/webhooks/x").statusCode());
    }

    /** Hostile bodies, signed and unsigned: never a 5xx, nothing queued from anything malformed. */
    @Test
    void malformedBodiesNeverGetA5xxAndNeverQueueAnything() {
        java.util.Random random = new java.util.Random(20261122);
        List<byte[]> bodies = new ArrayList<>();
        List<String> fixtures = List.of("messenger-text.json", "page-feed-comment.json", "whatsapp-location.json", "x-dm.json",
                "x-activity-api-mention.json", "instagram-image.json");
        for (int i = 0; i < 60; i++) {
            byte[] noise = new byte[random.nextInt(2000)];
            random.nextBytes(noise);
            bodies.add(noise);
            byte[] fixture = WebhookClient.fixture(fixtures.get(i % fixtures.size()));
            bodies.add(java.util.Arrays.copyOf(fixture, 1 + random.nextInt(fixture.length - 2)));
        }
        for (String odd : List.of("", " ", "null", "[]", "42", "\"text\"", "{\"object\":5}", "{\"object\":\"page\",\"entry\":\"x\"}",
                "{\"object\":\"page\",\"entry\":[{\"messaging\":5}]}", "{\"object\":\"page\",\"entry\":[{\"messaging\":[{\"sender\":[],\"message\":7}]}]}",
                "{\"object\":\"instagram\",\"entry\":[{\"messaging\":[{\"sender\":{\"id\":\"1\"},\"message\":{\"mid\":\"\"}}]}]}",
                "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":[{\"field\":\"messages\",\"value\":{\"messages\":[{\"type\":\"location\",\"location\":{\"latitude\":999,\"longitude\":\"x\"}}]}}]}]}",
                "{\"data\":{\"event_type\":\"dm.received\",\"payload\":[]}}", "{\"for_user_id\":{},\"tweet_create_events\":[{\"id_str\":{}}]}",
                "\uFEFF{\"object\":\"page\"}", "{\"object\":\"page\",\"entry\":[{\"messaging\":[{\"message\":{\"text\":\"\uD800\"}}]}]}",
                "[".repeat(5000), "{\"a\":" + "1".repeat(100000) + "}", "{\"object\":\"page\u0000\"}")) {
            bodies.add(odd.getBytes(StandardCharsets.UTF_8));
        }
        int checked = 0;
        for (byte[] body : bodies) {
            for (String platform : List.of("meta", "whatsapp", "x")) {
                int unsigned = webhooks.post("/webhooks/" + platform, body, null, null).statusCode();
                assertEquals(401, unsigned);
                HttpResponse<String> signed = platform.equals("x") ? webhooks.postX(body) : webhooks.postMeta(platform, body);
                // Bytes that are not UTF-8 reach the function base64-encoded, as API Gateway sends them, so
                // their signature still matches and they are judged on their content.
                assertTrue(List.of(200, 400, 413).contains(signed.statusCode()), signed.statusCode() + " " + signed.body());
                checked++;
            }
        }
        assertEquals(List.of(), drainInbound(), "nothing malformed was queued");
        assertTrue(checked > 400, "checked " + checked);
    }

    @Test
    void unknownPlatformsAndOtherMethodsAreRefusedAndNothingIsQueued() throws Exception {
        var unknown = webhooks.postMeta("myspace", WebhookClient.freshFixture("messenger-text.json"));
        assertEquals(404, unknown.statusCode());
        assertEquals("no such webhook", json.readTree(unknown.body()).path("error").asText());
        assertEquals(404, webhooks.postMeta("meta/", WebhookClient.freshFixture("messenger-text.json")).statusCode());
        var deleted = new uk.councilinbox.local.ApiClient(gatewayUrl()).send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(gatewayUrl() + "/webhooks/meta")).DELETE().build());
        assertEquals(405, deleted.statusCode());
        assertEquals("GET, POST", deleted.headers().firstValue("allow").orElse(""));
        assertTrue(json.readTree(deleted.body()).has("error"), deleted.body());
        assertEquals(List.of(), drainInbound());
    }


    private List<Message> drainInbound() {
        String url = EmulatorsTestResource.resources().inboundQueueUrl();
        List<Message> all = new ArrayList<>();
        while (true) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(0)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
            if (batch.isEmpty()) {
                return all;
            }
            for (Message m : batch) {
                sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()));
            }
            all.addAll(batch);
        }
    }

    private List<JsonNode> bodies(List<Message> messages) {
        return messages.stream().map(m -> {
            try {
                return json.readTree(m.body());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).collect(Collectors.toList());
    }
}
