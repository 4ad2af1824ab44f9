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

    private final List<String> handled = new ArrayList<>();

    @Test
    void onlyTheFailedRecordIsReportedOnAStandardQueue() {
        SQSBatchResponse response = process(Set.of("2"), record(STANDARD, "1", null), record(STANDARD, "2", null),
                record(STANDARD, "3", null));

        assertEquals(List.of("2"), failed(response));
        assertEquals(List.of("1", "2", "3"), handled);
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
        assertEquals(List.of("1", "2", "4"), handled);
    }

    @Test
    void recordsBeforeTheFailureInTheSameGroupStandAsHandled() {
        SQSBatchResponse response = process(Set.of("2"), record(FIFO, "1", "X:9"), record(FIFO, "2", "X:9"), record(FIFO, "3", "X:9"));

        assertEquals(List.of("2", "3"), failed(response));
        assertEquals(List.of("1", "2"), handled);
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
