package uk.councilinbox.ingest;

import java.util.List;
import uk.councilinbox.messages.InboundMessage;

/**
 * What one webhook POST carried.
 *
 * @param ignored events acknowledged but not residents' messages (echoes, read receipts, unknown kinds)
 */
public record Delivery(List<InboundMessage> messages, int ignored) {
    public Delivery {
        messages = List.copyOf(messages);
    }
}
