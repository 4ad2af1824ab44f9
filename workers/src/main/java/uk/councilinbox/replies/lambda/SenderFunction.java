package uk.councilinbox.replies.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import jakarta.inject.Named;
import java.util.HashMap;
import java.util.Map;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.sqs.SqsClient;
import uk.councilinbox.aws.lambda.BatchMetrics;
import uk.councilinbox.aws.lambda.QueueBackoff;
import uk.councilinbox.channels.meta.GraphApiVersionWatch;
import uk.councilinbox.messages.OutboundReply;
import uk.councilinbox.replies.ReplySender;
import uk.councilinbox.replies.SendOutcome;
import uk.councilinbox.replies.sqs.SqsOutboundQueue;
import uk.councilinbox.settings.InboxConfig;

/** Lambda entry point for the outbound queue: each record is one reply to send. */
@Named("sender")
public class SenderFunction implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private static final Logger LOG = Logger.getLogger(SenderFunction.class);

    /** Logged when a platform refuses the council's token. */
    public static final String CREDENTIALS_REFUSED = "PLATFORM_CREDENTIALS_REFUSED";

    /** The metrics of each outcome (namespace {@link BatchMetrics#NAMESPACE}, per channel); template.yaml's alarms use them. */
    public static final String SENT = "RepliesSent";
    public static final String ALREADY_HANDLED = "RepliesAlreadyHandled";
    public static final String HELD = "RepliesHeld";
    public static final String DEFERRED = "RepliesDeferred";
    public static final String REFUSED = "RepliesRefused";
    /** Of the refused, those where the platform refused the council's own token: every reply on the channel fails until renewed. */
    public static final String CREDENTIALS_REFUSED_METRIC = "PlatformCredentialsRefused";
    public static final String RETRIED = "RepliesRetried";

    private final ReplySender sender;
    private final QueueBackoff backoff;
    private final ObjectReader reader;
    private final GraphApiVersionWatch graphVersion;
    private final BatchMetrics metrics = new BatchMetrics("sender");

    public SenderFunction(ReplySender sender, SqsClient sqs, InboxConfig config, ObjectMapper json, GraphApiVersionWatch graphVersion) {
        this.sender = sender;
        this.graphVersion = graphVersion;
        this.backoff = new QueueBackoff(sqs, config.outboundQueueUrl(), config.replies().retryBaseSeconds(),
                config.replies().retryMaxSeconds());
        this.reader = json.readerFor(OutboundReply.class);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        graphVersion.warnIfEnding();
        return metrics.process(event, this::send);
    }

    private void send(SQSEvent.SQSMessage record) throws Exception {
        OutboundReply reply = reader.readValue(record.getBody());
        metrics.record(reply.channel(), reply.replyId());
        SendOutcome outcome = sender.deliver(reply, mayRepeat(record));
        metrics.count(metricOf(outcome));
        String about = reply.kind() + " " + reply.replyId() + " for " + reply.reference() + " on " + reply.channel().label();
        switch (outcome) {
            case SendOutcome.Sent sent -> LOG.infof("Sent %s", about);
            case SendOutcome.AlreadyHandled handled -> LOG.infof("Skipped %s: handled by an earlier delivery", about);
            case SendOutcome.Held held -> LOG.infof("Held %s: %s", about, held.reason());
            case SendOutcome.Deferred deferred -> LOG.infof("Deferred %s to %s: over the platform's sending limit", about, deferred.turn());
            case SendOutcome.Refused refused when refused.operatorMustAct() -> {
                metrics.count(CREDENTIALS_REFUSED_METRIC);
                LOG.errorf("%s: refused %s: %s", CREDENTIALS_REFUSED, about, refused.reason());
            }
            case SendOutcome.Refused refused -> LOG.warnf("Refused %s: %s", about, refused.reason());
            case SendOutcome.RetryLater later -> {
                backoff.delay(record, later.atLeast());
                throw new RetryLaterException(later.reason());
            }
        }
    }

    /** Unknown receive counts (never from SQS) are taken as repeats: the ledger is read. */
    private static boolean mayRepeat(SQSEvent.SQSMessage record) {
        Map<String, String> attributes = new HashMap<>();
        if (record.getMessageAttributes() != null) {
            record.getMessageAttributes().forEach((name, value) -> attributes.put(name, value.getStringValue()));
        }
        return SqsOutboundQueue.mayRepeat(attributes, QueueBackoff.receiveCount(record).orElse(0));
    }

    private static String metricOf(SendOutcome outcome) {
        return switch (outcome) {
            case SendOutcome.Sent s -> SENT;
            case SendOutcome.AlreadyHandled h -> ALREADY_HANDLED;
            case SendOutcome.Held h -> HELD;
            case SendOutcome.Deferred d -> DEFERRED;
            case SendOutcome.Refused r -> REFUSED;
            case SendOutcome.RetryLater l -> RETRIED;
        };
    }

    /** Reported as a failed record so the queue redelivers it after the backoff. */
    static final class RetryLaterException extends RuntimeException {
        RetryLaterException(String reason) {
            super("will retry: " + reason);
        }
    }
}
