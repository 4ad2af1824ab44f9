package uk.councilinbox.ingest;

import java.util.List;

/** Hands accepted messages on to triage. Returns only once every message is safely queued. */
public interface InboundQueue {
    void enqueue(List<InboundMessage> messages) throws QueueUnavailableException;
}
