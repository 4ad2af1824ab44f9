package uk.councilinbox.photos;

import java.util.List;

/**
 * Where photos wait to be fetched, off the webhook's and the acknowledgement's path; the same job queued twice is kept once.
 * Jobs are on the queue by the time the message that carried them is done (a redelivery queues them again).
 */
public interface PhotoQueue {

    void enqueue(List<PhotoJob> jobs);

    /** For a deployment that keeps no photos (and for tests that are not about them). */
    static PhotoQueue none() {
        return jobs -> {};
    }
}
