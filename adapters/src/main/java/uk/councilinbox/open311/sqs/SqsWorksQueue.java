package uk.councilinbox.open311.sqs;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
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
    public Set<Reference> enqueue(List<Reference> reports) {
        FifoQueue works = queue.orElseThrow(() -> new IllegalStateException("works.queue-url (WORKS_QUEUE_URL) is not set for this function"));
        List<FifoQueue.Entry> entries = reports.stream().map(r -> new FifoQueue.Entry(QueueIds.of(r.value()), QueueIds.of(r.value()), r.value()))
                .toList();
        return works.sendAll(entries).stream().map(e -> new Reference(e.body())).collect(Collectors.toSet());
    }
}
