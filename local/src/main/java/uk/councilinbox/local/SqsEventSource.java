package uk.councilinbox.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * What Lambda's SQS event source mapping does in AWS: long-polls the queue, invokes the function with
 * a batch, deletes the records that succeeded and leaves the reported failures (ReportBatchItemFailures)
 * to reappear after the visibility timeout and, past maxReceiveCount, to move to the dead-letter queue.
 * A function error or timeout fails the whole batch.
 */
public final class SqsEventSource implements AutoCloseable {

    private final SqsClient sqs;
    private final String queueUrl;
    private final String queueArn;
    private final LambdaInvoker function;
    private final int batchSize;
    private final Duration timeout;
    private final ObjectMapper json = new ObjectMapper();
    private final Thread poller;
    private final AtomicLong invocations = new AtomicLong();
    private volatile boolean running = true;

    public SqsEventSource(SqsClient sqs, String queueUrl, LambdaInvoker function, int batchSize, Duration timeout) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        this.function = function;
        this.batchSize = batchSize;
        this.timeout = timeout;
        this.poller = Thread.ofPlatform().daemon().name("event-source-" + queueArn.substring(queueArn.lastIndexOf(':') + 1))
                .start(this::pollLoop);
    }

    public long invocations() {
        return invocations.get();
    }

    private void pollLoop() {
        while (running) {
            try {
                List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(batchSize)
                        .waitTimeSeconds(1).messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                        .messageAttributeNames("All")).messages();
                if (!messages.isEmpty()) {
                    deliver(messages);
                }
            } catch (RuntimeException e) {
                if (running) {
                    sleepQuietly(200);
                }
            }
        }
    }

    private void deliver(List<Message> messages) {
        invocations.incrementAndGet();
        Set<String> failed = new HashSet<>();
        try {
            LambdaInvoker.Result result = function.invoke(json.writeValueAsString(event(messages)), timeout).get();
            if (result.error()) {
                return; // the whole batch is retried after the visibility timeout
            }
            JsonNode response = json.readTree(result.body());
            response.path("batchItemFailures").forEach(f -> failed.add(f.path("itemIdentifier").asText()));
        } catch (Exception e) {
            return;
        }
        List<DeleteMessageBatchRequestEntry> done = messages.stream().filter(m -> !failed.contains(m.messageId()))
                .map(m -> DeleteMessageBatchRequestEntry.builder().id(m.messageId()).receiptHandle(m.receiptHandle()).build())
                .toList();
        if (!done.isEmpty()) {
            sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(done));
        }
    }

    private ObjectNode event(List<Message> messages) {
        ObjectNode event = json.createObjectNode();
        ArrayNode records = event.putArray("Records");
        for (Message message : messages) {
            ObjectNode record = records.addObject();
            record.put("messageId", message.messageId());
            record.put("receiptHandle", message.receiptHandle());
            record.put("body", message.body());
            record.put("md5OfBody", message.md5OfBody());
            ObjectNode attributes = record.putObject("attributes");
            message.attributes().forEach((name, value) -> attributes.put(name.toString(), value));
            ObjectNode messageAttributes = record.putObject("messageAttributes");
            message.messageAttributes().forEach((name, value) -> messageAttributes.putObject(name)
                    .put("stringValue", value.stringValue()).put("dataType", value.dataType()));
            record.put("eventSource", "aws:sqs");
            record.put("eventSourceARN", queueArn);
            record.put("awsRegion", Emulators.REGION);
        }
        return event;
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        poller.interrupt();
    }
}
