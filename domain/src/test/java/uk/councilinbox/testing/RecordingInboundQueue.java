package uk.councilinbox.testing;

import java.util.ArrayList;
import java.util.List;
import uk.councilinbox.ingest.InboundQueue;
import uk.councilinbox.ingest.QueueUnavailableException;
import uk.councilinbox.messages.DeliveryReport;
import uk.councilinbox.messages.InboundMessage;

/** An inbound queue that keeps what it is given, or refuses everything while down. */
public final class RecordingInboundQueue implements InboundQueue {

    private final List<InboundMessage> messages = new ArrayList<>();
    private final List<DeliveryReport> reports = new ArrayList<>();
    private boolean down;

    @Override
    public synchronized void enqueue(List<InboundMessage> given) throws QueueUnavailableException {
        refuseIfDown();
        messages.addAll(given);
    }

    @Override
    public synchronized void report(List<DeliveryReport> given) throws QueueUnavailableException {
        refuseIfDown();
        reports.addAll(given);
    }

    public synchronized RecordingInboundQueue down() {
        down = true;
        return this;
    }

    public synchronized List<InboundMessage> messages() {
        return List.copyOf(messages);
    }

    public synchronized List<DeliveryReport> reports() {
        return List.copyOf(reports);
    }

    private void refuseIfDown() throws QueueUnavailableException {
        if (down) {
            throw new QueueUnavailableException("down", new RuntimeException("SQS"));
        }
    }
}
