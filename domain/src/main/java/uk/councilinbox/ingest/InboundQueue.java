package uk.councilinbox.ingest;

import java.util.List;
import uk.councilinbox.messages.DeliveryReport;
import uk.councilinbox.messages.InboundMessage;

/** Hands accepted messages (and reports of undelivered replies) on to triage. Returns only once every one is safely queued. */
public interface InboundQueue {
    void enqueue(List<InboundMessage> messages) throws QueueUnavailableException;

    void report(List<DeliveryReport> reports) throws QueueUnavailableException;
}
