package uk.councilinbox.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import uk.councilinbox.aws.lambda.Signals;
import uk.councilinbox.local.EmulatorsTestResource;
import uk.councilinbox.local.RequiresEmulators;
import uk.councilinbox.messages.Channel;
import uk.councilinbox.messages.DeliveryReport;
import uk.councilinbox.messages.InboundMessage;
import uk.councilinbox.messages.OutboundReply;
import uk.councilinbox.messages.ReplyKind;
import uk.councilinbox.messages.Visibility;
import uk.councilinbox.replies.DeliveryPlan;
import uk.councilinbox.replies.ReplyLedger;
import uk.councilinbox.replies.SendOutcome;
import uk.councilinbox.testing.Messages;
import uk.councilinbox.triage.lambda.TriageFunction;

/** The triage function against moto (DynamoDB) and ElasticMQ (SQS), invoked with the events Lambda would send. */
@QuarkusTest
@RequiresEmulators
@QuarkusTestResource(value = EmulatorsTestResource.class, restrictToAnnotatedClass = false)
class TriageFunctionTest {

    @Inject
    TriageFunction triage;

    @Inject
    ReplyLedger ledger;

    @Inject
    ObjectMapper json;

    @Inject
    DynamoDbClient dynamo;

    @Inject
    SqsClient sqs;

    @Inject
    uk.councilinbox.settings.InboxConfig config;

    @Test
    void newPotholeReportOpensCaseAndQueuesAcknowledgementWithReference() throws Exception {
        String resident = Messages.newResident();
        InboundMessage report = Messages.messenger(resident, "Massive pothole on Stone Road, Stone ST15 8AA nearly burst my tyre", Instant.now());

        SQSBatchResponse response = triage.handleRequest(event(report), null);

        assertTrue(response.getBatchItemFailures().isEmpty());
        List<Map<String, AttributeValue>> cases = casesOf(resident);
        assertEquals(1, cases.size());
        assertEquals("pothole_report", cases.get(0).get("category").s());
        assertEquals("Stone Road, Stone, ST15 8AA", cases.get(0).get("place").s());
        JsonNode ack = onlyAcknowledgementFor(resident);
        assertTrue(ack.path("text").asText().contains(cases.get(0).get("reference").s()), ack.toString());
        assertTrue(ack.path("text").asText().contains("Stone Road"), ack.toString());
    }

    @Test
    void potholeWithoutLocationIsAskedForOneAndTheFollowUpPinJoinsTheSameCase() throws Exception {
        String resident = Messages.newResident();
        Instant first = Instant.now();
        triage.handleRequest(event(Messages.messenger(resident, "there's a huge pothole near my house", first)), null);
        JsonNode askForLocation = onlyAcknowledgementFor(resident);
        assertTrue(askForLocation.path("text").asText().contains("location"), askForLocation.toString());

        triage.handleRequest(event(Messages.pin(resident, 52.9, -2.15, first.plusSeconds(60))), null);

        List<Map<String, AttributeValue>> cases = casesOf(resident);
        assertEquals(1, cases.size(), "the pin continues the open case");
        assertEquals("52.9", cases.get(0).get("lat").n());
        assertEquals("2", cases.get(0).get("version").n());
    }

    @Test
    void aReportAndItsPinInOneBatchMakeOneCase() throws Exception {
        // The batch reads its residents at once: the pin's read must see the case its report just opened, not that read.
        String resident = Messages.newResident();
        Instant first = Instant.now();

        InboundMessage report = Messages.messenger(resident, "there's a huge pothole near my house", first);

        triage.handleRequest(event(report, Messages.pin(resident, 52.9, -2.15, first.plusSeconds(20)), report), null);

        List<Map<String, AttributeValue>> cases = casesOf(resident);
        assertEquals(1, cases.size(), "the pin continues the case its report opened; the repeat is a no-op");
        assertEquals("52.9", cases.get(0).get("lat").n());
        assertEquals(2, messagesOf(cases.get(0).get("reference").s()));
    }

    @Test
    void aMessageQuotingItsReferenceJoinsThatCaseEvenDaysLater() throws Exception {
        String resident = Messages.newResident();
        Instant first = Instant.now().minusSeconds(3 * 24 * 3600);
        triage.handleRequest(event(Messages.messenger(resident, "Pothole outside 12 Mill Lane, Cheadle ST10 1AB", first)), null);
        String reference = casesOf(resident).get(0).get("reference").s();
        onlyAcknowledgementFor(resident);

        String quoted = reference.toLowerCase().replace("-", " ");
        triage.handleRequest(event(Messages.messenger(resident, "still not fixed, my ref is " + quoted + " - when will it be done??",
                Instant.now())), null);

        assertEquals(1, casesOf(resident).size(), "the quoted reference names the case, however it was typed");
        assertEquals(2, messagesOf(reference));
        assertTrue(onlyAcknowledgementFor(resident).path("text").asText().contains(reference));
    }

    @Test
    void sameMessageDeliveredTwiceMakesOneCaseAndOneAcknowledgement() throws Exception {
        String resident = Messages.newResident();
        InboundMessage report = Messages.messenger(resident, "Pothole on Mill Lane Cheadle, about 20cm deep", Instant.now());

        triage.handleRequest(event(report), null);
        triage.handleRequest(event(report), null);

        assertEquals(1, casesOf(resident).size());
        assertEquals(1, messagesOf(casesOf(resident).get(0).get("reference").s()));
        onlyAcknowledgementFor(resident);
    }

    @Test
    void aBatchIsCountedPerChannelInEmbeddedMetricFormat() throws Exception {
        String resident = Messages.newResident();
        String other = Messages.newResident();
        Instant now = Instant.now();
        InboundMessage report = Messages.messenger(resident, "there's a huge pothole near my house", now);
        SQSEvent event = event(report, Messages.pin(resident, 52.9, -2.15, now.plusSeconds(60)),
                Messages.messenger(other, "Streetlight out on Mill Lane, Cheadle ST10 1AB", now));
        List<SQSEvent.SQSMessage> records = new ArrayList<>(event.getRecords());
        records.add(record("{not json"));
        event.setRecords(records);

        Signals first = Signals.during(() -> triage.handleRequest(event, null));
        Signals again = Signals.during(() -> triage.handleRequest(event(report), null));

        assertEquals(Map.of(TriageFunction.TRIAGED, 3, TriageFunction.CASES_OPENED, 2, TriageFunction.FOLLOW_UPS, 1),
                first.counts("triage", "messenger"), first.emf().toString());
        assertEquals(Map.of("RecordsFailed", 1), first.counts("triage", "unknown"), "the unreadable record, whose channel is unknown");
        assertEquals(2, first.emf().size(), "one document per channel: " + first.emf());
        assertEquals(Map.of(TriageFunction.TRIAGED, 1), again.counts("triage", "messenger"), "a redelivery opens nothing");
        for (String line : first.logs()) {
            assertFalse(line.contains("pothole") || line.contains("Mill Lane") || line.contains(resident) || line.contains(other)
                    || line.contains(report.platformMessageId()), line);
        }
    }

    @Test
    void poisonRecordFailsAloneAndTheRestOfTheBatchIsTriaged() throws Exception {
        String resident = Messages.newResident();
        SQSEvent event = event(Messages.messenger(resident, "When is the tip open on Sundays?", Instant.now()));
        SQSEvent.SQSMessage poison = record("{not json");
        List<SQSEvent.SQSMessage> records = new ArrayList<>(event.getRecords());
        records.add(0, poison);
        event.setRecords(records);
        event.getRecords().forEach(r -> r.setEventSourceArn("arn:aws:sqs:eu-west-2:000000000000:council-inbox-inbound"));

        SQSBatchResponse response = triage.handleRequest(event, null);

        assertEquals(List.of(poison.getMessageId()),
                response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList());
        assertEquals(1, casesOf(resident).size());
    }

    @Test
    void aReportThatAReplyWasNotDeliveredIsRecordedOnItsCaseOnceEvenWhenRedelivered() throws Exception {
        String resident = Messages.newResident();
        triage.handleRequest(event(Messages.messenger(resident, "Pothole on Mill Lane, Stafford ST16 2AA", Instant.now())), null);
        String reference = casesOf(resident).get(0).get("reference").s();
        String messageId = "wamid." + UUID.randomUUID();
        OutboundReply reply = new OutboundReply("staff-reply:" + UUID.randomUUID(), ReplyKind.STAFF_REPLY, reference, Channel.MESSENGER,
                resident, Visibility.PRIVATE, Optional.empty(), "We are on it.", Instant.now(), Instant.now(), List.of());
        ledger.record(reply, new DeliveryPlan.FreeForm(), new SendOutcome.Sent(messageId), Instant.now());
        DeliveryReport failed = new DeliveryReport(Channel.WHATSAPP, messageId, Optional.of("WHATSAPP:447700900123"),
                Optional.of(reference), "code 131047 (Re-engagement message)", Instant.now());
        SQSEvent twice = new SQSEvent();
        twice.setRecords(List.of(record(json.writeValueAsString(failed)), record(json.writeValueAsString(failed))));

        assertTrue(triage.handleRequest(twice, null).getBatchItemFailures().isEmpty());

        List<Map<String, AttributeValue>> events = dynamo.query(b -> b.tableName(EmulatorsTestResource.resources().table())
                .keyConditionExpression("PK = :pk AND begins_with(SK, :event)")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("CASE#" + reference), ":event", AttributeValue.fromS("EVENT#"))))
                .items().stream().filter(e -> e.get("type").s().equals("reply_failed")).toList();
        assertEquals(1, events.size(), events.toString());
        assertTrue(events.get(0).get("detail").s().contains("131047"), events.toString());
        assertEquals(1, casesOf(resident).size(), "a report opens no case");
    }

    private SQSEvent event(InboundMessage... messages) throws Exception {
        SQSEvent event = new SQSEvent();
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (InboundMessage message : messages) {
            // As SQS delivers them: grouped by resident, so one resident's messages are handled in order.
            SQSEvent.SQSMessage record = record(json.writeValueAsString(message));
            record.setAttributes(Map.of("MessageGroupId", message.residentKey()));
            records.add(record);
        }
        event.setRecords(records);
        return event;
    }

    private static SQSEvent.SQSMessage record(String body) {
        SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
        record.setMessageId(UUID.randomUUID().toString());
        record.setBody(body);
        record.setEventSourceArn("arn:aws:sqs:eu-west-2:000000000000:council-inbox-inbound.fifo");
        return record;
    }

    /** The resident's cases, as their own item lists them. */
    private List<Map<String, AttributeValue>> casesOf(String resident) {
        String table = EmulatorsTestResource.resources().table();
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(Map.of("PK", AttributeValue.fromS("RESIDENT#" + uk.councilinbox.privacy.Pseudonyms.of(config).resident("MESSENGER:" + resident)),
                "SK", AttributeValue.fromS("#RESIDENT")))).item();
        return !item.containsKey("cases") ? List.of() : item.get("cases").ss().stream()
                .map(ref -> dynamo.getItem(b -> b.tableName(table).key(Map.of("PK", AttributeValue.fromS("CASE#" + ref),
                        "SK", AttributeValue.fromS("#CASE")))).item()).toList();
    }

    private int messagesOf(String reference) {
        return dynamo.query(b -> b.tableName(EmulatorsTestResource.resources().table())
                .keyConditionExpression("PK = :pk AND begins_with(SK, :msg)")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("CASE#" + reference), ":msg", AttributeValue.fromS("MSG#"))))
                .count();
    }

    /** Drains the outbound queue and returns the single acknowledgement queued for this resident. */
    private JsonNode onlyAcknowledgementFor(String resident) throws Exception {
        List<JsonNode> mine = new ArrayList<>();
        String url = EmulatorsTestResource.resources().outboundQueueUrl();
        for (int empty = 0; empty < 2; ) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
            empty = batch.isEmpty() ? empty + 1 : 0;
            for (Message m : batch) {
                JsonNode reply = json.readTree(m.body());
                if (reply.path("residentId").asText().equals(resident)) {
                    mine.add(reply);
                }
                sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()));
            }
        }
        assertEquals(1, mine.size(), "acknowledgements queued for " + resident + ": " + mine);
        return mine.get(0);
    }
}
