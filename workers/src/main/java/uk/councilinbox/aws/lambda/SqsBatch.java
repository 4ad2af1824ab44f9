package uk.councilinbox.aws.lambda;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Lambda's SQS partial-batch contract ({@code ReportBatchItemFailures}): each record is handled on its
 * own and only failed ones are reported back, to reappear after the visibility timeout and, after the
 * queue's maxReceiveCount, go to its dead-letter queue. On a FIFO queue, once one record fails every
 * later record of the same message group is reported too, so no resident's messages are handled out of
 * order; other residents' records go on, so one poison message cannot drag theirs to the dead-letter queue.
 * A FIFO record without a group (never sent by SQS) is treated as a group of its own.
 */
public final class SqsBatch {

    @FunctionalInterface
    public interface RecordHandler {
        void handle(SQSEvent.SQSMessage record) throws Exception;
    }

    private static final Logger LOG = Logger.getLogger(SqsBatch.class);

    private SqsBatch() {}

    public static SQSBatchResponse process(SQSEvent event, RecordHandler handler) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        Set<String> blockedGroups = new HashSet<>();
        List<SQSEvent.SQSMessage> records = event.getRecords() == null ? List.of() : event.getRecords();
        for (SQSEvent.SQSMessage record : records) {
            Optional<String> group = fifoGroup(record);
            if (group.isPresent() && blockedGroups.contains(group.get())) {
                failures.add(new SQSBatchResponse.BatchItemFailure(record.getMessageId()));
                continue;
            }
            try {
                handler.handle(record);
            } catch (Exception e) {
                // Never log the body: it is a resident's message.
                LOG.warnf("Record %s failed (%s: %s); it will be retried", record.getMessageId(),
                        e.getClass().getSimpleName(), safeMessage(e));
                failures.add(new SQSBatchResponse.BatchItemFailure(record.getMessageId()));
                group.ifPresent(blockedGroups::add);
            } finally {
                // Set by the handler for its record's log lines (BatchMetrics.record); none leaks to the next record.
                MDC.remove(BatchMetrics.CORRELATION_ID);
            }
        }
        return new SQSBatchResponse(failures);
    }

    private static Optional<String> fifoGroup(SQSEvent.SQSMessage record) {
        if (record.getEventSourceArn() == null || !record.getEventSourceArn().endsWith(".fifo")) {
            return Optional.empty();
        }
        String group = record.getAttributes() == null ? null : record.getAttributes().get("MessageGroupId");
        return Optional.of(group == null ? "record:" + record.getMessageId() : group);
    }

    /** Exception messages of our own code carry no message text; JSON parse errors may quote it, so drop those. */
    private static String safeMessage(Exception e) {
        return e instanceof com.fasterxml.jackson.core.JacksonException ? "unreadable record" : String.valueOf(e.getMessage());
    }
}
