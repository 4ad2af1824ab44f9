package uk.councilinbox.aws;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Exponential backoff through the queue: before a record is reported as failed, its visibility timeout
 * is raised to base x 2^(receives - 1), capped, so a rate-limited platform is retried later and later
 * rather than every few seconds; after the queue's maxReceiveCount it goes to the dead-letter queue.
 */
public final class QueueBackoff {

    private static final Logger LOG = Logger.getLogger(QueueBackoff.class);

    private final SqsClient sqs;
    private final String queueUrl;
    private final int baseSeconds;
    private final int maxSeconds;

    public QueueBackoff(SqsClient sqs, String queueUrl, int baseSeconds, int maxSeconds) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.baseSeconds = baseSeconds;
        this.maxSeconds = maxSeconds;
    }

    /** Best effort: if the delay cannot be set, the record still comes back after the queue's own timeout. */
    public void delay(SQSEvent.SQSMessage record) {
        try {
            sqs.changeMessageVisibility(b -> b.queueUrl(queueUrl).receiptHandle(record.getReceiptHandle())
                    .visibilityTimeout(delaySeconds(receives(record))));
        } catch (RuntimeException e) {
            LOG.warnf("Could not delay record %s (%s); it returns after the queue's visibility timeout",
                    record.getMessageId(), e.getClass().getSimpleName());
        }
    }

    int delaySeconds(int receives) {
        long delay = (long) baseSeconds << Math.min(Math.max(receives - 1, 0), 20);
        return (int) Math.min(delay, maxSeconds);
    }

    private static int receives(SQSEvent.SQSMessage record) {
        String count = record.getAttributes() == null ? null : record.getAttributes().get("ApproximateReceiveCount");
        try {
            return count == null ? 1 : Integer.parseInt(count);
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
