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
import java.util.Optional;
import org.junit.jupiter.api.Test;
import uk.councilinbox.ingest.Delivery;
import uk.councilinbox.ingest.MalformedPayloadException;
import uk.councilinbox.messages.Attachment;
import uk.councilinbox.messages.Channel;
import uk.councilinbox.messages.GeoPoint;
import uk.councilinbox.messages.InboundMessage;
import uk.councilinbox.messages.Visibility;
import uk.councilinbox.testing.TestConfig;

class MetaWebhookTest {

    private static final Instant NOW = Instant.parse("2026-03-10T09:00:00Z");
    private static final String PAGE_ID = "104512345678901";
    private static final String MESSENGER_RESIDENT = "7012345678901234";
    private static final String INSTAGRAM_RESIDENT = "1122334455667788";

    private final MetaWebhook webhook = new MetaWebhook(new ObjectMapper().findAndRegisterModules(),
            TestConfig.defaults(),
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
                  {"sender":{"id":"7012345678901234"},"timestamp":1773130447384,"read":{"watermark":1773130447000}},
                  {"sender":{"id":"7012345678901234"},"timestamp":1773130447384,"message":{"mid":"m_2","text":"hi"}}]}]}
                """);
        assertEquals(List.of("m_2"), delivery.messages().stream().map(InboundMessage::platformMessageId).toList());
        assertEquals(1, delivery.ignored());
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
