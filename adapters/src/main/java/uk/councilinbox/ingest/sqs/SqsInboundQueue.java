package uk.councilinbox.ingest.sqs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import uk.councilinbox.aws.FifoQueue;
import uk.councilinbox.aws.QueueIds;
import uk.councilinbox.ingest.InboundQueue;
import uk.councilinbox.ingest.QueueUnavailableException;
import uk.councilinbox.messages.DeliveryReport;
import uk.councilinbox.messages.InboundMessage;
import uk.councilinbox.privacy.Pseudonyms;
import uk.councilinbox.settings.InboxConfig;

/**
 * The inbound FIFO queue: one message group per resident (under their pseudonym) keeps each resident's messages in order
 * while different residents are triaged in parallel; the platform's message id deduplicates redeliveries.
 * Reports of undelivered replies travel the same way; the triage function tells them apart (a report has no
 * {@code residentId}).
 */
@ApplicationScoped
public class SqsInboundQueue implements InboundQueue {

    private final FifoQueue queue;
    private final ObjectMapper json;
    private final Pseudonyms pseudonyms;

    public SqsInboundQueue(SqsClient sqs, InboxConfig config, ObjectMapper json) {
        this.queue = new FifoQueue(sqs, config.inboundQueueUrl());
        this.json = json;
        this.pseudonyms = Pseudonyms.of(config);
    }

    @Override
    public void enqueue(List<InboundMessage> messages) throws QueueUnavailableException {
        List<FifoQueue.Entry> entries = new ArrayList<>(messages.size());
        for (InboundMessage message : messages) {
            entries.add(new FifoQueue.Entry(pseudonyms.resident(message.residentKey()), QueueIds.of(message.messageKey()), encode(message)));
        }
        send(entries);
    }

    /** Reports go in their resident's group, so they are handled in order with what the resident writes. */
    @Override
    public void report(List<DeliveryReport> reports) throws QueueUnavailableException {
        // A watermark's report key holds the resident's id: a plain hash of it would be easily reversed.
        send(reports.stream().map(r -> new FifoQueue.Entry(r.recipientKey().map(pseudonyms::resident).orElseGet(() -> QueueIds.of(r.reportKey())),
                pseudonyms.opaque(r.reportKey()), encode(r))).toList());
    }

    private void send(List<FifoQueue.Entry> entries) throws QueueUnavailableException {
        try {
            queue.send(entries);
        } catch (SdkException e) {
            throw new QueueUnavailableException("inbound queue refused the delivery", e);
        }
    }

    private String encode(Object event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("inbound event not serialisable", e);
        }
    }
}
