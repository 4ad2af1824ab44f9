package uk.councilinbox.aws.lambda;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import uk.councilinbox.startup.PrimingStep;

/** Maps an SQS event once, as the queue functions' first batch would. */
@ApplicationScoped
public class SqsEventPriming implements PrimingStep {

    private final ObjectMapper json;

    public SqsEventPriming(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public String name() {
        return "sqs event json";
    }

    @Override
    public boolean appliesTo(String handler) {
        return handler.equals("triage") || handler.equals("sender");
    }

    @Override
    public void run() throws Exception {
        json.readValue("{\"Records\":[{\"messageId\":\"1\",\"body\":\"{}\",\"attributes\":{}}]}", SQSEvent.class);
    }
}
