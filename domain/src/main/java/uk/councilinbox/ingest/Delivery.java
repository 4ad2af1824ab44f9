package uk.councilinbox.ingest;

import java.util.List;
import uk.councilinbox.messages.DeliveryReport;
import uk.councilinbox.messages.InboundMessage;

/**
 * What one webhook POST carried.
 *
 * @param reports platforms' reports on replies they had accepted: delivered, read, or not delivered after all
 * @param ignored events acknowledged but not residents' messages (echoes, read receipts, unknown kinds)
 */
public record Delivery(List<InboundMessage> messages, List<DeliveryReport> reports, int ignored) {
    public Delivery {
        messages = List.copyOf(messages);
        reports = List.copyOf(reports);
    }

    public Delivery(List<InboundMessage> messages, int ignored) {
        this(messages, List.of(), ignored);
    }
}
