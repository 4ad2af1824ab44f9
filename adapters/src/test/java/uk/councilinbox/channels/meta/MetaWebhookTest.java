package uk.councilinbox.channels.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.councilinbox.channels.PayloadFixtures.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import uk.councilinbox.ingest.Delivery;
import uk.councilinbox.ingest.MalformedPayloadException;
import uk.councilinbox.messages.Attachment;
import uk.councilinbox.messages.Channel;
import uk.councilinbox.messages.DeliveryReport;
import uk.councilinbox.messages.DeliveryState;
import uk.councilinbox.messages.GeoPoint;
import uk.councilinbox.messages.InboundMessage;
import uk.councilinbox.messages.Visibility;
import uk.councilinbox.testing.LogCapture;
import uk.councilinbox.testing.TestConfig;

class MetaWebhookTest {

    private static final Instant NOW = Instant.parse("2026-03-10T09:00:00Z");
    private static final String PAGE_ID = "104512345678901";
    private static final String MESSENGER_RESIDENT = "7012345678901234";
    private static final String INSTAGRAM_RESIDENT = "1122334455667788";

    private final MetaWebhook webhook = new MetaWebhook(new ObjectMapper().findAndRegisterModules(),
            TestConfig.with(Map.of("inbox.meta.utility-template.name", "case_status_update")),
            Clock.fixed(NOW, ZoneOffset.UTC));


    private Delivery parse(String json) throws MalformedPayloadException {
        return webhook.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private Delivery parseFixture(String name) throws IOException, MalformedPayloadException {
        return parse(fixture(name));
    }

    private InboundMessage onlyMessage(String name) throws IOException, MalformedPayloadException {
        return only(parseFixture(name));
    }

    @Test
    void messengerTextIsAPrivateMessengerMessage() throws Exception {
        InboundMessage message = onlyMessage("messenger-text.json");
        assertEquals(Channel.MESSENGER, message.channel());
        assertEquals("m_Kx3vT9pQ2rZ8wYbN4cLdE7fGhJ1kMnOpQrStUvWxYz0aBcDeFgHiJkLmNoPqRsTuVwXyZ012345ab6Cd7Ef8GhIjKlMnOp",
                message.platformMessageId());
        assertEquals(MESSENGER_RESIDENT, message.residentId());
        assertEquals(Visibility.PRIVATE, message.visibility());
        assertEquals("Hello, there's a large pothole on Station Road just outside number 42. It's about a foot wide and "
                + "nearly took my tyre off this morning. Could someone come and have a look please?", message.text());
        assertEquals(List.of(), message.attachments());
        assertEquals(Optional.empty(), message.location());
        assertEquals(Optional.empty(), message.replyTarget());
    }

    @Test
    void messengerTimestampInMillisecondsIsTheSendTime() throws Exception {
        assertEquals(Instant.ofEpochMilli(1773130447384L), onlyMessage("messenger-text.json").sentAt());
    }

    @Test
    void messengerImageIsAnImageAttachmentWithEmptyText() throws Exception {
        InboundMessage message = onlyMessage("messenger-image.json");
        assertEquals("", message.text());
        assertEquals(List.of(new Attachment(Attachment.Kind.IMAGE,
                "https://scontent.xx.fbcdn.net/v/t1.15752-9/482913756_1187264539021847_6319284756103928475_n.jpg"
                        + "?_nc_cat=108&ccb=1-7&_nc_sid=fc17b8&_nc_ohc=Qm8rT2xYpL4Q7kNvgF3aB1c&_nc_ad=z-m&_nc_cid=0"
                        + "&_nc_zt=23&_nc_ht=scontent.xx&oh=03_Q7cD1Ef2Gh3Ij4Kl5Mn6Op7Qr8St9Uv0Wx1Yz2Ab3Cd4Ef&oe=6832A1F4")),
                message.attachments());
        assertEquals(Optional.empty(), message.location());
    }

    @Test
    void messengerLocationIsAPinAndNotAnAttachment() throws Exception {
        InboundMessage message = onlyMessage("messenger-location.json");
        assertEquals(Optional.of(new GeoPoint(51.4545191, -2.5879146)), message.location());
        assertEquals(List.of(), message.attachments());
        assertEquals(MESSENGER_RESIDENT, message.residentId());
    }

    @Test
    void quickReplyIsReadAsItsText() throws Exception {
        InboundMessage message = onlyMessage("messenger-quick-reply.json");
        assertEquals("Report a pothole", message.text());
        assertEquals(Channel.MESSENGER, message.channel());
    }

    @Test
    void echoesOfThePagesOwnMessagesAreIgnoredAndCounted() throws Exception {
        Delivery delivery = parseFixture("messenger-echo.json");
        assertEquals(List.of(), delivery.messages());
        assertEquals(1, delivery.ignored());
    }

    @Test
    void multiEntryDeliveryGivesEveryMessageInOrder() throws Exception {
        Delivery delivery = parseFixture("messenger-multi.json");
        assertEquals(0, delivery.ignored());
        assertEquals(List.of(
                "m_Tu8aY4uV7wE3bDgS9hQiJ2kLmO6pRsTuVwXyZaBcDe5fGhIjKlMnOpQrStUvWxYzAbCd567890gh1Ij2KlMnOpQrStUvW",
                "m_Uv9bZ5vW8xF4cEhT0iRjK3lMnP7qStUvWxYzAbCdEf6gHiJkLmNoPqRsTuVwXyZaBcDe678901hi2Jk3LmNoPqRsTuVwX",
                "m_Vw0cA6wX9yG5dFiU1jSkL4mNoQ8rTuVwXyZaBcDeFg7hIjKlMnOpQrStUvWxYzAbCdEf789012ij3Kl4MnOpQrStUvWxY",
                "m_Wx1dB7xY0zH6eGjV2kTlM5nOpR9sUvWxYzAbCdEfGh8iJkLmNoPqRsTuVwXyZaBcDeFg890123jk4Lm5NoPqRsTuVwXyZ"),
                delivery.messages().stream().map(InboundMessage::platformMessageId).toList());
        assertEquals(List.of(MESSENGER_RESIDENT, "6987654321098765", "6987654321098765", MESSENGER_RESIDENT),
                delivery.messages().stream().map(InboundMessage::residentId).toList());
    }

    @Test
    void multiEntryDeliveryKeepsEachMessagesContent() throws Exception {
        List<InboundMessage> messages = parseFixture("messenger-multi.json").messages();
        assertTrue(messages.get(1).text().startsWith("Hiya, the streetlight on Mill Lane"), messages.get(1).text());
        assertEquals(1, messages.get(2).attachments().size());
        assertEquals(Attachment.Kind.IMAGE, messages.get(2).attachments().get(0).kind());
        assertEquals("Report a pothole", messages.get(3).text());
        assertEquals(Instant.ofEpochMilli(1773130931002L), messages.get(3).sentAt());
    }

    @Test
    void instagramTextIsAPrivateInstagramMessage() throws Exception {
        InboundMessage message = onlyMessage("instagram-text.json");
        assertEquals(Channel.INSTAGRAM, message.channel());
        assertEquals(INSTAGRAM_RESIDENT, message.residentId());
        assertEquals(Visibility.PRIVATE, message.visibility());
        assertEquals("aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQxNDEyMzQ1Njc4OTAxOjM0MDI4MjM2Njg0MTcxMDMwMTI0NDI1OTQ3NDQ3"
                + "MTcxNTA3OTk0ODozMjE4NzY1NDMyMTA5ODc2NTQzMjEwOTg3NjU0MzIxMDk4NwZDZD", message.platformMessageId());
        assertEquals("Hi, is this the right place to report a pothole? There's a deep one on Church Street near the Co-op, "
                + "cars keep swerving round it.", message.text());
        assertEquals(Instant.ofEpochMilli(1773130449102L), message.sentAt());
        assertEquals(Optional.empty(), message.replyTarget());
    }

    @Test
    void instagramImageIsAnImageAttachment() throws Exception {
        InboundMessage message = onlyMessage("instagram-image.json");
        assertEquals(Channel.INSTAGRAM, message.channel());
        assertEquals(1, message.attachments().size());
        assertEquals(Attachment.Kind.IMAGE, message.attachments().get(0).kind());
        assertTrue(message.attachments().get(0).ref().startsWith("https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=18047296318573920"));
        assertEquals("", message.text());
    }

    @Test
    void pageCommentIsAPublicFacebookMessage() throws Exception {
        InboundMessage message = onlyMessage("page-feed-comment.json");
        assertEquals(Channel.FACEBOOK, message.channel());
        assertEquals("1198765432101234_2087654321098765", message.platformMessageId());
        assertEquals("8123456789012345", message.residentId());
        assertEquals(Visibility.PUBLIC, message.visibility());
        assertEquals("Still waiting for someone to sort the pothole on Station Road, reported it three weeks ago. "
                + "It's getting bigger every day!", message.text());
        assertEquals(List.of(), message.attachments());
        assertEquals(Optional.empty(), message.location());
    }

    @Test
    void pageCommentRepliesGoToTheComment() throws Exception {
        assertEquals(Optional.of("1198765432101234_2087654321098765"), onlyMessage("page-feed-comment.json").replyTarget());
    }

    @Test
    void pageCommentTimeInSecondsIsTheSendTime() throws Exception {
        assertEquals(Instant.ofEpochSecond(1773130904L), onlyMessage("page-feed-comment.json").sentAt());
    }

    @Test
    void pageCommentPhotoIsAnImageAttachment() throws Exception {
        String json = fixture("page-feed-comment.json")
                .replace("\"item\": \"comment\",", "\"item\": \"comment\", \"photo\": \"https://scontent.test/p.jpg\",");
        InboundMessage message = parse(json).messages().get(0);
        assertEquals(List.of(new Attachment(Attachment.Kind.IMAGE, "https://scontent.test/p.jpg")), message.attachments());
    }

    @Test
    void pagesOwnCommentsAreIgnoredAndCounted() throws Exception {
        Delivery delivery = parse(fixture("page-feed-comment.json").replace("\"8123456789012345\"", "\"" + PAGE_ID + "\""));
        assertEquals(List.of(), delivery.messages());
        assertEquals(1, delivery.ignored());
    }

    @Test
    void editedCommentsAreIgnoredAndCounted() throws Exception {
        Delivery delivery = parse(fixture("page-feed-comment.json").replace("\"verb\": \"add\"", "\"verb\": \"edited\""));
        assertEquals(List.of(), delivery.messages());
        assertEquals(1, delivery.ignored());
    }

    @Test
    void feedChangesThatAreNotCommentsAreIgnoredAndCounted() throws Exception {
        Delivery delivery = parse(fixture("page-feed-comment.json").replace("\"item\": \"comment\"", "\"item\": \"reaction\""));
        assertEquals(List.of(), delivery.messages());
        assertEquals(1, delivery.ignored());
    }

    @Test
    void deletedMessagesAreIgnoredAndCounted() throws Exception {
        Delivery delivery = parse("""
                {"object":"page","entry":[{"id":"104512345678901","messaging":[
                  {"sender":{"id":"7012345678901234"},"timestamp":1773130447384,"message":{"mid":"m_1","is_deleted":true}}]}]}
                """);
        assertEquals(List.of(), delivery.messages());
        assertEquals(1, delivery.ignored());
    }

    @Test
    void eventsThatAreNotMessagesAreIgnoredAndCounted() throws Exception {
        Delivery delivery = parse("""
                {"object":"page","entry":[{"id":"104512345678901","messaging":[
                  {"sender":{"id":"7012345678901234"},"timestamp":1773130447384,"reaction":{"mid":"m_1","action":"react","emoji":"x"}},
                  {"sender":{"id":"7012345678901234"},"timestamp":1773130447384,"message":{"mid":"m_2","text":"hi"}}]}]}
                """);
        assertEquals(List.of("m_2"), delivery.messages().stream().map(InboundMessage::platformMessageId).toList());
        assertEquals(1, delivery.ignored());
    }

    @Test
    void postbacksAreHeardAsTheTitleOfTheButtonTheResidentTapped() throws Exception {
        InboundMessage menu = onlyMessage("messenger-postback.json");
        assertEquals(List.of(Channel.MESSENGER, MESSENGER_RESIDENT, "Report a street light", Visibility.PRIVATE),
                List.of(menu.channel(), menu.residentId(), menu.text(), menu.visibility()));
        assertTrue(menu.platformMessageId().startsWith("m_Zb4cD8eF1gH5"), menu.platformMessageId());
        assertEquals(Instant.ofEpochMilli(1773131002213L), menu.sentAt());
        InboundMessage iceBreaker = onlyMessage("instagram-ice-breaker.json");
        assertEquals(List.of(Channel.INSTAGRAM, INSTAGRAM_RESIDENT, "How do I report a pothole?"),
                List.of(iceBreaker.channel(), iceBreaker.residentId(), iceBreaker.text()), "an Instagram ice-breaker");
    }

    @Test
    void aPostbackWithoutAMidStillGetsAStableId() throws Exception {
        String json = edited("messenger-postback.json", root -> ((com.fasterxml.jackson.databind.node.ObjectNode) root.path("entry").path(0)
                .path("messaging").path(0).path("postback")).remove("mid"));
        InboundMessage first = only(parse(json));
        assertEquals("postback:" + MESSENGER_RESIDENT + ":1773131002213", first.platformMessageId());
        assertEquals(first.platformMessageId(), only(parse(json)).platformMessageId(), "a redelivery has the same id");
    }

    @Test
    void aStickerOnItsOwnIsHeardAsAnOtherAttachmentNotAPhoto() throws Exception {
        InboundMessage message = onlyMessage("messenger-sticker.json");
        assertEquals("", message.text());
        assertEquals(1, message.attachments().size());
        assertEquals(Attachment.Kind.OTHER, message.attachments().get(0).kind());
        assertTrue(message.attachments().get(0).ref().startsWith("https://scontent.xx.fbcdn.net/v/t39.1997-6/"));
    }

    @Test
    void aStickerSentAlsoAsAnImageOfItIsOneStickerAndNoPhoto() throws Exception {
        // 1 Jun to 30 Aug 2026: Meta sent a sticker both as a sticker attachment and as an image attachment.
        String json = edited("messenger-sticker.json", root -> {
            com.fasterxml.jackson.databind.node.ArrayNode attachments = (com.fasterxml.jackson.databind.node.ArrayNode) root.path("entry")
                    .path(0).path("messaging").path(0).path("message").path("attachments");
            com.fasterxml.jackson.databind.node.ObjectNode image = attachments.path(0).deepCopy();
            image.put("type", "image");
            ((com.fasterxml.jackson.databind.node.ObjectNode) image.path("payload")).remove("sticker_id");
            attachments.add(image);
        });
        assertEquals(List.of(Attachment.Kind.OTHER), only(parse(json)).attachments().stream().map(Attachment::kind).toList());
    }

    @Test
    void anOlderStickerAsAnImageWithAStickerIdIsNoPhoto() throws Exception {
        String json = fixture("messenger-sticker.json").replace("\"type\": \"sticker\"", "\"type\": \"image\"");
        assertEquals(Attachment.Kind.OTHER, only(parse(json)).attachments().get(0).kind());
    }

    @Test
    void anInstagramStoryReplyIsHeardAsItsText() throws Exception {
        InboundMessage message = onlyMessage("instagram-story-reply.json");
        assertEquals(Channel.INSTAGRAM, message.channel());
        assertEquals("Will the gritters be out on Mill Lane tonight? It was like an ice rink this morning.", message.text());
        assertEquals(List.of(), message.attachments(), "the story replied to is the council's own");
    }

    @Test
    void anInstagramStoryMentionIsHeardWithTheStoryAsAnOtherAttachment() throws Exception {
        InboundMessage message = onlyMessage("instagram-story-mention.json");
        assertEquals("", message.text());
        assertEquals(Attachment.Kind.OTHER, message.attachments().get(0).kind());
        assertTrue(message.attachments().get(0).ref().contains("asset_id=18063847520395721"));
    }

    @Test
    void aSharedReelIsHeardWithItsLinkAsAnOtherAttachment() throws Exception {
        InboundMessage message = onlyMessage("instagram-shared-reel.json");
        assertEquals(Attachment.Kind.OTHER, message.attachments().get(0).kind());
        assertTrue(message.attachments().get(0).ref().contains("asset_id=18074958631406832"));
    }

    @Test
    void aMessageInStandbyWhileAnotherAppOwnsTheThreadIsStillHeard() throws Exception {
        InboundMessage message = onlyMessage("messenger-standby.json");
        assertEquals(Channel.MESSENGER, message.channel());
        assertEquals("6987654321098765", message.residentId());
        assertEquals("The bin on the corner of Park Road has been overflowing since Friday.", message.text());
    }

    @Test
    void aPostbackInStandbyIsHeardWithoutItsPayload() throws Exception {
        String json = fixture("messenger-postback.json").replace("\"messaging\"", "\"standby\"")
                .replace(",\n            \"payload\": \"MENU:REPORT_STREET_LIGHT\"", "");
        assertEquals("Report a street light", only(parse(json)).text());
    }

    @Test
    void reactionsEditsReferralsAndOptinsAreIgnoredAndCounted() throws Exception {
        Delivery delivery = parseFixture("messenger-not-residents-words.json");
        assertIgnoredOnly(delivery, 4);
        assertEquals(List.of(), delivery.reports());
    }

    // ---- what became of the council's messages ----

    @Test
    void aMessengerDeliveryReportsEachMessageItNames() throws Exception {
        Delivery delivery = parseFixture("messenger-delivery.json");
        assertIgnoredOnly(delivery, 0);
        Instant at = Instant.ofEpochMilli(1773131710214L);
        assertEquals(List.of(
                DeliveryReport.of(Channel.MESSENGER, DeliveryState.DELIVERED,
                        "m_Cd7fG1hI4jK8lM2nO5pQ9rS3tU6vW0xY4zA7bC1dE5fG8hI2jK6lM9nO3pQ7rS0tU4vW8xY1zA5bC9dE2fG6hI0jK3lM",
                        Optional.of("MESSENGER:" + MESSENGER_RESIDENT), Optional.empty(), "", at),
                DeliveryReport.of(Channel.MESSENGER, DeliveryState.DELIVERED,
                        "m_Ef9hI3jK6lM0nO4pQ7rS1tU5vW8xY2zA6bC9dE3fG7hI0jK4lM8nO1pQ5rS9tU2vW6xY0zA4bC7dE1fG5hI8jK2lM6nO",
                        Optional.of("MESSENGER:" + MESSENGER_RESIDENT), Optional.empty(), "", at)), delivery.reports());
    }

    @Test
    void aMessengerDeliveryWithoutMidsReportsEverythingUpToItsWatermark() throws Exception {
        Delivery delivery = parse(fixture("messenger-delivery.json").replaceAll("(?s)\"mids\": \\[.*?\\],", ""));
        assertEquals(List.of(DeliveryReport.upTo(Channel.MESSENGER, DeliveryState.DELIVERED, Instant.ofEpochMilli(1773131700000L),
                "MESSENGER:" + MESSENGER_RESIDENT, Instant.ofEpochMilli(1773131710214L))), delivery.reports());
    }

    @Test
    void aMessengerReadReportsEverythingSentUpToItsWatermark() throws Exception {
        assertEquals(List.of(DeliveryReport.upTo(Channel.MESSENGER, DeliveryState.READ, Instant.ofEpochMilli(1773131700000L),
                "MESSENGER:" + MESSENGER_RESIDENT, Instant.ofEpochMilli(1773131910213L))), parseFixture("messenger-read.json").reports());
    }

    @Test
    void anInstagramSeenReportsTheMessageSeen() throws Exception {
        assertEquals(List.of(DeliveryReport.of(Channel.INSTAGRAM, DeliveryState.READ,
                "aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQxNDEyMzQ1Njc4OTAxOjM0MDI4MjM2Njg0MTcxMDMwMTI0NDI1OTQ3NDQ3MTcxNTA3OTk0ODozMjE4NzY1NDMyMTA5ODc2NTQzMjEwOTg3NjU0MzIxMDk4NwZDZE",
                Optional.of("INSTAGRAM:" + INSTAGRAM_RESIDENT), Optional.empty(), "", Instant.ofEpochMilli(1773131912102L))),
                parseFixture("instagram-seen.json").reports());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"delivery\": {\"mids\": \"m_1\", \"watermark\": 1773131700000}",
            "\"delivery\": {\"mids\": [7], \"watermark\": 1773131700000}", "\"delivery\": {}",
            "\"delivery\": {\"watermark\": \"soon\"}", "\"read\": {}", "\"read\": {\"watermark\": -1}", "\"read\": {\"mid\": \"\"}"})
    void aDeliveryOrReadThatNamesNoMessageIsRefused(String event) {
        String json = "{\"object\":\"page\",\"entry\":[{\"id\":\"" + PAGE_ID + "\",\"messaging\":[{\"sender\":{\"id\":\""
                + MESSENGER_RESIDENT + "\"},\"recipient\":{\"id\":\"" + PAGE_ID + "\"}," + event + "}]}]}";
        assertThrows(MalformedPayloadException.class, () -> parse(json), event);
    }

    @Test
    void theCouncilsOwnReadsAreNotReports() throws Exception {
        Delivery delivery = parse(fixture("messenger-read.json").replace("\"id\": \"7012345678901234\"", "\"id\": \"" + PAGE_ID + "\""));
        assertIgnoredOnly(delivery, 1);
        assertEquals(List.of(), delivery.reports());
    }

    @ParameterizedTest
    @ValueSource(strings = {"reaction", "message_edit", "referral", "optin"})
    void eachKindThatIsNotTheResidentsWordsIsIgnoredAndCounted(String kind) throws Exception {
        String json = edited("messenger-not-residents-words.json", root -> {
            com.fasterxml.jackson.databind.node.ArrayNode events = (com.fasterxml.jackson.databind.node.ArrayNode) root.path("entry").path(0)
                    .path("messaging");
            for (int i = events.size() - 1; i >= 0; i--) {
                if (!events.get(i).has(kind)) {
                    events.remove(i);
                }
            }
        });
        assertIgnoredOnly(parse(json), 1);
    }

    @Test
    void theCouncilsOwnMessagesUnderItsAccountAreIgnored() throws Exception {
        assertIgnoredOnly(parse(fixture("instagram-text.json").replace("\"id\": \"1122334455667788\"", "\"id\": \"17841412345678901\"")), 1);
    }

    @Test
    void aRejectedUtilityTemplateIsAcknowledgedAndLoggedForTheOperator() throws Exception {
        List<String> logged = LogCapture.during(MetaWebhook.class, () -> assertIgnoredOnly(parseFixture("page-template-status.json"), 1));
        List<String> markers = logged.stream().filter(l -> l.startsWith(MetaWebhook.UTILITY_TEMPLATE_UNUSABLE)).toList();
        assertEquals(1, markers.size(), logged.toString());
        assertTrue(markers.get(0).contains("case_status_update") && markers.get(0).contains("REJECTED")
                && markers.get(0).contains("TAG_SHOULD_BE_MARKETING"), markers.get(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"PAUSED", "DISABLED"})
    void aPausedOrDisabledUtilityTemplateIsLoggedForTheOperator(String event) throws Exception {
        String json = fixture("page-template-status.json").replace("\"REJECTED\"", "\"" + event + "\"");
        assertTrue(LogCapture.during(MetaWebhook.class, () -> parse(json)).stream()
                .anyMatch(l -> l.startsWith(MetaWebhook.UTILITY_TEMPLATE_UNUSABLE) && l.contains(event)));
    }

    @Test
    void anApprovedTemplateOrAnotherTemplateIsAcknowledgedWithoutTheMarker() throws Exception {
        for (String json : List.of(fixture("page-template-status.json").replace("\"REJECTED\"", "\"APPROVED\""),
                fixture("page-template-status.json").replace("\"case_status_update\"", "\"someone_elses_template\""))) {
            List<String> logged = LogCapture.during(MetaWebhook.class, () -> assertIgnoredOnly(parse(json), 1));
            assertTrue(logged.stream().noneMatch(l -> l.contains(MetaWebhook.UTILITY_TEMPLATE_UNUSABLE)), logged.toString());
        }
    }

    @Test
    void messageWithoutATimestampIsStampedWithTheClock() throws Exception {
        Delivery delivery = parse("""
                {"object":"page","entry":[{"id":"104512345678901","messaging":[
                  {"sender":{"id":"7012345678901234"},"message":{"mid":"m_1","text":"hi"}}]}]}
                """);
        assertEquals(NOW, delivery.messages().get(0).sentAt());
    }

    @Test
    void otherObjectsGiveNoMessagesAndCountTheirEntries() throws Exception {
        Delivery delivery = parse(fixture("messenger-multi.json").replace("\"object\": \"page\"", "\"object\": \"user\""));
        assertEquals(List.of(), delivery.messages());
        assertEquals(2, delivery.ignored());
    }

    @Test
    void emptyEntryListGivesNoMessages() throws Exception {
        Delivery delivery = parse("{\"object\":\"page\",\"entry\":[]}");
        assertEquals(List.of(), delivery.messages());
        assertEquals(0, delivery.ignored());
    }

    @Test
    void malformedJsonThrows() {
        assertThrows(MalformedPayloadException.class, () -> parse("{\"object\":\"page\",\"entry\":["));
        assertThrows(MalformedPayloadException.class, () -> parse("not json"));
    }

    @Test
    void emptyBodyThrows() {
        assertThrows(MalformedPayloadException.class, () -> parse(""));
    }

    @Test
    void jsonThatIsNotAnObjectThrows() {
        assertThrows(MalformedPayloadException.class, () -> parse("[]"));
        assertThrows(MalformedPayloadException.class, () -> parse("\"page\""));
        assertThrows(MalformedPayloadException.class, () -> parse("null"));
    }

    @Test
    void entryThatIsNotAnArrayThrows() {
        assertThrows(MalformedPayloadException.class, () -> parse("{\"object\":\"page\",\"entry\":{}}"));
    }

    @Test
    void malformedPayloadMessageDoesNotQuoteTheBody() {
        MalformedPayloadException e = assertThrows(MalformedPayloadException.class, () -> parse("{\"secret\": \"s3cr3t"));
        assertFalse(e.getMessage().contains("s3cr3t"), e.getMessage());
    }
}
