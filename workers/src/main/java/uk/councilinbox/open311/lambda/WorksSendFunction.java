package uk.councilinbox.open311.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import jakarta.inject.Named;
import java.time.Duration;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.sqs.SqsClient;
import uk.councilinbox.aws.lambda.QueueBackoff;
import uk.councilinbox.aws.lambda.SqsBatch;
import uk.councilinbox.cases.Reference;
import uk.councilinbox.open311.WorksApi;
import uk.councilinbox.open311.WorksReferrals;
import uk.councilinbox.settings.WorksConfig;

/**
 * Lambda entry point for the works queue: each record is one report (its reference) to send to its works system. An
 * outage is retried with backoff through the queue; the last attempt (the queue's maxReceiveCount) is recorded on the
 * case before the record goes to the dead-letter queue.
 */
@Named("works-send")
public class WorksSendFunction implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private static final Logger LOG = Logger.getLogger(WorksSendFunction.class);

    private final WorksReferrals referrals;
    private final QueueBackoff backoff;
    private final int maxReceives;

    public WorksSendFunction(WorksReferrals referrals, SqsClient sqs, WorksConfig config) {
        this.referrals = referrals;
        this.maxReceives = config.maxReceives();
        this.backoff = new QueueBackoff(sqs, config.queueUrl().orElse(""), config.retryBaseSeconds(), config.retryMaxSeconds());
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return SqsBatch.process(event, this::send);
    }

    private void send(SQSEvent.SQSMessage record) {
        Reference ref = new Reference(record.getBody().strip());
        int receives = QueueBackoff.receives(record);
        try {
            WorksReferrals.Outcome outcome = referrals.send(ref, receives >= maxReceives);
            LOG.infof("Report %s for the works system: %s", ref, outcome);
        } catch (WorksApi.WorksUnavailableException e) {
            if (receives < maxReceives) {
                backoff.delay(record, Duration.ZERO);
            }
            throw e;
        }
    }
}
