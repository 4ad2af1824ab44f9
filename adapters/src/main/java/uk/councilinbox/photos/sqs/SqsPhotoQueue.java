package uk.councilinbox.photos.sqs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import uk.councilinbox.aws.FifoQueue;
import uk.councilinbox.aws.QueueIds;
import uk.councilinbox.photos.PhotoJob;
import uk.councilinbox.photos.PhotoQueue;
import uk.councilinbox.settings.InboxConfig;

/**
 * The photos FIFO queue: deduplicated by photo id (a redelivered message queues its photos again harmlessly), grouped
 * by photo so one slow download holds up nobody else's.
 */
@ApplicationScoped
public class SqsPhotoQueue implements PhotoQueue {

    private final java.util.Optional<FifoQueue> queue;
    private final ObjectMapper json;

    public SqsPhotoQueue(SqsClient sqs, InboxConfig config, ObjectMapper json) {
        this.queue = config.photos().queueUrl().map(url -> new FifoQueue(sqs, url));
        this.json = json;
    }

    @Override
    public void enqueue(List<PhotoJob> jobs) {
        if (jobs.isEmpty()) {
            return;
        }
        queue.orElseThrow(() -> new IllegalStateException("inbox.photos.queue-url (PHOTOS_QUEUE_URL) is not set for this function"))
                .sendWithRecord(jobs.stream().map(this::entry).toList());
    }

    private FifoQueue.Entry entry(PhotoJob job) {
        try {
            return new FifoQueue.Entry(QueueIds.of(job.photoId()), QueueIds.of(job.photoId()), json.writeValueAsString(job));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("photo job not serialisable", e);
        }
    }
}
