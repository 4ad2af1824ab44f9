package uk.councilinbox.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.councilinbox.http.HttpRequest;
import uk.councilinbox.http.HttpResponse;
import uk.councilinbox.messages.InboundMessage;
import uk.councilinbox.testing.Messages;
import uk.councilinbox.testing.TestConfig;

/** The endpoint's decisions, with a platform and a queue that do as each test says. */
class WebhookEndpointUnitTest {

    private final InboundMessage message = Messages.messenger("resident", "pothole", java.time.Instant.now());

    @Test
    void queueThatDoesNotAcceptTheDeliveryGivesA503SoThePlatformRetries() {
        InboundQueue refusing = messages -> {
            throw new QueueUnavailableException("down", new RuntimeException("SQS"));
        };
        WebhookEndpoint endpoint = new WebhookEndpoint(List.of(platform(SignatureCheck.VALID)), refusing, TestConfig.defaults());

        HttpResponse response = endpoint.handle(post("{}"));

        assertEquals(503, response.status());
    }

    @Test
    void acceptedDeliveryIsAcknowledgedOnlyAfterTheQueueTookIt() {
        List<InboundMessage> queued = new java.util.ArrayList<>();
        WebhookEndpoint endpoint = new WebhookEndpoint(List.of(platform(SignatureCheck.VALID)), queued::addAll, TestConfig.defaults());

        HttpResponse response = endpoint.handle(post("{}"));

        assertEquals(200, response.status());
        assertEquals(List.of(message), queued);
    }

    @Test
    void unknownPlatformAndWrongMethodAreClientErrors() {
        WebhookEndpoint endpoint = new WebhookEndpoint(List.of(platform(SignatureCheck.VALID)), m -> {}, TestConfig.defaults());
        assertEquals(404, endpoint.handle(new HttpRequest("POST", "/webhooks/myspace", Map.of(), Map.of(), new byte[0])).status());
        assertEquals(405, endpoint.handle(new HttpRequest("DELETE", "/webhooks/test", Map.of(), Map.of(), new byte[0])).status());
    }

    private static HttpRequest post(String body) {
        return new HttpRequest("POST", "/webhooks/test", Map.of(), Map.of(), body.getBytes(StandardCharsets.UTF_8));
    }

    private PlatformWebhook platform(SignatureCheck signature) {
        return new PlatformWebhook() {
            @Override
            public String name() {
                return "test";
            }

            @Override
            public Handshake handshake(Map<String, String> query) {
                return new Handshake.Refused("no");
            }

            @Override
            public SignatureCheck checkSignature(HttpRequest request) {
                return signature;
            }

            @Override
            public Delivery parse(byte[] rawBody) throws MalformedPayloadException {
                return new Delivery(List.of(message), 0);
            }
        };
    }
}
