package uk.councilinbox.replies.sqs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import uk.councilinbox.aws.FifoQueue;
import uk.councilinbox.aws.QueueIds;
import uk.councilinbox.messages.OutboundReply;
import uk.councilinbox.privacy.Pseudonyms;
import uk.councilinbox.replies.OutboundQueue;
import uk.councilinbox.settings.InboxConfig;

/**
 * The outbound FIFO queue: replies to one resident (a group under their pseudonym) go out in the order they were queued. Deduplicated by
 * attempt key: the same reply queued twice is kept once, a deferred reply queued again at its turn is not.
 */
@ApplicationScoped
public class SqsOutboundQueue implements OutboundQueue {

    private final FifoQueue queue;
    private final ObjectMapper json;
    private final Pseudonyms pseudonyms;

    public SqsOutboundQueue(SqsClient sqs, InboxConfig config, ObjectMapper json) {
        this.queue = new FifoQueue(sqs, config.outboundQueueUrl());
        this.json = json;
        this.pseudonyms = Pseudonyms.of(config);
    }

    /** Message attribute marking a reply queued once ({@link #enqueueWithMessage}): its first receive needs no ledger read. */
    public static final String QUEUED_ONCE = "queuedOnce";

    @Override
    public void enqueue(OutboundReply reply) {
        queue.send(List.of(entry(reply, Map.of())));
    }

    @Override
    public void enqueueWithMessage(OutboundReply reply) {
        queue.sendWithRecord(List.of(entry(reply, Map.of(QUEUED_ONCE, "true"))));
    }

    /** Whether a received reply may have been handled before: anything but the first receive of one queued once. */
    public static boolean mayRepeat(Map<String, String> messageAttributes, int receiveCount) {
        return receiveCount != 1 || !"true".equals(messageAttributes.get(QUEUED_ONCE));
    }

    private FifoQueue.Entry entry(OutboundReply reply, Map<String, String> attributes) {
        try {
            return new FifoQueue.Entry(pseudonyms.resident(reply.residentKey()), QueueIds.of(reply.attemptKey()), json.writeValueAsString(reply),
                    attributes);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("reply not serialisable", e);
        }
    }
}
