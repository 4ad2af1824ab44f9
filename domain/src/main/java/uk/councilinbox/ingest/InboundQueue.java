package uk.councilinbox.ingest;

import java.util.List;
import uk.councilinbox.messages.InboundMessage;

/** Hands accepted messages on to triage. Returns only once every message is safely queued. */
public interface InboundQueue {
    void enqueue(List<InboundMessage> messages) throws QueueUnavailableException;
}
