package uk.councilinbox.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import uk.councilinbox.messages.Channel;
import uk.councilinbox.messages.DeliveryReport;
import uk.councilinbox.messages.InboundMessage;
import uk.councilinbox.testing.Messages;
import uk.councilinbox.testing.RecordingInboundQueue;
import uk.councilinbox.testing.ScriptedWebhook;

/** The webhook's decisions, with a platform and a queue that do as each test says (HTTP itself: WebhookEndpointTest). */
class WebhookIntakeTest {

    private static final int MAX_BODY = 64;

    private final InboundMessage message = Messages.messenger("resident", "pothole", Instant.now());
    private final RecordingInboundQueue queue = new RecordingInboundQueue();

    @Test
    void queueThatDoesNotAcceptTheDeliveryGivesA503SoThePlatformRetries() {
        InboundQueue refusing = new RecordingInboundQueue().down();
        WebhookIntake intake = new WebhookIntake(List.of(platform(SignatureCheck.VALID)), refusing, MAX_BODY);

        assertEquals(new WebhookAnswer.Refused(503, "temporarily unable to accept; retry"), intake.deliver("test", post("{}")));
    }

    @Test
    void acceptedDeliveryIsAcknowledgedOnlyAfterTheQueueTookIt() {
        assertEquals(new WebhookAnswer.Accepted(1, 0), intake(SignatureCheck.VALID).deliver("test", post("{}")));
        assertEquals(List.of(message), queue.messages());
    }

    @Test
    void unknownPlatformIsNotFoundAndNothingIsQueued() {
        assertEquals(404, intake(SignatureCheck.VALID).deliver("myspace", post("{}")).status());
        assertEquals(404, intake(SignatureCheck.VALID).handshake("myspace", Map.of()).status());
        assertEquals(List.of(), queue.messages());
    }

    @Test
    void badSignatureIsRefusedBeforeTheBodyIsRead() {
        assertEquals(new WebhookAnswer.Refused(401, "signature missing"), intake(SignatureCheck.MISSING).deliver("test", post("{}")));
        assertEquals(new WebhookAnswer.Refused(403, "signature does not match"), intake(SignatureCheck.INVALID).deliver("test", post("{}")));
        assertEquals(List.of(), queue.messages());
    }

    @Test
    void bodyOverTheLimitIsRefusedWhateverItsSignature() {
        assertEquals(new WebhookAnswer.Refused(413, "body larger than 64 bytes"),
                intake(SignatureCheck.VALID).deliver("test", post("x".repeat(MAX_BODY + 1))));
        assertEquals(new WebhookAnswer.Accepted(1, 0), intake(SignatureCheck.VALID).deliver("test", post("x".repeat(MAX_BODY))));
    }

    @Test
    void malformedBodyIsABadRequestWithTheParsersReason() {
        WebhookIntake intake = new WebhookIntake(List.of(platform(SignatureCheck.VALID)), queue, MAX_BODY);
        assertEquals(new WebhookAnswer.Refused(400, "not JSON"), intake.deliver("test", post("not json")));
        assertEquals(List.of(), queue.messages());
    }

    @Test
    void handshakeIsThePlatformsAnswerOrA403() {
        assertEquals(new WebhookAnswer.Challenge("text/plain", "42"), intake(SignatureCheck.VALID).handshake("test", Map.of("challenge", "42")));
        assertEquals(new WebhookAnswer.Refused(403, "not ours"), intake(SignatureCheck.VALID).handshake("test", Map.of()));
    }

    @Test
    void reportsOfUndeliveredRepliesAreQueuedForTheirCasesLikeMessages() {
        DeliveryReport failed = new DeliveryReport(Channel.WHATSAPP, "wamid.1", Optional.of("WHATSAPP:447700900123"), Optional.of("K7PD-M4QX"),
                "code 131047 (Re-engagement message)", Instant.now());
        WebhookIntake intake = new WebhookIntake(List.of(new ScriptedWebhook(SignatureCheck.VALID, new Delivery(List.of(), List.of(failed), 1))),
                queue, MAX_BODY);

        assertEquals(new WebhookAnswer.Accepted(0, 1), intake.deliver("test", post("{}")));
        assertEquals(List.of(failed), queue.reports());
        assertEquals(new WebhookAnswer.Refused(503, "temporarily unable to accept; retry"),
                new WebhookIntake(List.of(new ScriptedWebhook(SignatureCheck.VALID, new Delivery(List.of(), List.of(failed), 0))),
                        new RecordingInboundQueue().down(), MAX_BODY).deliver("test", post("{}")));
    }

    private ScriptedWebhook platform(SignatureCheck signature) {
        return new ScriptedWebhook(signature, new Delivery(List.of(message), 0));
    }

    private WebhookIntake intake(SignatureCheck signature) {
        return new WebhookIntake(List.of(platform(signature)), queue, MAX_BODY);
    }

    private static RawDelivery post(String body) {
        return new RawDelivery(Map.of(), body.getBytes(StandardCharsets.UTF_8));
    }
}
