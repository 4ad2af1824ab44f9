package uk.councilinbox.aws.lambda;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Duration;
import java.util.OptionalInt;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Exponential backoff through the queue: before a record is reported as failed, its visibility timeout
 * is raised to base x 2^(receives - 1), capped, so a rate-limited platform is retried later and later
 * rather than every few seconds; after the queue's maxReceiveCount it goes to the dead-letter queue.
 */
public final class QueueBackoff {

    private static final Logger LOG = Logger.getLogger(QueueBackoff.class);

    /** SQS's ceiling for a visibility timeout: 12 hours. */
    static final int MAX_VISIBILITY_SECONDS = 43_200;

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

    /**
     * Delays the record by its backoff, or by {@code atLeast} when that is longer. Best effort: if the delay
     * cannot be set, the record still comes back after the queue's own timeout.
     */
    public void delay(SQSEvent.SQSMessage record, Duration atLeast) {
        int seconds = delaySeconds(receives(record), atLeast);
        try {
            sqs.changeMessageVisibility(b -> b.queueUrl(queueUrl).receiptHandle(record.getReceiptHandle())
                    .visibilityTimeout(seconds));
        } catch (RuntimeException e) {
            LOG.warnf("Could not delay record %s (%s); it returns after the queue's visibility timeout",
                    record.getMessageId(), e.getClass().getSimpleName());
        }
    }

    private static long ceilSeconds(Duration duration) {
        return duration.isNegative() ? 0 : duration.plusMillis(999).toSeconds();
    }

    int delaySeconds(int receives, Duration atLeast) {
        long backoff = Math.min((long) baseSeconds << Math.min(Math.max(receives - 1, 0), 20), maxSeconds);
        return (int) Math.min(Math.max(backoff, ceilSeconds(atLeast)), MAX_VISIBILITY_SECONDS);
    }

    /** How many times SQS has delivered the record, this time included (1 when SQS did not say). */
    public static int receives(SQSEvent.SQSMessage record) {
        return receiveCount(record).orElse(1);
    }

    /** The record's {@code ApproximateReceiveCount}, when SQS gave one. */
    public static OptionalInt receiveCount(SQSEvent.SQSMessage record) {
        String count = record.getAttributes() == null ? null : record.getAttributes().get("ApproximateReceiveCount");
        try {
            return count == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(count));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
