package uk.councilinbox.open311;

import uk.councilinbox.cases.Reference;

/** Reports waiting to be sent to their works system, retried with backoff and dead-lettered after the configured attempts. */
public interface WorksQueue {

    /** Queuing the same report twice within the queue's deduplication window is harmless. */
    void enqueue(Reference report);
}
