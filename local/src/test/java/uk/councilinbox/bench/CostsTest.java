package uk.councilinbox.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.councilinbox.local.FakePlatform;
import uk.councilinbox.trends.PlatformCharge;

class CostsTest {

    @Test
    void platformChargesCountEachMessagePostedAndEachReplyAcceptedInTheFormTheFakePlatformRecorded() {
        Traffic traffic = new Traffic();
        List<Traffic.Delivery> deliveries = Traffic.KINDS.stream().map(kind -> traffic.delivery(Traffic.KINDS.indexOf(kind), kind)).toList();
        Map<String, List<FakePlatform.Sent>> outbox = new java.util.HashMap<>();
        for (Traffic.Delivery d : deliveries) {
            String kind = switch (d.kind()) {
                case "x-mention" -> "public_reply";
                case "page-feed-comment" -> "private_reply";
                default -> "message";
            };
            outbox.put(d.outboxKey(), List.of(sent(d, kind)));
        }
        // One WhatsApp resident also had a progress update past the window, as the utility template.
        Traffic.Delivery whatsapp = deliveries.get(Traffic.KINDS.indexOf("whatsapp-text"));
        outbox.put(whatsapp.outboxKey(), List.of(sent(whatsapp, "message"), sent(whatsapp, "template")));

        Map<PlatformCharge, Long> counts = Costs.platformCharges(deliveries, key -> outbox.getOrDefault(key, List.of()));

        assertEquals(Map.of(
                PlatformCharge.X_DM_RECEIVED, 2L, PlatformCharge.X_POST_RECEIVED, 1L,
                PlatformCharge.X_DM_SENT, 2L, PlatformCharge.X_REPLY_SENT, 1L,
                PlatformCharge.WHATSAPP_SERVICE_SENT, 2L, PlatformCharge.WHATSAPP_UTILITY_TEMPLATE_SENT, 1L), counts,
                "x-dm and x-activity-api-dm are DMs, x-mention a post; Messenger, Instagram and the comment are free");
        assertEquals(2 * 0.010 + 0.005 + 2 * 0.015 + 0.010 + 3 * 0.022, PlatformCharge.dollars(counts), 1e-9);
    }

    private static FakePlatform.Sent sent(Traffic.Delivery d, String kind) {
        return new FakePlatform.Sent(d.channel(), d.recipient(), "text", kind, null, kind.equals("template") ? "case_update" : null, "id",
                Instant.now(), null);
    }
}
