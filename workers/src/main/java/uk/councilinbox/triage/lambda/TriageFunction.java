package uk.councilinbox.triage.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.List;
import uk.councilinbox.cases.CaseStore;
import uk.councilinbox.aws.lambda.BatchMetrics;
import uk.councilinbox.messages.DeliveryReport;
import uk.councilinbox.messages.InboundMessage;
import uk.councilinbox.replies.DeliveryStatuses;
import uk.councilinbox.triage.TriageService;

/**
 * Lambda entry point for the inbound queue: each record is one resident's message to triage, or a platform's
 * report on a reply it accepted: delivered, read or failed (told apart by having no {@code residentId}).
 */
@Named("triage")
public class TriageFunction implements RequestHandler<SQSEvent, SQSBatchResponse> {

    /** Resident messages triaged (opened a case, followed one up, or found already on one: a redelivery). */
    public static final String TRIAGED = "MessagesTriaged";
    /** Of those, the ones that opened a case; counted where the case store writes it ({@link CountedCases}). */
    public static final String CASES_OPENED = "CasesOpened";
    /** Of those, the ones added to an open case as a follow-up. */
    public static final String FOLLOW_UPS = "FollowUps";
    public static final String DELIVERY_REPORTS = "DeliveryReports";

    /** One per function instance: the handler and the case store's decorator count into the same batch. */
    static final BatchMetrics METRICS = new BatchMetrics("triage");

    private final TriageService triage;
    private final DeliveryStatuses statuses;
    private final ObjectMapper json;

    public TriageFunction(TriageService triage, DeliveryStatuses statuses, ObjectMapper json) {
        this.triage = triage;
        this.statuses = statuses;
        this.json = json;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        try (CaseStore.ReadAhead ahead = triage.readAhead(messagesIn(event))) {
            return handle(event);
        }
    }

    /** The residents' messages among the records, for reading their residents at once; unreadable ones fail when handled. */
    private List<InboundMessage> messagesIn(SQSEvent event) {
        List<InboundMessage> messages = new ArrayList<>();
        for (SQSEvent.SQSMessage record : event.getRecords() == null ? List.<SQSEvent.SQSMessage>of() : event.getRecords()) {
            try {
                JsonNode body = json.readTree(record.getBody());
                if (body.has("residentId")) {
                    messages.add(json.treeToValue(body, InboundMessage.class));
                }
            } catch (JsonProcessingException | IllegalArgumentException unreadable) {
                // Left for its own handling, which reports it failed.
            }
        }
        return messages;
    }

    private SQSBatchResponse handle(SQSEvent event) {
        return METRICS.process(event, record -> {
            JsonNode body = json.readTree(record.getBody());
            if (body.has("residentId")) {
                InboundMessage message = json.treeToValue(body, InboundMessage.class);
                METRICS.record(message.channel(), message.messageKey());
                triage.process(message);
                METRICS.count(TRIAGED);
            } else {
                DeliveryReport report = json.treeToValue(body, DeliveryReport.class);
                // The reply's platform id; a watermark's key would name the resident, so it goes by its time.
                METRICS.record(report.channel(), report.channel() + ":" + report.platformMessageId()
                        .orElseGet(() -> "watermark@" + report.upTo().map(java.time.Instant::toEpochMilli).orElse(0L)));
                statuses.reported(report);
                METRICS.count(DELIVERY_REPORTS);
            }
        });
    }
}
