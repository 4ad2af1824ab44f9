package uk.councilinbox.open311.sqs;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.sqs.SqsClient;
import uk.councilinbox.aws.FifoQueue;
import uk.councilinbox.aws.QueueIds;
import uk.councilinbox.cases.Reference;
import uk.councilinbox.open311.WorksQueue;
import uk.councilinbox.settings.WorksConfig;

/**
 * The works FIFO queue: one message per report, its body the reference; grouped by report (one report's retries hold
 * up nobody else's) and deduplicated by it, so a report queued again within SQS's five minutes is kept once.
 */
@ApplicationScoped
public class SqsWorksQueue implements WorksQueue {

    private final Optional<FifoQueue> queue;

    public SqsWorksQueue(SqsClient sqs, WorksConfig config) {
        this.queue = config.queueUrl().filter(url -> !url.isBlank()).map(url -> new FifoQueue(sqs, url));
    }

    @Override
    public void enqueue(Reference report) {
        String id = QueueIds.of(report.value());
        queue.orElseThrow(() -> new IllegalStateException("works.queue-url (WORKS_QUEUE_URL) is not set for this function"))
                .send(List.of(new FifoQueue.Entry(id, id, report.value())));
    }
}
