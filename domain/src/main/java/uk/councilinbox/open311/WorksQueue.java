package uk.councilinbox.open311;

import java.util.List;
import java.util.Set;
import uk.councilinbox.cases.Reference;

/** Reports waiting to be sent to their works system, retried with backoff and dead-lettered after the configured attempts. */
public interface WorksQueue {

    /**
     * Queues the reports, as few requests as the queue allows. Queuing the same report twice within the queue's
     * deduplication window is harmless.
     *
     * @return those the queue did not take
     */
    Set<Reference> enqueue(List<Reference> reports);
}
