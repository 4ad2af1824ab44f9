package uk.councilinbox.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ListMessageMoveTasksResultEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * {@code bin/redrive <queue> [sqs endpoint]}: moves a queue's dead letters back into it with SQS's own message
 * move task, as {@code aws sqs start-message-move-task --source-arn <dlq arn> --destination-arn <queue arn>}
 * does, and waits for the task to finish. The dead-letter queue is the one the queue's redrive policy names.
 *
 * <p>ElasticMQ 1.7.1 serves StartMessageMoveTask and ListMessageMoveTasks and moves a standard queue's
 * messages, but for FIFO queues (all of ours) its task reports COMPLETED having moved none. So against a
 * local endpoint, when the task leaves messages behind, the local equivalent follows ({@link #moveByHand}):
 * each dead letter sent to the queue in its message group, with its message id as the deduplication id (as
 * SQS gives a FIFO message moved to a dead-letter queue), then deleted. Against AWS only the task runs.
 */
public final class Redrive {

    /**
     * The finished task: its status (COMPLETED, FAILED, CANCELLED, or RUNNING at the deadline) and messages
     * moved, and the messages then moved by hand (local endpoints only, see the class comment).
     */
    public record Result(String status, long moved, long toMove, String failureReason, int movedByHand) {
        public long total() {
            return moved + movedByHand;
        }
    }

    private Redrive() {}

    /** The ARNs of a queue and of the dead-letter queue its redrive policy names. */
    public record Queues(String queueArn, String deadLetterArn) {}

    public static Queues queues(SqsClient sqs, String queueUrl) {
        var attributes = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.QUEUE_ARN, QueueAttributeName.REDRIVE_POLICY)).attributes();
        String policy = attributes.get(QueueAttributeName.REDRIVE_POLICY);
        if (policy == null) {
            throw new IllegalArgumentException(queueUrl + " has no redrive policy, so no dead-letter queue");
        }
        try {
            String dlq = new ObjectMapper().readTree(policy).path("deadLetterTargetArn").asText();
            return new Queues(attributes.get(QueueAttributeName.QUEUE_ARN), dlq);
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable redrive policy " + policy, e);
        }
    }

    /**
     * Starts the move of every message in the queue's dead-letter queue back to the queue, and waits up to
     * {@code timeout}; {@code local} (an emulator's endpoint) moves by hand what the task left behind.
     */
    public static Result run(SqsClient sqs, String queueUrl, Duration timeout, boolean local) throws InterruptedException {
        Queues queues = queues(sqs, queueUrl);
        sqs.startMessageMoveTask(b -> b.sourceArn(queues.deadLetterArn()).destinationArn(queues.queueArn()));
        long deadline = System.nanoTime() + timeout.toNanos();
        ListMessageMoveTasksResultEntry task;
        do {
            Thread.sleep(200);
            task = sqs.listMessageMoveTasks(b -> b.sourceArn(queues.deadLetterArn()).maxResults(1)).results().getFirst();
        } while (task.status().equals("RUNNING") && System.nanoTime() < deadline);
        int byHand = local && task.status().equals("COMPLETED") ? moveByHand(sqs, queues, queueUrl) : 0;
        return new Result(task.status(), orZero(task.approximateNumberOfMessagesMoved()), orZero(task.approximateNumberOfMessagesToMove()),
                task.failureReason(), byHand);
    }

    /** What SQS's task does, for the FIFO queues ElasticMQ's task leaves alone: send each dead letter back, then delete it. */
    private static int moveByHand(SqsClient sqs, Queues queues, String queueUrl) {
        String dlqUrl = sqs.getQueueUrl(b -> b.queueName(queues.deadLetterArn().substring(queues.deadLetterArn().lastIndexOf(':') + 1)))
                .queueUrl();
        int moved = 0;
        while (true) {
            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(dlqUrl).maxNumberOfMessages(10).visibilityTimeout(30)
                    .messageSystemAttributeNames(MessageSystemAttributeName.MESSAGE_GROUP_ID).messageAttributeNames("All")).messages();
            if (messages.isEmpty()) {
                return moved;
            }
            for (Message m : messages) {
                String group = m.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID);
                sqs.sendMessage(b -> {
                    b.queueUrl(queueUrl).messageBody(m.body()).messageAttributes(m.messageAttributes());
                    if (group != null) {
                        b.messageGroupId(group).messageDeduplicationId(m.messageId());
                    }
                });
                sqs.deleteMessage(b -> b.queueUrl(dlqUrl).receiptHandle(m.receiptHandle()));
                moved++;
            }
        }
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: bin/redrive <queue name or URL> [sqs endpoint, e.g. http://127.0.0.1:9324]");
            System.exit(2);
        }
        try (SqsClient sqs = args.length > 1 ? Provisioning.sqs(URI.create(args[1])) : SqsClient.create()) {
            String url = args[0].startsWith("http") ? args[0] : sqs.getQueueUrl(b -> b.queueName(args[0])).queueUrl();
            Queues queues = queues(sqs, url);
            System.out.printf("redriving %s -> %s%n", queues.deadLetterArn(), queues.queueArn());
            Result result = run(sqs, url, Duration.ofMinutes(10), args.length > 1);
            System.out.printf("message move task %s: moved %d%s%n", result.status(), result.moved(),
                    result.failureReason() == null ? "" : " (" + result.failureReason() + ")");
            if (result.movedByHand() > 0) {
                System.out.printf("moved by hand (ElasticMQ's task does not move FIFO messages): %d%n", result.movedByHand());
            }
            System.exit(result.status().equals("COMPLETED") ? 0 : 1);
        }
    }
}
