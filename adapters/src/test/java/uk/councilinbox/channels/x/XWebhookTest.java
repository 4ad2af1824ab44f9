package uk.councilinbox.channels.x;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.councilinbox.channels.PayloadFixtures.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import uk.councilinbox.ingest.Delivery;
import uk.councilinbox.ingest.Handshake;
import uk.councilinbox.ingest.MalformedPayloadException;
import uk.councilinbox.ingest.RawDelivery;
import uk.councilinbox.ingest.SignatureCheck;
import uk.councilinbox.messages.Attachment;
import uk.councilinbox.messages.Channel;
import uk.councilinbox.messages.InboundMessage;
import uk.councilinbox.messages.Visibility;
import uk.councilinbox.settings.InboxConfig;
import uk.councilinbox.testing.TestConfig;

class XWebhookTest {

    private static final Instant NOW = Instant.parse("2026-03-10T09:00:00Z");
    private static final String COUNCIL = "1498765432109876543";
    private static final String RESIDENT = "1623456789012345678";
    private static final String DM_ID = "2031458769012345678";
    private static final String MENTION_ID = "2031458790123456789";
    private static final String ACTIVITY_POST_ID = "2031460638194827365";
    private static final String DM_TEXT = "Hi, there's a big pothole on Station Road outside no. 42, right by the zebra crossing. "
            + "Nearly took my tyre off this morning. Can someone take a look please?";
    private static final String MENTION_TEXT = "@AnytownCouncil The pothole on Station Road outside no. 42 is still there and "
            + "getting deeper. Nearly lost a tyre this morning! #potholes";
    private static final String ACTIVITY_MENTION_TEXT = "Pothole on Station Road outside no. 42 is getting worse, nearly took my "
            + "tyre off this morning. @AnytownCouncil please can you get it sorted?";

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final InboxConfig CONFIG = TestConfig.defaults();
    private static final String CONSUMER_SECRET = CONFIG.x().consumerSecret();

    private final XWebhook webhook = new XWebhook(JSON, CONFIG, Clock.fixed(NOW, ZoneOffset.UTC));

    private static ObjectNode firstDm(ObjectNode root) {
        return (ObjectNode) ((ArrayNode) root.path("direct_message_events")).get(0);
    }

    private static ObjectNode firstPost(ObjectNode root) {
        return (ObjectNode) ((ArrayNode) root.path("tweet_create_events")).get(0);
    }

    private Delivery parse(String json) throws MalformedPayloadException {
        return webhook.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private InboundMessage onlyMessage(String name) throws IOException, MalformedPayloadException {
        return only(parse(fixture(name)));
    }

    private static RawDelivery post(byte[] body, Map<String, String> headers) {
        return new RawDelivery(headers, body);
    }

    // ---- Account Activity API: direct messages ----

    @Test
    void directMessageIsAPrivateXMessageFromItsSender() throws Exception {
        InboundMessage message = onlyMessage("x-dm.json");
        assertEquals(Channel.X, message.channel());
        assertEquals(DM_ID, message.platformMessageId());
        assertEquals(RESIDENT, message.residentId());
        assertEquals(Visibility.PRIVATE, message.visibility());
        assertEquals(DM_TEXT, message.text());
        assertEquals(List.of(), message.attachments());
        assertEquals(Optional.empty(), message.location());
        assertEquals(Optional.empty(), message.replyTarget());
    }

    @Test
    void directMessageCreatedTimestampInMillisecondsIsTheSendTime() throws Exception {
        assertEquals(Instant.ofEpochMilli(1773130447391L), onlyMessage("x-dm.json").sentAt());
    }

    @Test
    void directMessagePhotoIsAnImageAttachment() throws Exception {
        String url = "https://ton.twitter.com/1.1/ton/data/dm/2031458769012345678/2031458760000000000/Qk3vT9pQ.jpg";
        String json = edited("x-dm.json", root -> {
            ObjectNode media = ((ObjectNode) firstDm(root).path("message_create").path("message_data"))
                    .putObject("attachment").put("type", "media").putObject("media");
            media.put("id_str", "2031458760000000000").put("type", "photo").put("media_url_https", url);
        });
        InboundMessage message = only(parse(json));
        assertEquals(List.of(new Attachment(Attachment.Kind.IMAGE, url)), message.attachments());
        assertEquals(DM_TEXT, message.text());
    }

    @Test
    void directMessageWithoutATimestampIsStampedWithTheClock() throws Exception {
        String json = edited("x-dm.json", root -> firstDm(root).remove("created_timestamp"));
        assertEquals(NOW, only(parse(json)).sentAt());
    }

    @Test
    void councilsOwnDirectMessageEchoIsIgnoredAndCounted() throws Exception {
        Delivery delivery = parse(fixture("x-dm.json")
                .replace("\"sender_id\": \"" + RESIDENT + "\"", "\"sender_id\": \"" + COUNCIL + "\""));
        assertIgnoredOnly(delivery, 1);
    }

    @Test
    void directMessageEventsThatAreNotMessageCreateAreIgnoredAndCounted() throws Exception {
        Delivery delivery = parse(fixture("x-dm.json").replace("\"type\": \"message_create\"", "\"type\": \"message_delete\""));
        assertIgnoredOnly(delivery, 1);
    }

    @Test
    void severalDirectMessagesInOneDeliveryArriveInOrderWithEchoesCounted() throws Exception {
        String json = edited("x-dm.json", root -> {
            ArrayNode events = ((ArrayNode) root.path("direct_message_events"));
            ObjectNode echo = events.get(0).deepCopy();
            echo.put("id", "2031458769012345679");
            ((ObjectNode) echo.path("message_create")).put("sender_id", COUNCIL);
            ObjectNode second = events.get(0).deepCopy();
            second.put("id", "2031458769012345680").put("created_timestamp", "1773130507000");
            ((ObjectNode) second.path("message_create").path("message_data")).put("text", "It's outside the bakery.");
            events.add(echo);
            events.add(second);
        });
        Delivery delivery = parse(json);
        assertEquals(List.of(DM_ID, "2031458769012345680"),
                delivery.messages().stream().map(InboundMessage::platformMessageId).toList());
        assertEquals(List.of(DM_TEXT, "It's outside the bakery."), delivery.messages().stream().map(InboundMessage::text).toList());
        assertEquals(Instant.ofEpochMilli(1773130507000L), delivery.messages().get(1).sentAt());
        assertEquals(1, delivery.ignored());
    }

    // ---- Account Activity API: public mentions ----

    @Test
    void mentionIsAPublicXMessageFromItsAuthor() throws Exception {
        InboundMessage message = onlyMessage("x-mention.json");
        assertEquals(Channel.X, message.channel());
        assertEquals(MENTION_ID, message.platformMessageId());
        assertEquals(RESIDENT, message.residentId());
        assertEquals(Visibility.PUBLIC, message.visibility());
        assertEquals(MENTION_TEXT, message.text());
        assertEquals(List.of(), message.attachments());
        assertEquals(Optional.empty(), message.location());
    }

    @Test
    void mentionRepliesGoToThePost() throws Exception {
        assertEquals(Optional.of(MENTION_ID), onlyMessage("x-mention.json").replyTarget());
    }

    @Test
    void mentionTimestampInMillisecondsIsTheSendTime() throws Exception {
        assertEquals(Instant.ofEpochMilli(1773130447391L), onlyMessage("x-mention.json").sentAt());
    }

    @Test
    void mentionWithoutTimestampMsIsDatedByItsClassicCreatedAt() throws Exception {
        String json = edited("x-mention.json", root -> firstPost(root).remove("timestamp_ms"));
        assertEquals(Instant.parse("2026-03-10T08:14:07Z"), only(parse(json)).sentAt());
    }

    @Test
    void mentionWithNeitherTimestampNorReadableDateIsStampedWithTheClock() throws Exception {
        String json = edited("x-mention.json", root -> firstPost(root).put("created_at", "yesterday").remove("timestamp_ms"));
        assertEquals(NOW, only(parse(json)).sentAt());
    }

    @Test
    void extendedTweetFullTextIsPreferredOverTheTruncatedText() throws Exception {
        String full = "@AnytownCouncil The pothole on Station Road outside no. 42 is still there and getting deeper. "
                + "Nearly lost a tyre this morning, and the one by the school on Mill Lane is just as bad. #potholes";
        String json = edited("x-mention.json", root -> {
            ObjectNode post = firstPost(root);
            post.put("truncated", true).put("text", "@AnytownCouncil The pothole on Station Road outside no. 42 is still… https://t.co/x");
            post.putObject("extended_tweet").put("full_text", full);
        });
        assertEquals(full, only(parse(json)).text());
    }

    @Test
    void mentionPhotosFromExtendedEntitiesAreImageAttachmentsInOrder() throws Exception {
        String json = edited("x-mention.json", root -> {
            ArrayNode media = firstPost(root).putObject("extended_entities").putArray("media");
            media.addObject().put("id_str", "1").put("type", "photo").put("media_url_https", "https://pbs.twimg.com/media/Gh1aB.jpg");
            media.addObject().put("id_str", "2").put("type", "photo").put("media_url_https", "https://pbs.twimg.com/media/Gh2cD.jpg");
        });
        assertEquals(List.of(new Attachment(Attachment.Kind.IMAGE, "https://pbs.twimg.com/media/Gh1aB.jpg"),
                        new Attachment(Attachment.Kind.IMAGE, "https://pbs.twimg.com/media/Gh2cD.jpg")),
                only(parse(json)).attachments());
    }

    @Test
    void councilsOwnPostIsIgnoredAndCounted() throws Exception {
        Delivery delivery = parse(fixture("x-mention.json")
                .replace("\"id_str\": \"" + RESIDENT + "\"", "\"id_str\": \"" + COUNCIL + "\""));
        assertIgnoredOnly(delivery, 1);
    }

    @Test
    void retweetsAreIgnoredAndCounted() throws Exception {
        String json = edited("x-mention.json", root -> firstPost(root).putObject("retweeted_status").put("id_str", "2031102938475610234"));
        assertIgnoredOnly(parse(json), 1);
    }

    @Test
    void otherAccountActivityEventsAreIgnoredAndCounted() throws Exception {
        String json = edited("x-mention.json", root -> {
            ArrayNode favourites = root.putArray("favorite_events");
            favourites.addObject().put("id", "a1");
            favourites.addObject().put("id", "a2");
            root.putArray("follow_events").addObject().put("type", "follow");
        });
        Delivery delivery = parse(json);
        assertEquals(List.of(MENTION_ID), delivery.messages().stream().map(InboundMessage::platformMessageId).toList());
        assertEquals(3, delivery.ignored());
    }

    @Test
    void deliveryWithOnlyOtherEventsGivesNoMessages() throws Exception {
        Delivery delivery = parse("""
                {"for_user_id":"1498765432109876543",
                 "direct_message_indicate_typing_events":[{"created_timestamp":"1773130447391","sender_id":"1623456789012345678"}]}
                """);
        assertIgnoredOnly(delivery, 1);
    }

    // ---- X Activity API ----

    @Test
    void activityApiDirectMessageIsAPrivateMessageFromItsSender() throws Exception {
        InboundMessage message = onlyMessage("x-activity-api-dm.json");
        assertEquals(Channel.X, message.channel());
        assertEquals(DM_ID, message.platformMessageId());
        assertEquals(RESIDENT, message.residentId());
        assertEquals(Visibility.PRIVATE, message.visibility());
        assertEquals(DM_TEXT, message.text());
        assertEquals(Instant.ofEpochMilli(1773130447391L), message.sentAt());
        assertEquals(Optional.empty(), message.replyTarget());
    }

    @Test
    void activityApiDirectMessageFromTheCouncilIsIgnoredAndCounted() throws Exception {
        Delivery delivery = parse(fixture("x-activity-api-dm.json")
                .replace("\"sender_id\": \"" + RESIDENT + "\"", "\"sender_id\": \"" + COUNCIL + "\""));
        assertIgnoredOnly(delivery, 1);
    }

    @Test
    void activityApiDeliveryOfSeveralDirectMessagesGivesEveryOneAndCountsEchoes() throws Exception {
        String json = edited("x-activity-api-dm.json", root -> {
            ArrayNode events = (ArrayNode) root.path("data").path("payload").path("direct_message_events");
            ObjectNode second = ((ObjectNode) events.get(0).deepCopy()).put("id", "second-dm");
            ObjectNode echo = ((ObjectNode) events.get(0).deepCopy()).put("id", "council-echo");
            ((ObjectNode) echo.path("message_create")).put("sender_id", COUNCIL);
            events.add(second);
            events.add(echo);
        });
        Delivery delivery = parse(json);

        assertEquals(List.of(DM_ID, "second-dm"), delivery.messages().stream().map(InboundMessage::platformMessageId).toList());
        assertEquals(1, delivery.ignored());
    }

    @Test
    void activityApiDirectMessageEventsThatAreNotAnArrayThrow() {
        assertThrows(MalformedPayloadException.class, () -> parse(edited("x-activity-api-dm.json",
                root -> ((ObjectNode) root.path("data").path("payload")).put("direct_message_events", "x"))));
    }

    @Test
    void activityApiDataWithoutAnEventTypeIsIgnoredAndCounted() throws Exception {
        assertIgnoredOnly(parse("{\"data\":{\"filter\":{\"user_id\":\"" + COUNCIL + "\"}}}"), 1);
    }

    @Test
    void activityApiMentionIsAPublicMessageRepliedToOnThePost() throws Exception {
        InboundMessage message = onlyMessage("x-activity-api-mention.json");
        assertEquals(Channel.X, message.channel());
        assertEquals(ACTIVITY_POST_ID, message.platformMessageId());
        assertEquals(RESIDENT, message.residentId());
        assertEquals(Visibility.PUBLIC, message.visibility());
        assertEquals(ACTIVITY_MENTION_TEXT, message.text());
        assertEquals(Instant.parse("2026-03-10T08:21:44Z"), message.sentAt());
        assertEquals(Optional.of(ACTIVITY_POST_ID), message.replyTarget());
    }

    @Test
    void activityApiReplyIsAPublicMessageRepliedToOnThePost() throws Exception {
        String json = edited("x-activity-api-mention.json",
                root -> ((ObjectNode) root.path("data")).put("event_type", "post.reply.create"));
        InboundMessage message = only(parse(json));
        assertEquals(Visibility.PUBLIC, message.visibility());
        assertEquals(ACTIVITY_POST_ID, message.platformMessageId());
        assertEquals(RESIDENT, message.residentId());
        assertEquals(Optional.of(ACTIVITY_POST_ID), message.replyTarget());
    }

    @Test
    void activityApiPostWithoutCreatedAtIsStampedWithTheClock() throws Exception {
        String json = edited("x-activity-api-mention.json",
                root -> ((ObjectNode) root.path("data").path("payload")).remove("created_at"));
        assertEquals(NOW, only(parse(json)).sentAt());
    }

    @Test
    void activityApiCouncilsOwnPostIsIgnoredAndCounted() throws Exception {
        Delivery delivery = parse(fixture("x-activity-api-mention.json")
                .replace("\"author_id\": \"" + RESIDENT + "\"", "\"author_id\": \"" + COUNCIL + "\""));
        assertIgnoredOnly(delivery, 1);
    }

    @Test
    void activityApiQuoteOfTheCouncilIsAPublicMessageRepliedToOnTheQuote() throws Exception {
        String json = edited("x-activity-api-mention.json",
                root -> ((ObjectNode) root.path("data")).put("event_type", "post.quote.create"));
        InboundMessage message = only(parse(json));
        assertEquals(Visibility.PUBLIC, message.visibility());
        assertEquals(Optional.of(ACTIVITY_POST_ID), message.replyTarget());
    }

    @Test
    void activityApiPostPhotosAndVideosComeFromTheIncludedMedia() throws Exception {
        String json = edited("x-activity-api-mention.json", root -> {
            ObjectNode data = (ObjectNode) root.path("data");
            ((ObjectNode) data.path("payload")).putObject("attachments").putArray("media_keys").add("3_1").add("7_2").add("3_9");
            ArrayNode media = ((ObjectNode) data.path("includes")).putArray("media");
            media.addObject().put("media_key", "3_1").put("type", "photo").put("url", "https://pbs.twimg.com/media/pothole.jpg");
            ObjectNode video = media.addObject().put("media_key", "7_2").put("type", "video")
                    .put("preview_image_url", "https://pbs.twimg.com/thumb.jpg");
            video.putArray("variants").add(JSON.createObjectNode().put("content_type", "application/x-mpegURL").put("url", "https://video.twimg.com/a.m3u8"))
                    .add(JSON.createObjectNode().put("content_type", "video/mp4").put("url", "https://video.twimg.com/a.mp4"));
            media.addObject().put("media_key", "3_5").put("type", "photo").put("url", "https://pbs.twimg.com/media/not-this-post.jpg");
        });
        assertEquals(List.of(new Attachment(Attachment.Kind.IMAGE, "https://pbs.twimg.com/media/pothole.jpg"),
                new Attachment(Attachment.Kind.VIDEO, "https://video.twimg.com/a.mp4")), only(parse(json)).attachments());
    }

    @Test
    void activityApiEncryptedChatIsAcknowledgedCountedAndNotRead() throws Exception {
        Delivery delivery = parse("""
                {"data":{"event_uuid":"-7310184","event_type":"chat.received","filter":{"user_id":"1498765432109876543"},
                         "payload":{"conversation_id":"1623456789012345678:1498765432109876543","sender_id":"1623456789012345678",
                                    "encoded_event":"AAECAwQFBgcICQ==","conversation_token":"t0k"}}}
                """);
        assertIgnoredOnly(delivery, 1);
    }

    @Test
    void activityApiCouncilsOwnSentDirectMessageIsNotAResidentsMessage() throws Exception {
        String json = edited("x-activity-api-dm.json", root -> ((ObjectNode) root.path("data")).put("event_type", "dm.sent"));
        assertIgnoredOnly(parse(json), 1);
    }

    @Test
    void accountActivityDeliveriesStillParseUntilTheirEndOfLife() throws Exception {
        assertEquals(java.time.LocalDate.of(2027, 1, 1), XWebhook.ACCOUNT_ACTIVITY_ENDS);
        assertEquals(1, parse(fixture("x-dm.json")).messages().size());
    }

    @Test
    void activityApiUnknownEventTypeIsIgnoredAndCounted() throws Exception {
        Delivery delivery = parse("""
                {"data":{"event_type":"profile.update.bio","filter":{"user_id":"1623456789012345678"},
                         "payload":{"before":"Dad.","after":"Dad, cyclist, Rovers fan."}}}
                """);
        assertIgnoredOnly(delivery, 1);
    }

    // ---- CRC handshake ----

    @Test
    void crcTokenIsAnsweredWithTheBase64HmacOfTheTokenKeyedWithTheConsumerSecret() throws Exception {
        String token = "Zm9vYmFyLWNyYy10b2tlbi0xNzczMTMwNDQ3";
        Handshake handshake = webhook.handshake(Map.of("crc_token", token));
        Handshake.Answer answer = assertInstanceOf(Handshake.Answer.class, handshake);
        assertEquals("application/json", answer.contentType());
        JsonNode body = JSON.readTree(answer.body());
        assertEquals("sha256=" + Base64.getEncoder().encodeToString(hmacSha256(CONSUMER_SECRET, token.getBytes(StandardCharsets.UTF_8))),
                body.path("response_token").asText());
        assertEquals(1, body.size(), answer.body());
    }

    @Test
    void crcAnswerDependsOnTheToken() {
        Handshake.Answer first = assertInstanceOf(Handshake.Answer.class, webhook.handshake(Map.of("crc_token", "one")));
        Handshake.Answer second = assertInstanceOf(Handshake.Answer.class, webhook.handshake(Map.of("crc_token", "two")));
        assertFalse(first.body().equals(second.body()), first.body());
    }

    @Test
    void crcWithoutATokenIsRefused() {
        assertInstanceOf(Handshake.Refused.class, webhook.handshake(Map.of()));
        assertInstanceOf(Handshake.Refused.class, webhook.handshake(Map.of("crc_token", "")));
        Map<String, String> metaStyle = new HashMap<>();
        metaStyle.put("hub.mode", "subscribe");
        metaStyle.put("hub.challenge", "1158201444");
        assertInstanceOf(Handshake.Refused.class, webhook.handshake(metaStyle));
    }

    // ---- signature ----

    @Test
    void signatureOfTheRawBodyWithTheConsumerSecretIsValid() throws Exception {
        byte[] body = fixture("x-dm.json").getBytes(StandardCharsets.UTF_8);
        String header = "sha256=" + Base64.getEncoder().encodeToString(hmacSha256(CONSUMER_SECRET, body));
        assertEquals(SignatureCheck.VALID, webhook.checkSignature(post(body, Map.of("x-twitter-webhooks-signature", header))));
    }

    @Test
    void signatureMadeWithAnotherSecretIsInvalid() throws Exception {
        byte[] body = fixture("x-dm.json").getBytes(StandardCharsets.UTF_8);
        String header = "sha256=" + Base64.getEncoder().encodeToString(hmacSha256(CONSUMER_SECRET + "-not", body));
        assertEquals(SignatureCheck.INVALID, webhook.checkSignature(post(body, Map.of("x-twitter-webhooks-signature", header))));
    }

    @Test
    void missingSignatureIsMissing() throws Exception {
        byte[] body = fixture("x-dm.json").getBytes(StandardCharsets.UTF_8);
        assertEquals(SignatureCheck.MISSING, webhook.checkSignature(post(body, Map.of())));
        assertEquals(SignatureCheck.MISSING, webhook.checkSignature(post(body, Map.of("x-twitter-webhooks-signature", ""))));
    }

    @Test
    void signatureInAnotherPlatformsHeaderIsMissing() throws Exception {
        byte[] body = fixture("x-dm.json").getBytes(StandardCharsets.UTF_8);
        String header = "sha256=" + Base64.getEncoder().encodeToString(hmacSha256(CONSUMER_SECRET, body));
        assertEquals(SignatureCheck.MISSING, webhook.checkSignature(post(body, Map.of("x-hub-signature-256", header))));
    }

    @Test
    void bodyAlteredByOneByteAfterSigningIsInvalid() throws Exception {
        byte[] body = fixture("x-dm.json").getBytes(StandardCharsets.UTF_8);
        String header = "sha256=" + Base64.getEncoder().encodeToString(hmacSha256(CONSUMER_SECRET, body));
        byte[] altered = body.clone();
        altered[altered.length / 2] ^= 0x01;
        assertEquals(SignatureCheck.INVALID, webhook.checkSignature(post(altered, Map.of("x-twitter-webhooks-signature", header))));
    }

    @Test
    void hexSignatureIsNotAcceptedBecauseXSignsInBase64() throws Exception {
        byte[] body = fixture("x-dm.json").getBytes(StandardCharsets.UTF_8);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(CONSUMER_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String hex = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        assertEquals(SignatureCheck.INVALID, webhook.checkSignature(post(body, Map.of("x-twitter-webhooks-signature", hex))));
    }

    // ---- malformed bodies ----

    @Test
    void malformedJsonThrows() {
        assertThrows(MalformedPayloadException.class, () -> parse("{\"for_user_id\":\"1\",\"direct_message_events\":["));
        assertThrows(MalformedPayloadException.class, () -> parse("not json"));
        assertThrows(MalformedPayloadException.class, () -> parse(""));
    }

    @Test
    void jsonThatIsNotAnObjectThrows() {
        assertThrows(MalformedPayloadException.class, () -> parse("[]"));
        assertThrows(MalformedPayloadException.class, () -> parse("\"direct_message_events\""));
        assertThrows(MalformedPayloadException.class, () -> parse("null"));
        assertThrows(MalformedPayloadException.class, () -> parse("42"));
    }

    @Test
    void eventListsThatAreNotArraysThrow() {
        assertThrows(MalformedPayloadException.class,
                () -> parse("{\"for_user_id\":\"1\",\"direct_message_events\":\"hello\"}"));
        assertThrows(MalformedPayloadException.class,
                () -> parse("{\"for_user_id\":\"1\",\"tweet_create_events\":{\"id_str\":\"5\"}}"));
        assertThrows(MalformedPayloadException.class, () -> parse("{\"for_user_id\":\"1\",\"favorite_events\":3}"));
    }

    @Test
    void activityDataThatIsNotAnObjectThrows() {
        assertThrows(MalformedPayloadException.class, () -> parse("{\"data\":\"dm.received\"}"));
        assertThrows(MalformedPayloadException.class, () -> parse("{\"data\":[{\"event_type\":\"dm.received\"}]}"));
    }

    @Test
    void malformedPayloadMessageDoesNotQuoteTheBody() {
        List<String> bodies = List.of(
                "{\"secret\": \"s3cr3t",
                "{\"direct_message_events\": \"s3cr3t\"}",
                "{\"data\": \"s3cr3t\"}",
                "[\"s3cr3t\"]");
        for (String body : bodies) {
            MalformedPayloadException e = assertThrows(MalformedPayloadException.class, () -> parse(body), body);
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), body);
            assertFalse(e.getMessage().contains("s3cr3t"), e.getMessage());
        }
    }
}
