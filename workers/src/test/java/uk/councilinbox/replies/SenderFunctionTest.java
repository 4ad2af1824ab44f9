package uk.councilinbox.replies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import uk.councilinbox.cases.Case;
import uk.councilinbox.cases.CaseEvent;
import uk.councilinbox.cases.CaseStatus;
import uk.councilinbox.cases.CaseStore;
import uk.councilinbox.cases.Category;
import uk.councilinbox.cases.Reference;
import uk.councilinbox.aws.lambda.Signals;
import uk.councilinbox.local.EmulatorsTestResource;
import uk.councilinbox.local.FakePlatform;
import uk.councilinbox.local.RequiresEmulators;
import uk.councilinbox.messages.Channel;
import uk.councilinbox.messages.InboundMessage;
import uk.councilinbox.messages.OutboundReply;
import uk.councilinbox.messages.ReplyKind;
import uk.councilinbox.messages.Visibility;
import uk.councilinbox.replies.lambda.SenderFunction;
import uk.councilinbox.replies.sqs.SqsOutboundQueue;
import uk.councilinbox.triage.TriageService;

/**
 * The sender function over real HTTP to the fake platform, with its ledger in DynamoDB (moto) and its
 * records taken from the real (ElasticMQ) outbound queue, as Lambda's event source would pass them.
 */
@QuarkusTest
@RequiresEmulators
@QuarkusTestResource(value = EmulatorsTestResource.class, restrictToAnnotatedClass = false)
class SenderFunctionTest {

    @Inject
    SenderFunction sender;

    @Inject
    OutboundQueue outbound;

    @Inject
    CaseStore cases;

    @Inject
    DynamoDbClient dynamo;

    @Inject
    SqsClient sqs;

    @Inject
    TriageService triage;

    @Inject
    ReplyLedger ledger;

    private final FakePlatform platform = EmulatorsTestResource.platform();

    @Test
    void acknowledgementsGoOutOnEveryChannelAndAreRecordedOnTheCase() throws Exception {
        for (Channel channel : List.of(Channel.MESSENGER, Channel.INSTAGRAM, Channel.WHATSAPP, Channel.X)) {
            String resident = channel.label() + "-" + UUID.randomUUID();
            Case c = openCase(channel, resident, Visibility.PRIVATE);

            assertTrue(deliver(acknowledgement(c)).isEmpty());

            FakePlatform.Sent sent = onlySentTo(resident);
            assertEquals(channel.label(), sent.channel());
            assertTrue(sent.text().contains(c.reference().value()));
            CaseEvent event = onlyEvent(c, "reply_sent");
            assertTrue(event.detail().endsWith("platform message id " + sent.platformMessageId()), channel.label() + ": " + event);
            assertEquals(c, cases.find(c.reference()).orElseThrow(), "sending changes no case (triage saved it acknowledged)");
        }
    }

    @Test
    void aWhatsAppResidentKnownByTheirUserIdIsSentToAsRecipientAndOneByPhoneNumberAsTo() throws Exception {
        String userId = "GB." + (1_000_000_000_000_000L + (long) (Math.random() * 1e15));
        String phone = "4477009" + (100000 + (int) (Math.random() * 800000));
        for (String resident : List.of(userId, phone)) {
            Case c = openCase(Channel.WHATSAPP, resident, Visibility.PRIVATE);
            assertTrue(deliver(acknowledgement(c)).isEmpty());
            FakePlatform.Sent sent = onlySentTo(resident);
            boolean byUserId = resident.equals(userId);
            assertEquals(resident, sent.request().path(byUserId ? "recipient" : "to").asText());
            assertFalse(sent.request().has(byUserId ? "to" : "recipient"), sent.request().toString());
        }
    }

    @Test
    void aFacebookCommentIsAnsweredByPrivateReplyAndAnXMentionPublicly() throws Exception {
        Case comment = openCase(Channel.FACEBOOK, "fb-" + UUID.randomUUID(), Visibility.PUBLIC);
        String commentId = "100200300_" + UUID.randomUUID();
        deliver(withTarget(reply(comment, ReplyKind.ACKNOWLEDGEMENT, "Your reference is " + comment.reference().value(), Instant.now()), commentId));
        FakePlatform.Sent privateReply = onlySentTo(commentId);
        assertEquals("private_reply", privateReply.kind());

        Case mention = openCase(Channel.X, "x-" + UUID.randomUUID(), Visibility.PUBLIC);
        String postId = Long.toString(1_790_000_000_000_000_000L + (long) (Math.random() * 1e9));
        deliver(withTarget(reply(mention, ReplyKind.ACKNOWLEDGEMENT, "Thank you, please send us a private message.", Instant.now()), postId));
        assertEquals("public_reply", onlySentTo(postId).kind());
    }

    @Test
    void aPublicReplyCarryingTheReferenceIsRefusedNotPosted() throws Exception {
        Case mention = openCase(Channel.X, "x-" + UUID.randomUUID(), Visibility.PUBLIC);
        String postId = "17900" + Math.abs(UUID.randomUUID().getLeastSignificantBits());
        deliver(withTarget(reply(mention, ReplyKind.ACKNOWLEDGEMENT, "Your reference is " + mention.reference().value(), Instant.now()), postId));

        assertTrue(sentTo(postId).isEmpty());
        assertTrue(onlyEvent(mention, "reply_refused").detail().contains("public reply"));
    }

    @Test
    void aRateLimitIsRetriedThroughTheQueueAndThenSentOnce() throws Exception {
        String resident = "psid-" + UUID.randomUUID();
        Case c = openCase(Channel.MESSENGER, resident, Visibility.PRIVATE);
        SQSEvent.SQSMessage record = receive(acknowledgement(c));
        platform.inject("messenger", "rate_limit", 1);

        assertEquals(List.of(record.getMessageId()), failures(sender.handleRequest(event(record), null)), "reported for retry");
        assertTrue(sentTo(resident).isEmpty());

        assertTrue(failures(sender.handleRequest(event(record), null)).isEmpty());
        onlySentTo(resident);
        onlyEvent(c, "reply_sent");
    }

    @Test
    void aPermanentRefusalIsRecordedOnTheCaseAndNotRetried() throws Exception {
        String resident = "wa-" + UUID.randomUUID();
        Case c = openCase(Channel.WHATSAPP, resident, Visibility.PRIVATE);
        SQSEvent.SQSMessage record = receive(acknowledgement(c));
        platform.inject("whatsapp", "blocked", 1);
        int attemptsBefore = platform.attempts("whatsapp");

        assertTrue(failures(sender.handleRequest(event(record), null)).isEmpty(), "nothing to retry");
        assertTrue(failures(sender.handleRequest(event(record), null)).isEmpty(), "a redelivery is a no-op");

        assertEquals(attemptsBefore + 1, platform.attempts("whatsapp"), "the platform was asked once");
        assertTrue(sentTo(resident).isEmpty());
        assertTrue(onlyEvent(c, "reply_refused").detail().contains("131026"));
    }

    @Test
    void outsideTheWindowOnlyStaffRepliesGoToMessengerTaggedAndWhatsAppUsesItsTemplate() throws Exception {
        // The test profile says Meta approved the app for Human Agent (workers' application.properties).
        String staffAnswered = "psid-" + UUID.randomUUID();
        Case answeredCase = openCase(Channel.MESSENGER, staffAnswered, Visibility.PRIVATE);
        deliver(reply(answeredCase, ReplyKind.STAFF_REPLY, "We have asked the highways team to look today.",
                Instant.now().minus(Duration.ofDays(3))));
        FakePlatform.Sent tagged = onlySentTo(staffAnswered);
        assertEquals("HUMAN_AGENT", tagged.tag());
        assertEquals("MESSAGE_TAG", tagged.request().path("messaging_type").asText());

        String late = "igsid-" + UUID.randomUUID();
        Case lateCase = openCase(Channel.INSTAGRAM, late, Visibility.PRIVATE);
        deliver(reply(lateCase, ReplyKind.PROGRESS_UPDATE, "The pothole you reported has been repaired.", Instant.now().minus(Duration.ofDays(3))));
        assertTrue(sentTo(late).isEmpty(), "an automated update never goes with the human agent tag");
        assertTrue(onlyEvent(lateCase, "reply_held").detail().contains("automated message"));

        String tooLate = "igsid-" + UUID.randomUUID();
        Case tooLateCase = openCase(Channel.INSTAGRAM, tooLate, Visibility.PRIVATE);
        deliver(reply(tooLateCase, ReplyKind.PROGRESS_UPDATE, "The pothole you reported has been repaired.", Instant.now().minus(Duration.ofDays(9))));
        assertTrue(sentTo(tooLate).isEmpty());
        assertTrue(onlyEvent(tooLateCase, "reply_held").detail().contains("window"));

        String whatsApp = "4477009" + (100000 + (int) (Math.random() * 800000));
        Case whatsAppCase = openCase(Channel.WHATSAPP, whatsApp, Visibility.PRIVATE);
        deliver(reply(whatsAppCase, ReplyKind.PROGRESS_UPDATE, "The pothole you reported has been repaired.", Instant.now().minus(Duration.ofDays(2))));
        FakePlatform.Sent template = onlySentTo(whatsApp);
        assertEquals("case_update", template.template());
        assertTrue(template.text().contains(whatsAppCase.reference().value()), template.text());
        assertEquals(whatsAppCase.reference().value(), template.request().path("biz_opaque_callback_data").asText(),
                "WhatsApp echoes it in the message's statuses, so a later failure names its case");
    }

    @Test
    void aMessengerUpdateAfterThirtyHoursGoesAsTheApprovedUtilityTemplate() throws Exception {
        // The test profile names an approved utility template (workers' application.properties).
        String resident = "psid-" + UUID.randomUUID();
        Case c = openCase(Channel.MESSENGER, resident, Visibility.PRIVATE);
        deliver(reply(c, ReplyKind.PROGRESS_UPDATE, "The pothole you reported has been repaired.", Instant.now().minus(Duration.ofHours(30))));

        FakePlatform.Sent sent = onlySentTo(resident);
        assertEquals("utility_template", sent.kind());
        assertEquals("UTILITY", sent.request().path("messaging_type").asText());
        assertEquals("case_status_update", sent.template());
        assertEquals("en_GB", sent.request().path("message").path("template").path("language").path("code").asText());
        assertEquals(c.reference().value() + " | repaired", sent.text().substring(sent.text().indexOf("] ") + 2),
                "the reference and the status in words fill the template");
        assertEquals(null, sent.tag(), "an automated message never carries HUMAN_AGENT");
        assertEquals("/meta/v25.0/" + FakePlatform.PAGE_ID + "/messages", sent.endpoint());
        assertTrue(onlyEvent(c, "reply_sent").detail().contains("as utility template case_status_update"));
    }

    @Test
    void anUpdateHeldOutsideInstagramsWindowGoesOnceWhenTheResidentNextWrites() throws Exception {
        String resident = "igsid-" + UUID.randomUUID();
        Case c = openCase(Channel.INSTAGRAM, resident, Visibility.PRIVATE);
        OutboundReply update = reply(c, ReplyKind.PROGRESS_UPDATE, "The pothole you reported on Stone Road has been repaired.",
                Instant.now().minus(Duration.ofDays(9)));
        deliver(update);
        assertTrue(sentTo(resident).isEmpty());

        triage.process(messageFrom(Channel.INSTAGRAM, resident, "any news on the pothole?"));
        assertEquals(List.of(), failures(sender.handleRequest(event(received(update.replyId() + "~released")), null)));

        FakePlatform.Sent sent = onlySentTo(resident);
        assertEquals(update.text(), sent.text());
        assertEquals(null, sent.tag(), "inside the window the resident just opened: no tag needed");
        assertEquals(List.of(), ledger.heldUntilResidentWrites(c.residentKey(), Instant.now()));
        triage.process(messageFrom(Channel.INSTAGRAM, resident, "thanks!"));
        assertEquals(List.of(), ledger.heldUntilResidentWrites(c.residentKey(), Instant.now()), "released once");
    }

    @Test
    void theSameReplyDeliveredTwiceIsSentOnce() throws Exception {
        String resident = "psid-" + UUID.randomUUID();
        Case c = openCase(Channel.MESSENGER, resident, Visibility.PRIVATE);
        SQSEvent.SQSMessage record = receive(acknowledgement(c));

        sender.handleRequest(event(record), null);
        sender.handleRequest(event(record, record), null);

        onlySentTo(resident);
        onlyEvent(c, "reply_sent");
    }

    @Test
    void aReplyQueuedOnceIsSentOnItsFirstReceiveAndItsRedeliveryIsSkipped() throws Exception {
        String resident = "psid-" + UUID.randomUUID();
        Case c = openCase(Channel.MESSENGER, resident, Visibility.PRIVATE);
        OutboundReply ack = acknowledgement(c);
        outbound.enqueueWithMessage(ack);
        SQSEvent.SQSMessage first = received(ack.replyId());
        assertEquals("true", first.getMessageAttributes().get(SqsOutboundQueue.QUEUED_ONCE).getStringValue());

        assertTrue(failures(sender.handleRequest(event(first), null)).isEmpty());
        SQSEvent.SQSMessage redelivered = received(first, 2);
        assertTrue(failures(sender.handleRequest(event(redelivered), null)).isEmpty());

        onlySentTo(resident);
        onlyEvent(c, "reply_sent");
    }

    /** The record as SQS would deliver it again, its receive count grown. */
    private static SQSEvent.SQSMessage received(SQSEvent.SQSMessage record, int receiveCount) {
        SQSEvent.SQSMessage again = new SQSEvent.SQSMessage();
        again.setMessageId(record.getMessageId());
        again.setReceiptHandle(record.getReceiptHandle());
        again.setBody(record.getBody());
        again.setMessageAttributes(record.getMessageAttributes());
        again.setEventSourceArn(record.getEventSourceArn());
        again.setAttributes(Map.of("ApproximateReceiveCount", Integer.toString(receiveCount)));
        return again;
    }

    @Test
    void outcomesAreCountedPerChannelAndLoggedUnderTheReplyIdWithoutTheirText() throws Exception {
        Case c = openCase(Channel.MESSENGER, "psid-" + UUID.randomUUID(), Visibility.PRIVATE);
        OutboundReply ack = reply(c, ReplyKind.ACKNOWLEDGEMENT, "Thank you, your reference is " + c.reference().value(), Instant.now());
        Case mention = openCase(Channel.X, "x-" + UUID.randomUUID(), Visibility.PUBLIC);
        OutboundReply refused = withTarget(reply(mention, ReplyKind.ACKNOWLEDGEMENT, "Your reference is " + mention.reference().value(),
                Instant.now()), "17900" + Math.abs(UUID.randomUUID().getLeastSignificantBits()));

        Signals signals = Signals.during(() -> sender.handleRequest(event(receive(ack), receive(refused)), null));

        assertEquals(Map.of(SenderFunction.SENT, 1), signals.counts("sender", "messenger"));
        assertEquals(Map.of(SenderFunction.REFUSED, 1), signals.counts("sender", "x"));
        List<com.fasterxml.jackson.databind.JsonNode> lines = signals.logsOf(ack.replyId());
        assertFalse(lines.isEmpty(), "the sent reply's log line carries its id as correlation id: " + signals.logs());
        assertFalse(signals.logsOf(refused.replyId()).isEmpty(), signals.logs().toString());
        for (String line : signals.logs()) {
            assertFalse(line.contains("Thank you") || line.contains(c.residentId()) || line.contains(mention.residentId()), line);
            assertFalse(line.contains("\"correlationId\":\"" + ack.replyId()), "the correlation id is the reply id's digest: " + line);
        }
        assertEquals("INFO", lines.get(0).path("level").asText(), lines.get(0).toString());
        assertEquals(null, org.jboss.logging.MDC.get(uk.councilinbox.aws.lambda.BatchMetrics.CORRELATION_ID), "cleared after each record");
    }

    @Test
    void anUnreadableRecordFailsAlone() throws Exception {
        String resident = "psid-" + UUID.randomUUID();
        Case c = openCase(Channel.MESSENGER, resident, Visibility.PRIVATE);
        SQSEvent.SQSMessage good = receive(acknowledgement(c));
        SQSEvent.SQSMessage poison = new SQSEvent.SQSMessage();
        poison.setMessageId(UUID.randomUUID().toString());
        poison.setBody("{\"replyId\":");

        assertEquals(List.of(poison.getMessageId()), failures(sender.handleRequest(event(good, poison), null)));
        onlySentTo(resident);
    }

    private Case openCase(Channel channel, String resident, Visibility visibility) {
        Instant now = Instant.now();
        Case c = new Case(Reference.random(), CaseStatus.RECEIVED, Category.POTHOLE_REPORT, 0.9, channel, resident, visibility,
                Optional.of("Stone Road, Stone"), Optional.empty(), 0, now, now, now, 1, Optional.empty());
        InboundMessage message = new InboundMessage(channel, "mid-" + UUID.randomUUID(), resident, visibility, "pothole on Stone Road",
                List.of(), Optional.empty(), now, Optional.empty());
        cases.open(c, message, new CaseEvent(now, CaseEvent.SYSTEM, "case_opened", "test"));
        return c;
    }

    private static InboundMessage messageFrom(Channel channel, String resident, String text) {
        return new InboundMessage(channel, "mid-" + UUID.randomUUID(), resident, Visibility.PRIVATE, text,
                List.of(), Optional.empty(), Instant.now(), Optional.empty());
    }

    private static OutboundReply acknowledgement(Case c) {
        return reply(c, ReplyKind.ACKNOWLEDGEMENT, "Your reference is " + c.reference().value(), Instant.now());
    }

    private static OutboundReply reply(Case c, ReplyKind kind, String text, Instant residentWrote) {
        return new OutboundReply(kind.name().toLowerCase() + ":" + UUID.randomUUID(), kind, c.reference().value(), c.channel(),
                c.residentId(), c.visibility(), Optional.empty(), text, residentWrote, Instant.now(),
                List.of(c.reference().value(), "repaired"));
    }

    private static OutboundReply withTarget(OutboundReply r, String target) {
        return new OutboundReply(r.replyId(), r.kind(), r.reference(), r.channel(), r.residentId(), r.visibility(), Optional.of(target),
                r.text(), r.lastResidentMessageAt(), r.queuedAt(), r.templateParameters());
    }

    /** Queues the reply on the real outbound queue and delivers it to the function; returns the failures. */
    private List<String> deliver(OutboundReply reply) {
        return failures(sender.handleRequest(event(receive(reply)), null));
    }

    /** The reply as Lambda's event source would pass it: queued, then received with its receipt handle and attributes. */
    private SQSEvent.SQSMessage receive(OutboundReply reply) {
        outbound.enqueue(reply);
        return received(reply.replyId());
    }

    /** The queued reply with this id, as Lambda's event source would pass it. */
    private SQSEvent.SQSMessage received(String replyId) {
        String url = EmulatorsTestResource.resources().outboundQueueUrl();
        for (int attempt = 0; attempt < 20; attempt++) {
            for (Message m : sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL).messageAttributeNames("All")).messages()) {
                if (m.body().contains("\"" + replyId + "\"")) {
                    SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
                    record.setMessageId(m.messageId());
                    record.setReceiptHandle(m.receiptHandle());
                    record.setBody(m.body());
                    record.setAttributes(Map.of("ApproximateReceiveCount", m.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)));
                    Map<String, SQSEvent.MessageAttribute> attributes = new java.util.HashMap<>();
                    m.messageAttributes().forEach((name, value) -> {
                        SQSEvent.MessageAttribute attribute = new SQSEvent.MessageAttribute();
                        attribute.setStringValue(value.stringValue());
                        attribute.setDataType(value.dataType());
                        attributes.put(name, attribute);
                    });
                    record.setMessageAttributes(attributes);
                    record.setEventSourceArn("arn:aws:sqs:eu-west-2:000000000000:council-inbox-outbound.fifo");
                    return record;
                }
            }
        }
        throw new AssertionError("reply never arrived on the outbound queue");
    }

    private static SQSEvent event(SQSEvent.SQSMessage... records) {
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(records));
        return event;
    }

    private static List<String> failures(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
    }

    private List<FakePlatform.Sent> sentTo(String recipient) {
        return platform.outbox().stream().filter(s -> s.recipient().equals(recipient)).toList();
    }

    private FakePlatform.Sent onlySentTo(String recipient) {
        List<FakePlatform.Sent> sent = sentTo(recipient);
        assertEquals(1, sent.size(), "messages sent to " + recipient + ": " + sent);
        return sent.get(0);
    }

    private CaseEvent onlyEvent(Case c, String type) {
        List<CaseEvent> events = cases.detail(c.reference()).orElseThrow().history().stream().filter(e -> e.type().equals(type)).toList();
        assertEquals(1, events.size(), type + " events on " + c.reference().value() + ": " + events);
        return events.get(0);
    }
}
