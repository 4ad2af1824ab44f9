package uk.councilinbox.channels.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import uk.councilinbox.channels.JsonPayloads;
import uk.councilinbox.channels.meta.MetaSignedWebhook;
import uk.councilinbox.ingest.Delivery;
import uk.councilinbox.ingest.MalformedPayloadException;
import uk.councilinbox.messages.DeliveryReport;
import uk.councilinbox.messages.InboundMessage;
import uk.councilinbox.settings.InboxConfig;

/**
 * {@code /webhooks/whatsapp}: WhatsApp Cloud API changes. Everything a resident writes (text, location, media,
 * a shared contact card, template-button, reply-button, list and Flow replies) becomes their message, and a
 * {@code system} notice of a changed id moves their cases to the new one; delivered, read and failed statuses
 * become reports that move the reply's state on its case; other statuses, reactions, edits
 * and other kinds are acknowledged and counted, and {@code template_category_update} is logged for operators.
 */
@Singleton
public class WhatsAppWebhook extends MetaSignedWebhook {

    /** Logged when WhatsApp reports that a reply it accepted was not delivered. */
    public static final String DELIVERY_FAILED = "WHATSAPP_DELIVERY_FAILED";
    /** Logged once per reply WhatsApp sent, with its pricing category and whether it is billed. */
    public static final String PRICING = "WHATSAPP_PRICING";
    /** Logged (and alarmed) when Meta changes, or will change, the category of the update template. */
    public static final String UPDATE_TEMPLATE_RECATEGORISED = "WHATSAPP_UPDATE_TEMPLATE_RECATEGORISED";
    /** Logged when Meta changes the category of any other template of the account. */
    public static final String TEMPLATE_CATEGORY_UPDATE = "WHATSAPP_TEMPLATE_CATEGORY_UPDATE";

    private final WhatsAppMessageReader reader;
    private final WhatsAppReports reports;

    public WhatsAppWebhook(ObjectMapper json, InboxConfig config, Clock clock) {
        super(json, config, clock);
        this.reader = new WhatsAppMessageReader(json);
        this.reports = new WhatsAppReports(config.whatsapp().updateTemplate());
    }

    @Override
    public String name() {
        return "whatsapp";
    }

    @Override
    public Delivery parse(byte[] rawBody) throws MalformedPayloadException {
        JsonNode root = JsonPayloads.parseObject(json, rawBody);
        if (!"whatsapp_business_account".equals(root.path("object").asText())) {
            return new Delivery(List.of(), root.path("entry").size());
        }
        if (!root.path("entry").isArray()) {
            throw new MalformedPayloadException("entry must be an array");
        }
        List<InboundMessage> messages = new ArrayList<>();
        List<DeliveryReport> reported = new ArrayList<>();
        int ignored = 0;
        for (JsonNode entry : root.path("entry")) {
            if (entry.has("changes") && !entry.path("changes").isArray()) {
                throw new MalformedPayloadException("changes must be an array");
            }
            for (JsonNode change : entry.path("changes")) {
                JsonNode value = change.path("value");
                String field = change.path("field").asText();
                if (!"messages".equals(field)) {
                    if ("template_category_update".equals(field)) {
                        reports.templateCategory(value);
                    }
                    ignored++;
                    continue;
                }
                if (value.has("messages") && !value.path("messages").isArray()) {
                    throw new MalformedPayloadException("messages must be an array");
                }
                for (JsonNode status : value.path("statuses")) {
                    reports.status(status);
                    Optional<DeliveryReport> report = reports.report(status, clock.instant());
                    report.ifPresent(reported::add);
                    ignored += report.isEmpty() ? 1 : 0;
                }
                for (JsonNode message : value.path("messages")) {
                    Optional<InboundMessage> parsed = reader.read(message, clock.instant());
                    parsed.ifPresent(messages::add);
                    ignored += parsed.isEmpty() ? 1 : 0;
                }
            }
        }
        return new Delivery(messages, reported, ignored);
    }
}
