package uk.councilinbox.channels.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.jboss.logging.Logger;
import uk.councilinbox.channels.JsonPayloads;
import uk.councilinbox.messages.Channel;
import uk.councilinbox.messages.DeliveryReport;
import uk.councilinbox.messages.DeliveryState;
import uk.councilinbox.messages.Digests;

/**
 * What WhatsApp tells the council's operators rather than its caseworkers, logged with markers that
 * template.yaml's metric filters count: undelivered replies, what each reply is billed as, and changes to a
 * template's category. Ids, case references, codes and categories only: never a recipient's number or user id.
 */
final class WhatsAppReports {

    private static final Logger LOG = Logger.getLogger(WhatsAppWebhook.class);

    private final String updateTemplate;

    WhatsAppReports(String updateTemplate) {
        this.updateTemplate = updateTemplate;
    }

    void status(JsonNode status) {
        switch (status.path("status").asText("")) {
            case "failed" -> failed(status);
            // Pricing comes with "sent" and again with "delivered" or "read": counted once, on "sent".
            case "sent" -> priced(status);
            default -> { }
        }
    }

    /**
     * WhatsApp accepts a send and reports later, in a status, that it could not deliver it (131047 outside
     * the 24-hour window, 131026 undeliverable, a template problem). The reply stays recorded as sent, so
     * say so where an operator sees it; the case reference comes back as {@code biz_opaque_callback_data}.
     */
    private static void failed(JsonNode status) {
        JsonNode error = status.path("errors").path(0);
        LOG.warnf("%s: message %s for case %s, code %d (%s)", WhatsAppWebhook.DELIVERY_FAILED, loggedId(status),
                status.path("biz_opaque_callback_data").asText("unknown"), error.path("code").asInt(-1),
                error.path("title").asText("no title"));
    }

    /**
     * A {@code delivered}, {@code read} or {@code failed} status as a report for the case: the message id, the case
     * reference the reply was sent with, and for a failure WhatsApp's code and title. The recipient keys the queue's
     * message group. {@code sent} moves nothing: the send's own answer recorded it.
     */
    Optional<DeliveryReport> report(JsonNode status, Instant now) {
        Optional<String> id = JsonPayloads.text(status, "id");
        Optional<DeliveryState> state = switch (status.path("status").asText("")) {
            case "delivered" -> Optional.of(DeliveryState.DELIVERED);
            case "read" -> Optional.of(DeliveryState.READ);
            case "failed" -> Optional.of(DeliveryState.FAILED);
            default -> Optional.empty();
        };
        if (state.isEmpty() || id.isEmpty()) {
            return Optional.empty();
        }
        JsonNode error = status.path("errors").path(0);
        String detail = state.get() == DeliveryState.FAILED
                ? "code " + error.path("code").asInt(-1) + " (" + error.path("title").asText("no title") + ")"
                : "";
        Optional<String> recipient = JsonPayloads.text(status, "recipient_user_id").or(() -> JsonPayloads.text(status, "recipient_id"))
                .map(r -> Channel.WHATSAPP + ":" + r);
        return Optional.of(DeliveryReport.of(Channel.WHATSAPP, state.get(), id.get(), recipient,
                JsonPayloads.text(status, "biz_opaque_callback_data"), detail, JsonPayloads.instant(status, "timestamp", now)));
    }

    /** Per-message pricing: a free reply in the customer-service window, or a billed template and its category. */
    private static void priced(JsonNode status) {
        JsonNode pricing = status.path("pricing");
        if (!pricing.isObject()) {
            return;
        }
        LOG.infof("%s: category=%s; billable=%s; pricing_model=%s; type=%s; message %s for case %s", WhatsAppWebhook.PRICING,
                lower(pricing.path("category").asText("unknown")), pricing.path("billable").asBoolean(false),
                pricing.path("pricing_model").asText("unknown"), lower(pricing.path("type").asText("unknown")),
                loggedId(status), status.path("biz_opaque_callback_data").asText("unknown"));
    }

    /** The message's id as logs name it: a digest, as a WhatsApp message id encodes the recipient's phone number. */
    private static String loggedId(JsonNode status) {
        return status.path("id").isTextual() ? Digests.forLog(status.path("id").asText()) : "?";
    }

    /**
     * {@code template_category_update}: Meta changed a template's category ({@code previous_category} to
     * {@code new_category}) or says it will ({@code new_category} now, {@code correct_category} to come). For
     * the update template a change of category changes its price and the rules it is sent under: alarmed.
     */
    void templateCategory(JsonNode value) {
        String name = value.path("message_template_name").asText("?");
        boolean impending = value.hasNonNull("correct_category");
        String from = impending ? value.path("new_category").asText("?") : value.path("previous_category").asText("?");
        String to = impending ? value.path("correct_category").asText("?") : value.path("new_category").asText("?");
        String what = impending ? "will change" : "changed";
        if (name.equals(updateTemplate)) {
            LOG.warnf("%s: the update template %s (%s) %s category from %s to %s", WhatsAppWebhook.UPDATE_TEMPLATE_RECATEGORISED, name,
                    value.path("message_template_language").asText("?"), what, lower(from), lower(to));
        } else {
            LOG.infof("%s: template %s (%s) %s category from %s to %s", WhatsAppWebhook.TEMPLATE_CATEGORY_UPDATE, name,
                    value.path("message_template_language").asText("?"), what, lower(from), lower(to));
        }
    }

    private static String lower(String value) {
        return value.toLowerCase(Locale.ROOT);
    }
}
