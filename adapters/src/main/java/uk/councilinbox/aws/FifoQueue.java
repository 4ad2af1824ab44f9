package uk.councilinbox.aws;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * Sends to an SQS FIFO queue in batches of ten, resending entries SQS reports as failed, and throws
 * unless every entry was accepted. A resend is harmless: the deduplication id makes SQS keep one copy.
 */
public final class FifoQueue {

    public record Entry(String groupId, String deduplicationId, String body) {}

    private static final int MAX_BATCH = 10;
    private static final int ATTEMPTS = 3;

    private final SqsClient sqs;
    private final String queueUrl;

    public FifoQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    public void send(List<Entry> entries) {
        for (int from = 0; from < entries.size(); from += MAX_BATCH) {
            sendBatch(entries.subList(from, Math.min(entries.size(), from + MAX_BATCH)));
        }
    }

    private void sendBatch(List<Entry> batch) {
        List<SendMessageBatchRequestEntry> pending = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Entry entry = batch.get(i);
            pending.add(SendMessageBatchRequestEntry.builder()
                    .id(Integer.toString(i))
                    .messageGroupId(entry.groupId())
                    .messageDeduplicationId(entry.deduplicationId())
                    .messageBody(entry.body())
                    .build());
        }
        for (int attempt = 1; attempt <= ATTEMPTS && !pending.isEmpty(); attempt++) {
            SendMessageBatchResponse response = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(pending));
            List<String> failedIds = response.failed().stream().map(BatchResultErrorEntry::id).toList();
            pending.removeIf(e -> !failedIds.contains(e.id()));
        }
        if (!pending.isEmpty()) {
            throw SdkException.builder().message(pending.size() + " message(s) not accepted by the queue").build();
        }
    }
}
