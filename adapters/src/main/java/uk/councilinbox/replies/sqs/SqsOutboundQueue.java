package uk.councilinbox.replies.sqs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import uk.councilinbox.aws.FifoQueue;
import uk.councilinbox.aws.QueueIds;
import uk.councilinbox.messages.OutboundReply;
import uk.councilinbox.replies.OutboundQueue;
import uk.councilinbox.settings.InboxConfig;

/**
 * The outbound FIFO queue: replies to one resident go out in the order they were queued. Deduplicated by
 * attempt key: the same reply queued twice is kept once, a deferred reply queued again at its turn is not.
 */
@ApplicationScoped
public class SqsOutboundQueue implements OutboundQueue {

    private final FifoQueue queue;
    private final ObjectMapper json;

    public SqsOutboundQueue(SqsClient sqs, InboxConfig config, ObjectMapper json) {
        this.queue = new FifoQueue(sqs, config.outboundQueueUrl());
        this.json = json;
    }

    @Override
    public void enqueue(OutboundReply reply) {
        queue.send(List.of(entry(reply)));
    }

    @Override
    public void enqueueWithMessage(OutboundReply reply) {
        queue.sendWithRecord(List.of(entry(reply)));
    }

    private FifoQueue.Entry entry(OutboundReply reply) {
        try {
            return new FifoQueue.Entry(QueueIds.of(reply.residentKey()), QueueIds.of(reply.attemptKey()), json.writeValueAsString(reply));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("reply not serialisable", e);
        }
    }
}
