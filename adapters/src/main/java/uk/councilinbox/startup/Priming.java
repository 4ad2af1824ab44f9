package uk.councilinbox.startup;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.All;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import uk.councilinbox.messages.Channel;
import uk.councilinbox.messages.InboundMessage;
import uk.councilinbox.messages.OutboundReply;
import uk.councilinbox.messages.ReplyKind;
import uk.councilinbox.messages.Visibility;
import uk.councilinbox.settings.InboxConfig;

/**
 * Priming: during the Lambda INIT phase (so before a SnapStart snapshot is taken), does once what the
 * first event would otherwise do: creates and exercises this function's AWS clients (one harmless call
 * each: a read of a key that does not exist, and a queue send the queue refuses) and maps our JSON
 * types both ways; then runs the {@link PrimingStep}s the function's own module contributes (the
 * classifier, the REST clients, a refused request through the HTTP stack). No call writes anything. The AWS SDK's own SdkWarmUp needs SDK 2.54; the Quarkus BOM here pins 2.41.
 */
@ApplicationScoped
public class Priming {

    private static final Logger LOG = Logger.getLogger(Priming.class);
    private static final String WEBHOOKS = "webhooks";

    private final String handler;
    private final boolean enabled;
    private final InboxConfig config;

    /** The HTTP function sets no handler name (one handler, Quarkus REST's); the webhook function and the workers each set theirs. */
    public Priming(@ConfigProperty(name = "quarkus.lambda.handler", defaultValue = "http") String handler, InboxConfig config) {
        this.handler = handler;
        this.enabled = config.priming();
        this.config = config;
    }

    void prime(@Observes StartupEvent started, ObjectMapper json, Instance<DynamoDbClient> dynamoClient, SqsClient sqs,
            @All List<PrimingStep> steps) {
        if (!enabled) {
            LOG.infof("Priming off (%s)", handler);
            return;
        }
        long began = System.nanoTime();
        quietly("json", () -> mapJson(json));
        if (!handler.equals(WEBHOOKS)) {
            primeDynamo(dynamoClient.get());
        }
        String queue = handler.equals(WEBHOOKS) ? config.inboundQueueUrl() : config.outboundQueueUrl();
        // A FIFO queue refuses messages without a group id: the full request path runs, nothing is queued.
        quietly("sqs", () -> sqs.sendMessageBatch(b -> b.queueUrl(queue).entries(e -> e.id("priming").messageBody("priming"))));
        for (PrimingStep step : steps) {
            if (step.appliesTo(handler)) {
                quietly(step.name(), step::run);
            }
        }
        LOG.infof("Primed %s in %d ms", handler, (System.nanoTime() - began) / 1_000_000);
    }

    /** The webhook function never touches DynamoDB (its role has no access), so it does not even build the client. */
    private void primeDynamo(DynamoDbClient dynamo) {
        Map<String, AttributeValue> key = Map.of("PK", AttributeValue.fromS("PRIMING"), "SK", AttributeValue.fromS("PRIMING"));
        quietly("dynamodb read", () -> dynamo.getItem(b -> b.tableName(config.table()).key(key)));
        quietly("dynamodb query", () -> dynamo.query(b -> b.tableName(config.table()).keyConditionExpression("PK = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("PRIMING")))));
        // A condition that can never hold: the transaction is cancelled and writes nothing.
        quietly("dynamodb transaction", () -> dynamo.transactWriteItems(b -> b.transactItems(t -> t.put(p -> p
                .tableName(config.table()).item(key).conditionExpression("attribute_exists(PK) AND attribute_not_exists(PK)")))));
    }

    private static void mapJson(ObjectMapper json) throws Exception {
        InboundMessage message = sample();
        json.readValue(json.writeValueAsString(message), InboundMessage.class);
        OutboundReply reply = new OutboundReply("priming", ReplyKind.ACKNOWLEDGEMENT, "K7PD-M4QX", Channel.MESSENGER, "priming",
                Visibility.PRIVATE, Optional.empty(), "priming", Instant.now(), Instant.now(), List.of("K7PD-M4QX"));
        json.readValue(json.writeValueAsString(reply), OutboundReply.class);
    }

    /** A resident's message for priming steps to run through the code a real one takes. */
    public static InboundMessage sample() {
        return new InboundMessage(Channel.MESSENGER, "priming", "priming", Visibility.PRIVATE, "pothole on Stone Road", List.of(),
                Optional.empty(), Instant.now(), Optional.empty());
    }

    /** Priming must never stop a function starting: a refused call has still warmed the path. */
    private static void quietly(String what, PrimingStep.Action step) {
        try {
            step.run();
        } catch (Exception e) {
            LOG.debugf("Priming %s: %s", what, e.getClass().getSimpleName());
        }
    }
}
