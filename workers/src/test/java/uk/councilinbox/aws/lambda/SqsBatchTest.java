package uk.councilinbox.aws.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SqsBatchTest {

    private static final String FIFO = "arn:aws:sqs:eu-west-2:000000000000:council-inbox-inbound.fifo";
    private static final String STANDARD = "arn:aws:sqs:eu-west-2:000000000000:council-inbox-events";

    /** Handled in order within a group; groups at once, so their records interleave in any order. */
    private final List<String> handled = java.util.Collections.synchronizedList(new ArrayList<>());

    @Test
    void onlyTheFailedRecordIsReportedOnAStandardQueue() {
        SQSBatchResponse response = process(Set.of("2"), record(STANDARD, "1", null), record(STANDARD, "2", null),
                record(STANDARD, "3", null));

        assertEquals(List.of("2"), failed(response));
        assertEquals(List.of("1", "2", "3"), handled.stream().sorted().toList());
    }

    @Test
    void laterRecordsOfAFailedResidentsGroupAreReportedWithoutBeingHandled() {
        SQSBatchResponse response = process(Set.of("1"), record(FIFO, "1", "FACEBOOK:7"), record(FIFO, "2", "FACEBOOK:7"),
                record(FIFO, "3", "FACEBOOK:7"));

        assertEquals(List.of("1", "2", "3"), failed(response));
        assertEquals(List.of("1"), handled);
    }

    @Test
    void otherResidentsRecordsInTheSameBatchAreStillHandled() {
        SQSBatchResponse response = process(Set.of("1"), record(FIFO, "1", "FACEBOOK:7"), record(FIFO, "2", "X:9"),
                record(FIFO, "3", "FACEBOOK:7"), record(FIFO, "4", "WHATSAPP:447700900123"));

        assertEquals(List.of("1", "3"), failed(response));
        assertEquals(List.of("1", "2", "4"), handled.stream().sorted().toList());
    }

    @Test
    void recordsBeforeTheFailureInTheSameGroupStandAsHandled() {
        SQSBatchResponse response = process(Set.of("2"), record(FIFO, "1", "X:9"), record(FIFO, "2", "X:9"), record(FIFO, "3", "X:9"));

        assertEquals(List.of("2", "3"), failed(response));
        assertEquals(List.of("1", "2"), handled);
    }

    @Test
    void residentsAreHandledAtOnceAndEachResidentsRecordsInOrder() throws Exception {
        java.util.concurrent.CountDownLatch bothStarted = new java.util.concurrent.CountDownLatch(2);
        List<String> order = java.util.Collections.synchronizedList(new ArrayList<>());
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(record(FIFO, "a1", "X:1"), record(FIFO, "b1", "X:2"), record(FIFO, "a2", "X:1")));
        SQSBatchResponse response = SqsBatch.process(event, record -> {
            if (record.getMessageId().endsWith("1")) {
                bothStarted.countDown();
                // Only true when the other resident's first record is being handled at the same time.
                if (!bothStarted.await(5, java.util.concurrent.TimeUnit.SECONDS)) {
                    throw new IllegalStateException("handled one after the other");
                }
            }
            order.add(record.getMessageId());
        });

        assertEquals(List.of(), failed(response));
        assertEquals(List.of("a1", "a2"), order.stream().filter(id -> id.startsWith("a")).toList(), "one resident's in order");
    }

    @Test
    void sendsLeftWithTheBatchGoInOneRequestAndALostOneFailsItsRecordAndTheRestOfItsGroup() throws Exception {
        try (uk.councilinbox.local.ElasticMq sqs = uk.councilinbox.local.ElasticMq.start();
                software.amazon.awssdk.services.sqs.SqsClient client = uk.councilinbox.local.Provisioning.sqs(sqs.endpoint())) {
            String url = client.createQueue(b -> b.queueName("batched.fifo").attributes(Map.of(
                    software.amazon.awssdk.services.sqs.model.QueueAttributeName.FIFO_QUEUE, "true"))).queueUrl();
            uk.councilinbox.aws.FifoQueue queue = new uk.councilinbox.aws.FifoQueue(client, url);
            SQSEvent event = new SQSEvent();
            event.setRecords(List.of(record(FIFO, "1", "X:1"), record(FIFO, "2", "X:2"), record(FIFO, "3", "X:2"), record(FIFO, "4", "X:1")));
            SQSBatchResponse response = SqsBatch.process(event, record -> {
                String id = record.getMessageId();
                // Record 2's send is refused by SQS (a group id over 128 characters): 2 and the later 3 of its group fail.
                String group = id.equals("2") ? "g".repeat(200) : "group-" + record.getAttributes().get("MessageGroupId").replace(':', '-');
                queue.sendWithRecord(List.of(new uk.councilinbox.aws.FifoQueue.Entry(group, "dedup-" + id, "reply to " + id)));
            });

            assertEquals(List.of("2", "3"), failed(response));
            List<String> bodies = client.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)).messages().stream()
                    .map(software.amazon.awssdk.services.sqs.model.Message::body).sorted().toList();
            assertEquals(List.of("reply to 1", "reply to 3", "reply to 4"), bodies, "sent once the batch was done");
        }
    }

    @Test
    void emptyOrMissingRecordListGivesNoFailures() {
        assertEquals(List.of(), failed(SqsBatch.process(new SQSEvent(), r -> handled.add(r.getMessageId()))));
        assertEquals(List.of(), handled);
    }

    private SQSBatchResponse process(Set<String> failing, SQSEvent.SQSMessage... records) {
        SQSEvent event = new SQSEvent();
        event.setRecords(Arrays.asList(records));
        return SqsBatch.process(event, record -> {
            handled.add(record.getMessageId());
            if (failing.contains(record.getMessageId())) {
                throw new IllegalStateException("case table unavailable");
            }
        });
    }

    private static SQSEvent.SQSMessage record(String queueArn, String id, String group) {
        SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
        record.setMessageId(id);
        record.setEventSourceArn(queueArn);
        record.setBody("{}");
        record.setAttributes(group == null ? Map.of() : Map.of("MessageGroupId", group));
        return record;
    }

    private static List<String> failed(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
    }
}
