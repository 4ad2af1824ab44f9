package uk.councilinbox.aws;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * Sends to an SQS FIFO queue in batches of ten, resending entries SQS reports as failed. A resend is harmless: the
 * deduplication id makes SQS keep one copy.
 */
public final class FifoQueue {

    /** @param attributes string message attributes, for the consumer (never anything personal: they are not encrypted as bodies are) */
    public record Entry(String groupId, String deduplicationId, String body, Map<String, String> attributes) {
        public Entry {
            attributes = Map.copyOf(attributes);
        }

        public Entry(String groupId, String deduplicationId, String body) {
            this(groupId, deduplicationId, body, Map.of());
        }
    }

    private static final int MAX_BATCH = 10;
    private static final int ATTEMPTS = 3;

    private final SqsClient sqs;
    private final String queueUrl;

    public FifoQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    /** Sends now: every entry is on the queue when this returns. */
    public void send(List<Entry> entries) {
        List<Entry> unsent = new ArrayList<>();
        for (int from = 0; from < entries.size(); from += MAX_BATCH) {
            unsent.addAll(sendBatch(entries.subList(from, Math.min(entries.size(), from + MAX_BATCH))));
        }
        if (!unsent.isEmpty()) {
            throw SdkException.builder().message(unsent.size() + " message(s) not accepted by the queue").build();
        }
    }

    /**
     * Sends with the batch being handled, when an edge has bound one ({@link BatchedSends}): the entries go on the queue
     * once the batch's records are handled, with every other record's. Without a batch, sends now.
     */
    public void sendWithRecord(List<Entry> entries) {
        BatchedSends.current().ifPresentOrElse(batch -> batch.add(this, entries), () -> send(entries));
    }

    /** Sends every entry, ten to a request; returns those the queue did not accept (after resending them) or never got. */
    public List<Entry> sendAll(List<Entry> entries) {
        List<Entry> unsent = new ArrayList<>();
        for (int from = 0; from < entries.size(); from += MAX_BATCH) {
            List<Entry> batch = entries.subList(from, Math.min(entries.size(), from + MAX_BATCH));
            try {
                unsent.addAll(sendBatch(batch));
            } catch (SdkException e) {
                unsent.addAll(batch);
            }
        }
        return unsent;
    }

    private static Map<String, MessageAttributeValue> messageAttributes(Map<String, String> attributes) {
        Map<String, MessageAttributeValue> values = new HashMap<>();
        attributes.forEach((name, value) -> values.put(name, MessageAttributeValue.builder().dataType("String").stringValue(value).build()));
        return values;
    }

    private List<Entry> sendBatch(List<Entry> batch) {
        List<SendMessageBatchRequestEntry> pending = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Entry entry = batch.get(i);
            pending.add(SendMessageBatchRequestEntry.builder()
                    .id(Integer.toString(i))
                    .messageGroupId(entry.groupId())
                    .messageDeduplicationId(entry.deduplicationId())
                    .messageBody(entry.body())
                    .messageAttributes(messageAttributes(entry.attributes()))
                    .build());
        }
        for (int attempt = 1; attempt <= ATTEMPTS && !pending.isEmpty(); attempt++) {
            SendMessageBatchResponse response = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(pending));
            List<String> failedIds = response.failed().stream().map(BatchResultErrorEntry::id).toList();
            pending.removeIf(e -> !failedIds.contains(e.id()));
        }
        return pending.stream().map(e -> batch.get(Integer.parseInt(e.id()))).toList();
    }
}
