package uk.councilinbox.ingest.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.councilinbox.ingest.Delivery;
import uk.councilinbox.ingest.Handshake;
import uk.councilinbox.ingest.InboundQueue;
import uk.councilinbox.ingest.MalformedPayloadException;
import uk.councilinbox.ingest.PlatformWebhook;
import uk.councilinbox.ingest.QueueUnavailableException;
import uk.councilinbox.ingest.RawDelivery;
import uk.councilinbox.ingest.SignatureCheck;
import uk.councilinbox.messages.InboundMessage;
import uk.councilinbox.testing.Messages;
import uk.councilinbox.testing.TestConfig;

/** The webhook's decisions, with a platform and a queue that do as each test says (HTTP itself: WebhookEndpointTest). */
class WebhookResourceTest {

    private final InboundMessage message = Messages.messenger("resident", "pothole", java.time.Instant.now());

    @Test
    void queueThatDoesNotAcceptTheDeliveryGivesA503SoThePlatformRetries() {
        InboundQueue refusing = messages -> {
            throw new QueueUnavailableException("down", new RuntimeException("SQS"));
        };
        WebhookResource endpoint = new WebhookResource(List.of(platform(SignatureCheck.VALID)), refusing, TestConfig.defaults());

        Response response = endpoint.deliver("test", post("{}"));

        assertEquals(503, response.getStatus());
    }

    @Test
    void acceptedDeliveryIsAcknowledgedOnlyAfterTheQueueTookIt() {
        List<InboundMessage> queued = new java.util.ArrayList<>();
        WebhookResource endpoint = new WebhookResource(List.of(platform(SignatureCheck.VALID)), queued::addAll, TestConfig.defaults());

        Response response = endpoint.deliver("test", post("{}"));

        assertEquals(200, response.getStatus());
        assertEquals(List.of(message), queued);
    }

    @Test
    void unknownPlatformIsNotFoundAndNothingIsQueued() {
        List<InboundMessage> queued = new java.util.ArrayList<>();
        WebhookResource endpoint = new WebhookResource(List.of(platform(SignatureCheck.VALID)), queued::addAll, TestConfig.defaults());
        assertEquals(404, endpoint.deliver("myspace", post("{}")).getStatus());
        assertEquals(List.of(), queued);
    }

    @Test
    void badSignatureIsRefusedBeforeTheBodyIsRead() {
        List<InboundMessage> queued = new java.util.ArrayList<>();
        assertEquals(401, new WebhookResource(List.of(platform(SignatureCheck.MISSING)), queued::addAll, TestConfig.defaults())
                .deliver("test", post("{}")).getStatus());
        assertEquals(403, new WebhookResource(List.of(platform(SignatureCheck.INVALID)), queued::addAll, TestConfig.defaults())
                .deliver("test", post("{}")).getStatus());
        assertEquals(List.of(), queued);
    }

    private static RawDelivery post(String body) {
        return new RawDelivery(Map.of(), body.getBytes(StandardCharsets.UTF_8));
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
            public SignatureCheck checkSignature(RawDelivery request) {
                return signature;
            }

            @Override
            public Delivery parse(byte[] rawBody) throws MalformedPayloadException {
                return new Delivery(List.of(message), 0);
            }
        };
    }
}
