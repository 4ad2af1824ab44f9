package uk.councilinbox.startup;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.All;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import uk.councilinbox.http.HttpFunction;
import uk.councilinbox.messages.Channel;
import uk.councilinbox.messages.InboundMessage;
import uk.councilinbox.messages.OutboundReply;
import uk.councilinbox.messages.ReplyKind;
import uk.councilinbox.messages.Visibility;
import uk.councilinbox.replies.ChannelSender;
import uk.councilinbox.settings.InboxConfig;
import uk.councilinbox.triage.Classifier;
import uk.councilinbox.triage.Extractor;

/**
 * Priming: during the Lambda INIT phase (so before a SnapStart snapshot is taken), does once what the
 * first event would otherwise do: creates and exercises this function's AWS clients (one harmless call
 * each: a read of a key that does not exist, and a queue send the queue refuses), loads the classifier
 * and runs it, builds the platform REST clients, and maps our JSON types both ways. No call writes
 * anything. The AWS SDK's own SdkWarmUp needs SDK 2.54; the Quarkus BOM here pins 2.41.
 */
@ApplicationScoped
public class Priming {

    private static final Logger LOG = Logger.getLogger(Priming.class);

    private final String handler;
    private final boolean enabled;
    private final InboxConfig config;

    public Priming(@ConfigProperty(name = "quarkus.lambda.handler") String handler, InboxConfig config) {
        this.handler = handler;
        this.enabled = config.priming();
        this.config = config;
    }

    void prime(@Observes StartupEvent started, ObjectMapper json, DynamoDbClient dynamo, SqsClient sqs,
            jakarta.enterprise.inject.Instance<Classifier> classifier, jakarta.enterprise.inject.Instance<HttpFunction> http,
            @All List<ChannelSender> senders) {
        if (!enabled) {
            LOG.infof("Priming off (%s)", handler);
            return;
        }
        long began = System.nanoTime();
        quietly("json", () -> mapJson(json));
        Map<String, AttributeValue> key = Map.of("PK", AttributeValue.fromS("PRIMING"), "SK", AttributeValue.fromS("PRIMING"));
        // The webhook function's role has no DynamoDB access (the staff API's, with the same handler, has): a refusal still warms the path.
        quietly("dynamodb read", () -> dynamo.getItem(b -> b.tableName(config.table()).key(key)));
        quietly("dynamodb query", () -> dynamo.query(b -> b.tableName(config.table()).keyConditionExpression("PK = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("PRIMING")))));
        // A condition that can never hold: the transaction is cancelled and writes nothing.
        quietly("dynamodb transaction", () -> dynamo.transactWriteItems(b -> b.transactItems(t -> t.put(p -> p
                .tableName(config.table()).item(key).conditionExpression("attribute_exists(PK) AND attribute_not_exists(PK)")))));
        String queue = handler.equals("http") ? config.inboundQueueUrl() : config.outboundQueueUrl();
        // A FIFO queue refuses messages without a group id: the full request path runs, nothing is queued.
        quietly("sqs", () -> sqs.sendMessageBatch(b -> b.queueUrl(queue).entries(e -> e.id("priming").messageBody("priming"))));
        switch (handler) {
            case "triage" -> quietly("classifier", () -> {
                classifier.get().classify("There is a deep pothole on Stone Road, Stone ST15 8AA");
                new Extractor().extract(sample());
            });
            case "http" -> {
                quietly("webhooks", () -> http.get().handleRequest(request("GET", "/webhooks/meta", Map.of()), null));
                quietly("staff api", () -> http.get().handleRequest(request("GET", "/api/me", Map.of("authorization", "Bearer e30.e30.e30")), null));
            }
            case "sender" -> quietly("senders", () -> senders.forEach(ChannelSender::channels));
            default -> { }
        }
        LOG.infof("Primed %s in %d ms", handler, (System.nanoTime() - began) / 1_000_000);
    }

    private static void mapJson(ObjectMapper json) throws Exception {
        InboundMessage message = sample();
        json.readValue(json.writeValueAsString(message), InboundMessage.class);
        OutboundReply reply = new OutboundReply("priming", ReplyKind.ACKNOWLEDGEMENT, "K7PD-M4QX", Channel.MESSENGER, "priming",
                Visibility.PRIVATE, Optional.empty(), "priming", Instant.now(), Instant.now(), List.of("K7PD-M4QX"));
        json.readValue(json.writeValueAsString(reply), OutboundReply.class);
        json.readValue("{\"Records\":[{\"messageId\":\"1\",\"body\":\"{}\",\"attributes\":{}}]}", SQSEvent.class);
    }

    private static InboundMessage sample() {
        return new InboundMessage(Channel.MESSENGER, "priming", "priming", Visibility.PRIVATE, "pothole on Stone Road", List.of(),
                Optional.empty(), Instant.now(), Optional.empty());
    }

    /** A request that is refused (wrong verify token, bad staff token): routing, adapters, token parsing; nothing else. */
    private static APIGatewayV2HTTPEvent request(String method, String path, Map<String, String> headers) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRawPath(path);
        event.setHeaders(headers);
        event.setQueryStringParameters(Map.of("hub.mode", "subscribe", "hub.verify_token", "priming", "hub.challenge", "1"));
        event.setRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).build()).build());
        return event;
    }

    private interface Step {
        void run() throws Exception;
    }

    /** Priming must never stop a function starting: a refused call has still warmed the path. */
    private static void quietly(String what, Step step) {
        try {
            step.run();
        } catch (Exception e) {
            LOG.debugf("Priming %s: %s", what, e.getClass().getSimpleName());
        }
    }
}
