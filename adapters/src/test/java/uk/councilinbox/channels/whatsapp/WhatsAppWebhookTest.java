package uk.councilinbox.channels.whatsapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.councilinbox.channels.PayloadFixtures.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import uk.councilinbox.ingest.Delivery;
import uk.councilinbox.ingest.Handshake;
import uk.councilinbox.ingest.MalformedPayloadException;
import uk.councilinbox.ingest.RawDelivery;
import uk.councilinbox.ingest.SignatureCheck;
import uk.councilinbox.messages.Attachment;
import uk.councilinbox.messages.Channel;
import uk.councilinbox.messages.DeliveryReport;
import uk.councilinbox.messages.DeliveryState;
import uk.councilinbox.messages.Digests;
import uk.councilinbox.messages.GeoPoint;
import uk.councilinbox.messages.InboundMessage;
import uk.councilinbox.messages.Visibility;
import uk.councilinbox.settings.InboxConfig;
import uk.councilinbox.testing.LogCapture;
import uk.councilinbox.testing.TestConfig;

class WhatsAppWebhookTest {

    private static final Instant NOW = Instant.parse("2026-03-10T09:00:00Z");
    private static final String RESIDENT = "447700900123";
    private static final String TEXT_ID = "wamid.HBgMNDQ3NzAwOTAwMTIzFQIAEhgWM0VCMEE4RjNCOTg3QjJDMEM1RDRFMQA=";
    private static final String LOCATION_ID = "wamid.HBgMNDQ3NzAwOTAwMTIzFQIAEhgWM0VCMDdDMkE5RjE0NEI4RDZBNzBFMgA=";
    private static final String IMAGE_ID = "wamid.HBgMNDQ3NzAwOTAwMTIzFQIAEhgWM0VCMDVGNjE4QTJEOUMzQjQxRTdGMwA=";
    private static final String TEXT = "Morning, there's a massive pothole on Station Road outside no. 42, right by the zebra crossing. "
            + "Someone's going to come off their bike. Can you get it filled?";

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final InboxConfig CONFIG = TestConfig.defaults();
    private static final String APP_SECRET = CONFIG.meta().appSecret();

    private final WhatsAppWebhook webhook = new WhatsAppWebhook(JSON, CONFIG, Clock.fixed(NOW, ZoneOffset.UTC));

    private static ObjectNode value(ObjectNode root) {
        return (ObjectNode) root.path("entry").path(0).path("changes").path(0).path("value");
    }

    private static ObjectNode firstMessage(ObjectNode root) {
        return (ObjectNode) value(root).path("messages").path(0);
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

    // ---- messages ----

    @Test
    void textIsAPrivateWhatsAppMessageFromTheResidentsNumber() throws Exception {
        InboundMessage message = onlyMessage("whatsapp-text.json");
        assertEquals(Channel.WHATSAPP, message.channel());
        assertEquals(TEXT_ID, message.platformMessageId());
        assertEquals(RESIDENT, message.residentId());
        assertEquals(Visibility.PRIVATE, message.visibility());
        assertEquals(TEXT, message.text());
        assertEquals(List.of(), message.attachments());
        assertEquals(Optional.empty(), message.location());
        assertEquals(Optional.empty(), message.replyTarget());
    }

    @Test
    void timestampInSecondsIsTheSendTime() throws Exception {
        assertEquals(Instant.ofEpochSecond(1773130447L), onlyMessage("whatsapp-text.json").sentAt());
    }

    @Test
    void messageWithoutATimestampIsStampedWithTheClock() throws Exception {
        String json = edited("whatsapp-text.json", root -> firstMessage(root).remove("timestamp"));
        assertEquals(NOW, only(parse(json)).sentAt());
    }

    @Test
    void locationIsAPinAndNotAnAttachment() throws Exception {
        InboundMessage message = onlyMessage("whatsapp-location.json");
        assertEquals(LOCATION_ID, message.platformMessageId());
        assertEquals(RESIDENT, message.residentId());
        assertEquals(Optional.of(new GeoPoint(51.4545191, -2.5879146)), message.location());
        assertEquals(List.of(), message.attachments());
        assertEquals(Instant.ofEpochSecond(1773130530L), message.sentAt());
    }

    @Test
    void locationNameAndAddressAreTheMessageText() throws Exception {
        assertEquals("Pothole outside 42 Station Road, 42 Station Road, Bristol BS1 4DJ",
                onlyMessage("whatsapp-location.json").text());
    }

    @Test
    void bareLocationPinHasEmptyText() throws Exception {
        String json = edited("whatsapp-location.json", root -> {
            ObjectNode pin = (ObjectNode) firstMessage(root).path("location");
            pin.remove("name");
            pin.remove("address");
        });
        InboundMessage message = only(parse(json));
        assertEquals("", message.text());
        assertEquals(Optional.of(new GeoPoint(51.4545191, -2.5879146)), message.location());
    }

    @Test
    void imageIsAnImageAttachmentByMediaIdWithItsCaptionAsText() throws Exception {
        InboundMessage message = onlyMessage("whatsapp-image.json");
        assertEquals(IMAGE_ID, message.platformMessageId());
        assertEquals(List.of(new Attachment(Attachment.Kind.IMAGE, "whatsapp-media:1287365490218374")), message.attachments());
        assertEquals("This is the one on Station Road, about a foot across and getting deeper", message.text());
        assertEquals(Optional.empty(), message.location());
        assertEquals(Instant.ofEpochSecond(1773130562L), message.sentAt());
    }

    @Test
    void imageWithoutACaptionHasEmptyText() throws Exception {
        String json = edited("whatsapp-image.json", root -> ((ObjectNode) firstMessage(root).path("image")).remove("caption"));
        InboundMessage message = only(parse(json));
        assertEquals("", message.text());
        assertEquals(1, message.attachments().size());
    }

    @Test
    void residentWithoutAPhoneNumberIsKnownByTheirUserId() throws Exception {
        String json = edited("whatsapp-text.json", root -> firstMessage(root).put("from", "").put("from_user_id", "GB.1502576394655843"));
        assertEquals("GB.1502576394655843", only(parse(json)).residentId());
    }

    @Test
    void theUserIdIsTheResidentsKeyWhenThePhoneNumberComesToo() throws Exception {
        // It survives the resident adopting a username; the phone number may then stop coming.
        String json = edited("whatsapp-text.json", root -> firstMessage(root).put("from_user_id", "GB.1502576394655843"));
        assertEquals("GB.1502576394655843", only(parse(json)).residentId());
    }

    @Test
    void messageWithNoSenderIsIgnoredAndCounted() throws Exception {
        String json = edited("whatsapp-text.json", root -> firstMessage(root).remove("from"));
        assertIgnoredOnly(parse(json), 1);
    }

    @Test
    void messageWithNoIdIsIgnoredAndCounted() throws Exception {
        String json = edited("whatsapp-text.json", root -> firstMessage(root).remove("id"));
        assertIgnoredOnly(parse(json), 1);
    }

    @Test
    void unknownMessageTypesAreIgnoredAndCounted() throws Exception {
        String json = edited("whatsapp-text.json", root -> {
            ArrayNode messages = (ArrayNode) value(root).path("messages");
            messages.addObject().put("from", RESIDENT).put("id", "wamid.reaction").put("timestamp", "1773130451").put("type", "reaction")
                    .putObject("reaction").put("message_id", TEXT_ID).put("emoji", "\uD83D\uDC4D");
            messages.addObject().put("from", RESIDENT).put("id", "wamid.unsupported").put("timestamp", "1773130452")
                    .put("type", "unsupported");
        });
        Delivery delivery = parse(json);
        assertEquals(List.of(TEXT_ID), delivery.messages().stream().map(InboundMessage::platformMessageId).toList());
        assertEquals(2, delivery.ignored());
    }

    @Test
    void videosDocumentsAndVoiceNotesAreMessagesWithTheirMediaAndCaption() throws Exception {
        String json = edited("whatsapp-text.json", root -> {
            ArrayNode messages = (ArrayNode) value(root).path("messages");
            messages.removeAll();
            messages.addObject().put("from", RESIDENT).put("id", "wamid.video").put("timestamp", "1773130450").put("type", "video")
                    .putObject("video").put("id", "111").put("caption", "Water pouring out of the drain");
            messages.addObject().put("from", RESIDENT).put("id", "wamid.doc").put("timestamp", "1773130451").put("type", "document")
                    .putObject("document").put("id", "222").put("filename", "letter.pdf");
            messages.addObject().put("from", RESIDENT).put("id", "wamid.voice").put("timestamp", "1773130452").put("type", "audio")
                    .putObject("audio").put("id", "333").put("voice", true);
        });
        List<InboundMessage> messages = parse(json).messages();

        assertEquals(List.of("wamid.video", "wamid.doc", "wamid.voice"), messages.stream().map(InboundMessage::platformMessageId).toList());
        assertEquals("Water pouring out of the drain", messages.get(0).text());
        assertEquals(List.of(new Attachment(Attachment.Kind.VIDEO, "whatsapp-media:111")), messages.get(0).attachments());
        assertEquals(List.of(new Attachment(Attachment.Kind.FILE, "whatsapp-media:222")), messages.get(1).attachments());
        assertEquals(List.of(new Attachment(Attachment.Kind.OTHER, "whatsapp-media:333")), messages.get(2).attachments());
        assertEquals("", messages.get(2).text());
    }

    @Test
    void templateButtonAndInteractiveRepliesAreReadAsTheirText() throws Exception {
        String json = edited("whatsapp-text.json", root -> {
            ArrayNode messages = (ArrayNode) value(root).path("messages");
            messages.removeAll();
            messages.addObject().put("from", RESIDENT).put("id", "wamid.button").put("timestamp", "1773130450").put("type", "button")
                    .putObject("button").put("text", "Still not fixed").put("payload", "NOT_FIXED");
            ObjectNode interactive = messages.addObject().put("from", RESIDENT).put("id", "wamid.list").put("timestamp", "1773130451")
                    .put("type", "interactive").putObject("interactive").put("type", "list_reply");
            interactive.putObject("list_reply").put("id", "bins").put("title", "Missed bin collection");
        });

        assertEquals(List.of("Still not fixed", "Missed bin collection"), parse(json).messages().stream().map(InboundMessage::text).toList());
    }

    @Test
    void messagesOrChangesThatAreNotArraysThrow() {
        assertThrows(MalformedPayloadException.class, () -> parse(edited("whatsapp-text.json", root -> value(root).put("messages", "oops"))));
        assertThrows(MalformedPayloadException.class, () -> parse(edited("whatsapp-text.json",
                root -> ((ObjectNode) root.path("entry").path(0)).putObject("changes").put("field", "messages"))));
    }

    @Test
    void multipleMessagesInOneDeliveryArriveInOrder() throws Exception {
        ObjectNode text = firstMessage((ObjectNode) JSON.readTree(fixture("whatsapp-text.json")));
        ObjectNode location = firstMessage((ObjectNode) JSON.readTree(fixture("whatsapp-location.json")));
        ObjectNode image = firstMessage((ObjectNode) JSON.readTree(fixture("whatsapp-image.json")));
        ObjectNode other = text.deepCopy().put("from", "447700900456").put("id", "wamid.other").put("timestamp", "1773130600");
        ((ObjectNode) other.path("text")).put("body", "Bin not collected on Mill Lane");
        String json = edited("whatsapp-text.json", root -> {
            ArrayNode messages = (ArrayNode) value(root).path("messages");
            messages.removeAll();
            messages.add(text);
            messages.add(location);
            // A second entry, as one POST can carry several.
            ObjectNode secondEntry = root.path("entry").path(0).deepCopy();
            ArrayNode secondMessages = (ArrayNode) secondEntry.path("changes").path(0).path("value").path("messages");
            secondMessages.removeAll();
            secondMessages.add(image);
            secondMessages.add(other);
            ((ArrayNode) root.path("entry")).add(secondEntry);
        });
        Delivery delivery = parse(json);
        assertEquals(0, delivery.ignored());
        assertEquals(List.of(TEXT_ID, LOCATION_ID, IMAGE_ID, "wamid.other"),
                delivery.messages().stream().map(InboundMessage::platformMessageId).toList());
        assertEquals(List.of(RESIDENT, RESIDENT, RESIDENT, "447700900456"),
                delivery.messages().stream().map(InboundMessage::residentId).toList());
        assertEquals("Bin not collected on Mill Lane", delivery.messages().get(3).text());
        assertEquals(Instant.ofEpochSecond(1773130600L), delivery.messages().get(3).sentAt());
    }

    // ---- what is not a resident's message ----

    @Test
    void deliveredAndReadStatusesAreReportsForTheReplysStateNotMessages() throws Exception {
        Delivery delivery = parse(fixture("whatsapp-status.json"));
        String id = "wamid.HBgMNDQ3NzAwOTAwMTIzFQIAERgSQjdFMjA5QzRBMUQzRjU4RTYwAA==";
        assertIgnoredOnly(delivery, 0);
        assertEquals(List.of(
                DeliveryReport.of(Channel.WHATSAPP, DeliveryState.DELIVERED, id, Optional.of("WHATSAPP:" + RESIDENT), Optional.empty(), "",
                        Instant.ofEpochSecond(1773130906L)),
                DeliveryReport.of(Channel.WHATSAPP, DeliveryState.READ, id, Optional.of("WHATSAPP:" + RESIDENT), Optional.empty(), "",
                        Instant.ofEpochSecond(1773130930L))), delivery.reports());
    }

    @Test
    void aSentStatusMovesNothingAndAnUnknownOneIsCounted() throws Exception {
        for (String status : List.of("sent", "deleted", "warning")) {
            String json = edited("whatsapp-status.json", root -> ((ObjectNode) value(root).path("statuses").path(0)).put("status", status));
            Delivery delivery = parse(json);
            assertEquals(List.of(DeliveryState.READ), delivery.reports().stream().map(DeliveryReport::state).toList(), status);
            assertEquals(1, delivery.ignored(), status);
        }
    }

    @Test
    void aStatusWithoutAMessageIdIsCountedNotReported() throws Exception {
        String json = edited("whatsapp-status.json", root -> ((ObjectNode) value(root).path("statuses").path(0)).remove("id"));
        assertEquals(1, parse(json).reports().size());
    }

    @Test
    void aFailedDeliveryIsReportedToItsCaseAndToOperatorsWithoutTheResidentsNumber() throws Exception {
        String json = edited("whatsapp-status.json", root -> {
            ObjectNode failed = ((ArrayNode) value(root).path("statuses")).addObject().put("id", "wamid.failed-one")
                    .put("status", "failed").put("timestamp", "1773130950").put("recipient_id", RESIDENT)
                    .put("biz_opaque_callback_data", "K7PD-M4QX");
            failed.putArray("errors").addObject().put("code", 131047).put("title", "Re-engagement message");
        });
        Delivery[] parsed = new Delivery[1];
        List<String> logged = logsOf(() -> parsed[0] = parse(json));

        assertEquals(List.of(), parsed[0].messages());
        assertEquals(0, parsed[0].ignored(), "delivered and read are reports too");
        assertEquals(new DeliveryReport(Channel.WHATSAPP, "wamid.failed-one", Optional.of("WHATSAPP:" + RESIDENT),
                Optional.of("K7PD-M4QX"), "code 131047 (Re-engagement message)", Instant.ofEpochSecond(1773130950L)), parsed[0].reports().getLast(),
                "the failure goes to the case");
        assertFalse(parsed[0].reports().getLast().detail().contains(RESIDENT));
        assertEquals(1, logged.size(), logged.toString());
        assertTrue(logged.get(0).startsWith(WhatsAppWebhook.DELIVERY_FAILED), logged.get(0));
        // The message by its digest: a real WhatsApp message id encodes the recipient's number.
        assertTrue(logged.get(0).contains(Digests.forLog("wamid.failed-one")) && logged.get(0).contains("131047"), logged.get(0));
        assertFalse(logged.get(0).contains("wamid."), logged.get(0));
        assertTrue(logged.get(0).contains("case K7PD-M4QX"), logged.get(0));
        assertFalse(logged.get(0).contains(RESIDENT), logged.get(0));
    }

    @Test
    void statusesBesideAMessageAreReportedAndTheMessageKept() throws Exception {
        ArrayNode statuses = (ArrayNode) value((ObjectNode) JSON.readTree(fixture("whatsapp-status.json"))).path("statuses");
        String json = edited("whatsapp-text.json", root -> value(root).set("statuses", statuses));
        Delivery delivery = parse(json);
        assertEquals(List.of(TEXT_ID), delivery.messages().stream().map(InboundMessage::platformMessageId).toList());
        assertEquals(2, delivery.reports().size());
    }

    @Test
    void changesToOtherFieldsSuchAsTheBusinessesOwnEchoesAreIgnoredAndCounted() throws Exception {
        // Coexistence echoes of what the business sent from the WhatsApp Business app arrive on their own field.
        String json = edited("whatsapp-text.json", root -> ((ObjectNode) root.path("entry").path(0).path("changes").path(0))
                .put("field", "smb_message_echoes"));
        assertIgnoredOnly(parse(json), 1);
    }

    @Test
    void otherObjectsGiveNoMessagesAndCountTheirEntries() throws Exception {
        String json = edited("whatsapp-text.json", root -> {
            root.put("object", "page");
            ((ArrayNode) root.path("entry")).add(root.path("entry").path(0).deepCopy());
        });
        assertIgnoredOnly(parse(json), 2);
    }

    @Test
    void emptyEntryListGivesNoMessages() throws Exception {
        assertIgnoredOnly(parse("{\"object\":\"whatsapp_business_account\",\"entry\":[]}"), 0);
    }

    // ---- malformed bodies ----

    @Test
    void entryThatIsNotAnArrayThrows() {
        assertThrows(MalformedPayloadException.class, () -> parse("{\"object\":\"whatsapp_business_account\",\"entry\":{}}"));
        assertThrows(MalformedPayloadException.class, () -> parse("{\"object\":\"whatsapp_business_account\",\"entry\":\"x\"}"));
    }

    @Test
    void malformedJsonThrows() {
        assertThrows(MalformedPayloadException.class, () -> parse("{\"object\":\"whatsapp_business_account\",\"entry\":["));
        assertThrows(MalformedPayloadException.class, () -> parse("not json"));
        assertThrows(MalformedPayloadException.class, () -> parse(""));
    }

    @Test
    void jsonThatIsNotAnObjectThrows() {
        assertThrows(MalformedPayloadException.class, () -> parse("[]"));
        assertThrows(MalformedPayloadException.class, () -> parse("\"whatsapp_business_account\""));
        assertThrows(MalformedPayloadException.class, () -> parse("null"));
    }

    @Test
    void malformedPayloadMessageDoesNotQuoteTheBody() {
        for (String body : List.of("{\"secret\": \"s3cr3t", "{\"object\":\"whatsapp_business_account\",\"entry\":\"s3cr3t\"}")) {
            MalformedPayloadException e = assertThrows(MalformedPayloadException.class, () -> parse(body), body);
            assertFalse(e.getMessage().contains("s3cr3t"), e.getMessage());
        }
    }

    // ---- Meta's signature and verification ----

    @Test
    void hexSignatureOfTheRawBodyWithTheAppSecretIsValid() throws Exception {
        byte[] body = fixture("whatsapp-text.json").getBytes(StandardCharsets.UTF_8);
        String header = "sha256=" + HexFormat.of().formatHex(hmacSha256(APP_SECRET, body));
        assertEquals(SignatureCheck.VALID, webhook.checkSignature(post(body, Map.of("x-hub-signature-256", header))));
    }

    @Test
    void signatureMadeWithAnotherSecretIsInvalid() throws Exception {
        byte[] body = fixture("whatsapp-text.json").getBytes(StandardCharsets.UTF_8);
        String header = "sha256=" + HexFormat.of().formatHex(hmacSha256(APP_SECRET + "-not", body));
        assertEquals(SignatureCheck.INVALID, webhook.checkSignature(post(body, Map.of("x-hub-signature-256", header))));
    }

    @Test
    void bodyAlteredByOneByteAfterSigningIsInvalid() throws Exception {
        byte[] body = fixture("whatsapp-text.json").getBytes(StandardCharsets.UTF_8);
        String header = "sha256=" + HexFormat.of().formatHex(hmacSha256(APP_SECRET, body));
        byte[] altered = body.clone();
        altered[altered.length / 2] ^= 0x01;
        assertEquals(SignatureCheck.INVALID, webhook.checkSignature(post(altered, Map.of("x-hub-signature-256", header))));
    }

    @Test
    void missingSignatureIsMissing() throws Exception {
        byte[] body = fixture("whatsapp-text.json").getBytes(StandardCharsets.UTF_8);
        assertEquals(SignatureCheck.MISSING, webhook.checkSignature(post(body, Map.of())));
        String xStyle = "sha256=" + Base64.getEncoder().encodeToString(hmacSha256(APP_SECRET, body));
        assertEquals(SignatureCheck.MISSING, webhook.checkSignature(post(body, Map.of("x-twitter-webhooks-signature", xStyle))));
    }

    @Test
    void base64SignatureIsNotAcceptedBecauseMetaSignsInHex() throws Exception {
        byte[] body = fixture("whatsapp-text.json").getBytes(StandardCharsets.UTF_8);
        String header = "sha256=" + Base64.getEncoder().encodeToString(hmacSha256(APP_SECRET, body));
        assertEquals(SignatureCheck.INVALID, webhook.checkSignature(post(body, Map.of("x-hub-signature-256", header))));
    }

    @Test
    void subscriptionWithTheVerifyTokenIsAnsweredWithTheChallenge() {
        Handshake handshake = webhook.handshake(Map.of(
                "hub.mode", "subscribe", "hub.verify_token", CONFIG.meta().verifyToken(), "hub.challenge", "1158201444"));
        Handshake.Answer answer = assertInstanceOf(Handshake.Answer.class, handshake);
        assertEquals("1158201444", answer.body());
    }

    @Test
    void subscriptionWithAnotherVerifyTokenIsRefused() {
        assertInstanceOf(Handshake.Refused.class, webhook.handshake(Map.of(
                "hub.mode", "subscribe", "hub.verify_token", CONFIG.meta().verifyToken() + "x", "hub.challenge", "1158201444")));
    }

    // ---- business-scoped user ids and id changes ----

    private static final String USER_ID = "GB.1502576394655843";

    @Test
    void aResidentWithAUsernameAndNoPhoneNumberIsKnownByTheirUserIdAlone() throws Exception {
        InboundMessage message = onlyMessage("whatsapp-username.json");
        assertEquals(USER_ID, message.residentId());
        assertEquals(List.of(), message.previousResidentIds());
        assertEquals(InboundMessage.Kind.RESIDENT_WROTE, message.kind());
    }

    @Test
    void withBothThePhoneNumberIsThePreviousIdSoCasesOpenedByPhoneContinue() throws Exception {
        InboundMessage message = onlyMessage("whatsapp-phone-and-user-id.json");
        assertEquals(USER_ID, message.residentId());
        assertEquals(List.of(RESIDENT), message.previousResidentIds());
    }

    @Test
    void aUserIdChangeIsANoticeMovingTheOldIdToTheNewOneAndNotAResidentsMessage() throws Exception {
        InboundMessage notice = onlyMessage("whatsapp-system-user-id.json");
        assertEquals(InboundMessage.Kind.RESIDENT_ID_CHANGED, notice.kind());
        assertEquals("GB.2718281828459045", notice.residentId());
        assertEquals(List.of(USER_ID), notice.previousResidentIds());
        assertEquals("", notice.text(), "the notice's body (with the resident's name) is not kept");
        assertEquals(Instant.ofEpochSecond(1773131000L), notice.sentAt());
    }

    @Test
    void aNumberChangeMovesTheOldNumberAndOldUserIdToTheNewUserId() throws Exception {
        InboundMessage notice = onlyMessage("whatsapp-system-number.json");
        assertEquals(InboundMessage.Kind.RESIDENT_ID_CHANGED, notice.kind());
        assertEquals("GB.3141592653589793", notice.residentId());
        assertEquals(List.of(USER_ID, RESIDENT), notice.previousResidentIds());
    }

    @Test
    void aNumberChangeWithoutAUserIdMovesToTheNewNumber() throws Exception {
        String json = edited("whatsapp-system-number.json", root -> {
            ObjectNode system = (ObjectNode) firstMessage(root).path("system");
            system.remove("user_id");
            system.remove("previous_user_id");
        });
        InboundMessage notice = only(parse(json));
        assertEquals("447700900456", notice.residentId());
        assertEquals(List.of(RESIDENT), notice.previousResidentIds());
    }

    @Test
    void systemNoticesThatNameNoOldOrNoNewIdAreIgnoredAndCounted() throws Exception {
        assertIgnoredOnly(parse(edited("whatsapp-system-user-id.json", root -> ((ObjectNode) firstMessage(root).path("system")).remove("user_id"))), 1);
        assertIgnoredOnly(parse(edited("whatsapp-system-user-id.json", root -> {
            firstMessage(root).remove("from_user_id");
            ((ObjectNode) firstMessage(root).path("system")).remove("previous_user_id");
        })), 1);
        assertIgnoredOnly(parse(edited("whatsapp-system-user-id.json", root -> ((ObjectNode) firstMessage(root).path("system"))
                .put("type", "customer_identity_changed"))), 1);
    }

    @Test
    void theInboundQueuesJsonCarriesThePreviousIdsAndTheKind() throws Exception {
        InboundMessage notice = onlyMessage("whatsapp-system-number.json");
        InboundMessage read = JSON.readValue(JSON.writeValueAsString(notice), InboundMessage.class);
        assertEquals(notice, read);
        String older = "{\"channel\":\"WHATSAPP\",\"platformMessageId\":\"wamid.1\",\"residentId\":\"447700900123\",\"visibility\":\"PRIVATE\","
                + "\"text\":\"hi\",\"attachments\":[],\"sentAt\":\"2026-12-02T09:00:00Z\"}";
        InboundMessage fromAnOlderWebhook = JSON.readValue(older, InboundMessage.class);
        assertEquals(List.of(), fromAnOlderWebhook.previousResidentIds());
        assertEquals(InboundMessage.Kind.RESIDENT_WROTE, fromAnOlderWebhook.kind());
    }

    // ---- every kind a resident sends ----

    @Test
    void aSharedContactCardIsRecordedAsSharedWithoutItsNamesOrNumbers() throws Exception {
        InboundMessage message = onlyMessage("whatsapp-contacts.json");
        assertEquals(WhatsAppMessageReader.CONTACT_CARD_SHARED, message.text());
        for (String personal : List.of("Pat", "Neighbour", "900789", "pat@example.org")) {
            assertFalse(message.toString().contains(personal), personal);
        }
    }

    @Test
    void aFlowFormsAnswersAreTheMessageWithoutItsToken() throws Exception {
        assertEquals("Blocked drain; Mill Lane, Stone ST15 8AA", onlyMessage("whatsapp-interactive-flow.json").text());
    }

    @Test
    void aFlowReplyWhoseAnswersCannotBeReadFallsBackToItsBody() throws Exception {
        String json = edited("whatsapp-interactive-flow.json", root -> ((ObjectNode) firstMessage(root).path("interactive").path("nfm_reply"))
                .put("response_json", "not json"));
        assertEquals("Sent", only(parse(json)).text());
    }

    @Test
    void aReplyButtonIsReadAsItsTitle() throws Exception {
        assertEquals("Still not fixed", onlyMessage("whatsapp-interactive-button.json").text());
    }

    @Test
    void aStickerIsKeptAsAnAttachmentButNotAsAPhoto() throws Exception {
        String json = edited("whatsapp-image.json", root -> {
            ObjectNode message = firstMessage(root);
            message.set("sticker", message.remove("image"));
            message.put("type", "sticker");
        });
        // As on Messenger: a sticker is a reaction in picture form, not evidence; it is not fetched or counted as a photo.
        assertEquals(List.of(new Attachment(Attachment.Kind.OTHER, "whatsapp-media:1287365490218374")), only(parse(json)).attachments());
    }

    @Test
    void aReactionIsAcknowledgedAndCountedNotAMessage() throws Exception {
        assertIgnoredOnly(parse(fixture("whatsapp-reaction.json")), 1);
    }

    @Test
    void editsRevokesOrdersWelcomeRequestsAndUnsupportedKindsAreAcknowledgedAndCounted() throws Exception {
        for (String type : List.of("edit", "revoke", "order", "request_welcome", "unsupported", "ephemeral")) {
            String json = edited("whatsapp-reaction.json", root -> {
                ObjectNode message = firstMessage(root);
                message.remove("reaction");
                message.put("type", type);
            });
            assertIgnoredOnly(parse(json), 1);
        }
    }

    // ---- for operators: pricing and template categories ----

    @Test
    void aSentStatusLogsItsPricingForTheBilledMetricWithoutTheRecipient() throws Exception {
        List<String> logged = logsOf(() -> assertIgnoredOnly(parse(fixture("whatsapp-status-sent.json")), 1));

        // The fixture's id is base64 of the recipient's number and more: only its digest is logged.
        assertEquals(List.of(WhatsAppWebhook.PRICING + ": category=utility; billable=true; pricing_model=PMP; type=regular; message "
                + Digests.forLog("wamid.HBgMNDQ3NzAwOTAwMTIzFQIAERgSNUY0QTNCMkMxRDBFOUY4QTdCAA==") + " for case K7PD-M4QX"), logged);
    }

    @Test
    void pricingIsLoggedOnceASendNotAgainOnDeliveredOrRead() throws Exception {
        assertEquals(List.of(), logsOf(() -> parse(fixture("whatsapp-status.json"))));
    }

    @Test
    void theUpdateTemplatesNewCategoryIsLoggedWithTheAlarmedMarker() throws Exception {
        List<String> logged = logsOf(() -> assertIgnoredOnly(parse(fixture("whatsapp-template-category.json")), 1));

        assertEquals(List.of(WhatsAppWebhook.UPDATE_TEMPLATE_RECATEGORISED
                + ": the update template case_update (en_GB) changed category from utility to marketing"), logged);
    }

    @Test
    void anImpendingChangeOfTheUpdateTemplateIsAlarmedToo() throws Exception {
        String json = edited("whatsapp-template-category.json", root -> {
            ObjectNode value = (ObjectNode) root.path("entry").path(0).path("changes").path(0).path("value");
            value.remove("previous_category");
            value.put("new_category", "UTILITY").put("correct_category", "MARKETING").put("category_update_timestamp", 1773820800L);
        });
        assertEquals(List.of(WhatsAppWebhook.UPDATE_TEMPLATE_RECATEGORISED
                + ": the update template case_update (en_GB) will change category from utility to marketing"), logsOf(() -> parse(json)));
    }

    @Test
    void anotherTemplatesNewCategoryIsLoggedWithoutTheAlarm() throws Exception {
        String json = edited("whatsapp-template-category.json", root -> ((ObjectNode) root.path("entry").path(0).path("changes").path(0)
                .path("value")).put("message_template_name", "bin_day_reminder"));
        List<String> logged = logsOf(() -> parse(json));
        assertEquals(1, logged.size());
        assertTrue(logged.get(0).startsWith(WhatsAppWebhook.TEMPLATE_CATEGORY_UPDATE + ": template bin_day_reminder"), logged.get(0));
    }

    private static List<String> logsOf(LogCapture.Action action) throws Exception {
        return LogCapture.during(WhatsAppWebhook.class, action);
    }
}
