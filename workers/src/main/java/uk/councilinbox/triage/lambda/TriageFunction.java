package uk.councilinbox.triage.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import jakarta.inject.Named;
import uk.councilinbox.aws.lambda.SqsBatch;
import uk.councilinbox.messages.InboundMessage;
import uk.councilinbox.triage.TriageService;

/** Lambda entry point for the inbound queue: each record is one resident's message to triage. */
@Named("triage")
public class TriageFunction implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final TriageService triage;
    private final ObjectReader reader;

    public TriageFunction(TriageService triage, ObjectMapper json) {
        this.triage = triage;
        this.reader = json.readerFor(InboundMessage.class);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return SqsBatch.process(event, record -> triage.process(reader.readValue(record.getBody())));
    }
}
