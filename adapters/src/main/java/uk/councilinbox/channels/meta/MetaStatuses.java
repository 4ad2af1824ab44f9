package uk.councilinbox.channels.meta;

import static uk.councilinbox.channels.JsonPayloads.instant;
import static uk.councilinbox.channels.JsonPayloads.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import uk.councilinbox.ingest.MalformedPayloadException;
import uk.councilinbox.messages.Channel;
import uk.councilinbox.messages.DeliveryReport;
import uk.councilinbox.messages.DeliveryState;

/**
 * What Messenger and Instagram say became of the council's messages to a resident (who is the event's sender):
 * Messenger's {@code message_deliveries} ({@code delivery}: the {@code mids} delivered, when present, else every
 * message up to the {@code watermark}) and {@code message_reads} ({@code read.watermark}: every message sent at or
 * before it), and Instagram's {@code messaging_seen} ({@code read.mid}: the message seen).
 */
final class MetaStatuses {

    private MetaStatuses() {}

    static boolean isStatus(JsonNode event) {
        return event.has("delivery") || event.has("read");
    }

    static List<DeliveryReport> reports(Channel channel, String resident, JsonNode event, Instant now) throws MalformedPayloadException {
        String recipientKey = channel + ":" + resident;
        Instant at = instant(event, "timestamp", now);
        List<DeliveryReport> reports = new ArrayList<>();
        if (event.has("delivery")) {
            JsonNode delivery = event.path("delivery");
            JsonNode mids = delivery.path("mids");
            if (delivery.has("mids") && !mids.isArray()) {
                throw new MalformedPayloadException("delivery.mids must be an array");
            }
            for (JsonNode mid : mids) {
                if (!mid.isTextual() || mid.asText().isBlank()) {
                    throw new MalformedPayloadException("delivery.mids must hold message ids");
                }
                reports.add(DeliveryReport.of(channel, DeliveryState.DELIVERED, mid.asText(), Optional.of(recipientKey),
                        Optional.empty(), "", at));
            }
            if (reports.isEmpty()) {
                reports.add(DeliveryReport.upTo(channel, DeliveryState.DELIVERED, watermark(delivery, "delivery"), recipientKey, at));
            }
            return reports;
        }
        JsonNode read = event.path("read");
        if (read.has("mid")) {
            String mid = text(read, "mid").orElseThrow(() -> new MalformedPayloadException("read.mid must be a message id"));
            return List.of(DeliveryReport.of(channel, DeliveryState.READ, mid, Optional.of(recipientKey), Optional.empty(), "", at));
        }
        return List.of(DeliveryReport.upTo(channel, DeliveryState.READ, watermark(read, "read"), recipientKey, at));
    }

    private static Instant watermark(JsonNode node, String what) throws MalformedPayloadException {
        JsonNode watermark = node.path("watermark");
        if (!watermark.canConvertToLong() || watermark.asLong() <= 0) {
            throw new MalformedPayloadException(what + ".watermark must be a time in milliseconds");
        }
        return Instant.ofEpochMilli(watermark.asLong());
    }
}
