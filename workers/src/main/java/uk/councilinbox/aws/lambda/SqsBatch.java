package uk.councilinbox.aws.lambda;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import uk.councilinbox.aws.BatchedSends;

/**
 * Lambda's SQS partial-batch contract ({@code ReportBatchItemFailures}): each record is handled on its
 * own and only failed ones are reported back, to reappear after the visibility timeout and, after the
 * queue's maxReceiveCount, go to its dead-letter queue. On a FIFO queue, once one record fails every
 * later record of the same message group is reported too, so no resident's messages are handled out of
 * order; other residents' records go on, so one poison message cannot drag theirs to the dead-letter queue.
 * A FIFO record without a group (never sent by SQS), and every record of a standard queue, is a group of its own.
 *
 * <p>Groups are independent, so they are handled at once, each on a virtual thread of its own (a group's records one
 * after another, in order): a batch takes about as long as its slowest resident, not the sum of them all. Sends the
 * handlers leave {@linkplain BatchedSends with the batch} go out together once every group is done; a record whose sends
 * were not accepted is reported failed (with the rest of its group), so its redelivery sends them again.
 */
public final class SqsBatch {

    @FunctionalInterface
    public interface RecordHandler {
        void handle(SQSEvent.SQSMessage record) throws Exception;
    }

    private static final Logger LOG = Logger.getLogger(SqsBatch.class);

    private SqsBatch() {}

    public static SQSBatchResponse process(SQSEvent event, RecordHandler handler) {
        List<SQSEvent.SQSMessage> records = event.getRecords() == null ? List.of() : event.getRecords();
        Map<String, List<SQSEvent.SQSMessage>> groups = new LinkedHashMap<>();
        for (SQSEvent.SQSMessage record : records) {
            groups.computeIfAbsent(group(record), g -> new ArrayList<>()).add(record);
        }
        BatchedSends sends = new BatchedSends();
        Set<String> failed = ConcurrentHashMap.newKeySet();
        if (groups.size() == 1) {
            handleGroup(groups.values().iterator().next(), handler, sends, failed);
        } else {
            try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                groups.values().forEach(group -> threads.execute(() -> handleGroup(group, handler, sends, failed)));
            }
        }
        Set<String> unsent = sends.flush(failed);
        groups.values().forEach(group -> failLaterOf(group, unsent, failed));
        return new SQSBatchResponse(records.stream().filter(r -> failed.contains(r.getMessageId()))
                .map(r -> new SQSBatchResponse.BatchItemFailure(r.getMessageId())).toList());
    }

    private static void handleGroup(List<SQSEvent.SQSMessage> group, RecordHandler handler, BatchedSends sends, Set<String> failed) {
        boolean blocked = false;
        for (SQSEvent.SQSMessage record : group) {
            if (blocked) {
                failed.add(record.getMessageId());
                continue;
            }
            try {
                ScopedValue.where(BatchedSends.CURRENT, sends.forRecord(record.getMessageId())).call(() -> {
                    handler.handle(record);
                    return null;
                });
            } catch (Exception e) {
                // Never log the body: it is a resident's message.
                LOG.warnf("Record %s failed (%s: %s); it will be retried", record.getMessageId(),
                        e.getClass().getSimpleName(), safeMessage(e));
                failed.add(record.getMessageId());
                blocked = true;
            } finally {
                // Set by the handler for its record's log lines (BatchMetrics.record); none leaks to the next record.
                MDC.remove(BatchMetrics.CORRELATION_ID);
            }
        }
    }

    /** A record whose sends were lost fails, and so does every later record of its group (to keep the group's order). */
    private static void failLaterOf(List<SQSEvent.SQSMessage> group, Set<String> unsent, Set<String> failed) {
        boolean from = false;
        for (SQSEvent.SQSMessage record : group) {
            from |= unsent.contains(record.getMessageId());
            if (from) {
                if (unsent.contains(record.getMessageId())) {
                    LOG.warnf("Record %s: its queued sends were not accepted; it will be retried", record.getMessageId());
                }
                failed.add(record.getMessageId());
            }
        }
    }

    private static String group(SQSEvent.SQSMessage record) {
        return fifoGroup(record).map(g -> "group:" + g).orElse("record:" + record.getMessageId());
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
