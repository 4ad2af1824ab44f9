package uk.councilinbox.triage.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Named;
import uk.councilinbox.aws.lambda.SqsBatch;
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
        return SqsBatch.process(event, record -> {
            JsonNode body = json.readTree(record.getBody());
            if (body.has("residentId")) {
                triage.process(json.treeToValue(body, InboundMessage.class));
            } else {
                statuses.reported(json.treeToValue(body, DeliveryReport.class));
            }
        });
    }
}
