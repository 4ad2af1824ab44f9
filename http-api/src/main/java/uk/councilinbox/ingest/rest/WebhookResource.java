package uk.councilinbox.ingest.rest;

import io.quarkus.arc.All;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import uk.councilinbox.http.ErrorBody;
import uk.councilinbox.http.FirstValues;
import uk.councilinbox.ingest.Delivery;
import uk.councilinbox.ingest.Handshake;
import uk.councilinbox.ingest.InboundQueue;
import uk.councilinbox.ingest.MalformedPayloadException;
import uk.councilinbox.ingest.PlatformWebhook;
import uk.councilinbox.ingest.QueueUnavailableException;
import uk.councilinbox.ingest.RawDelivery;
import uk.councilinbox.ingest.SignatureCheck;
import uk.councilinbox.settings.InboxConfig;

/**
 * {@code /webhooks/{platform}}: answers handshakes, refuses unsigned or malformed deliveries, and
 * acknowledges a delivery only once every message in it is on the inbound queue.
 */
@Path("/webhooks/{platform}")
@Tag(name = "Webhooks", description = "What the platforms send: subscription handshakes and signed deliveries.")
public class WebhookResource {

    private static final Logger LOG = Logger.getLogger(WebhookResource.class);

    /** What a delivery came to. */
    @Schema(name = "DeliveryAccepted")
    public record Accepted(@Schema(description = "residents' messages now on the inbound queue") int accepted,
            @Schema(description = "events that are not residents' messages (echoes, read receipts, statuses)") int ignored) {}

    private final Map<String, PlatformWebhook> platforms;
    private final InboundQueue queue;
    private final int maxBodyBytes;

    public WebhookResource(@All List<PlatformWebhook> platforms, InboundQueue queue, InboxConfig config) {
        this.platforms = platforms.stream().collect(Collectors.toUnmodifiableMap(PlatformWebhook::name, Function.identity()));
        this.queue = queue;
        this.maxBodyBytes = config.webhook().maxBodyBytes();
    }

    @GET
    @Operation(summary = "Subscription handshake",
            description = "Meta (Messenger, Instagram, Facebook pages, WhatsApp): echoes hub.challenge when hub.verify_token is ours. "
                    + "X: answers crc_token with its HMAC-SHA256, keyed with the consumer secret.")
    @APIResponse(responseCode = "200", description = "The challenge answered (text for Meta, JSON for X)")
    @APIResponse(responseCode = "403", description = "Not a subscription request, or the verify token does not match",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "No such platform",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public Response handshake(@PathParam("platform") @Parameter(description = "meta, whatsapp or x",
            schema = @Schema(enumeration = {"meta", "whatsapp", "x"})) String platform, UriInfo uri) {
        PlatformWebhook webhook = platforms.get(exactName(platform, uri));
        if (webhook == null) {
            return ErrorBody.response(404, "no such webhook");
        }
        return switch (webhook.handshake(FirstValues.of(uri.getQueryParameters()))) {
            case Handshake.Answer answer -> Response.ok(answer.body(), answer.contentType()).build();
            case Handshake.Refused refused -> ErrorBody.response(403, refused.reason());
        };
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A platform's webhook delivery, exactly as the platform sends it",
            description = "Signed with X-Hub-Signature-256 (Meta, WhatsApp) or x-twitter-webhooks-signature (X) over the raw body. "
                    + "Answered 200 only once every resident message in it is on the inbound queue.")
    @RequestBody(description = "The platform's JSON, byte for byte as signed", required = true,
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "200", description = "Accepted, or harmlessly ignored",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Accepted.class),
                    examples = @ExampleObject(name = "one message", value = "{\"accepted\": 1, \"ignored\": 0}")))
    @APIResponse(responseCode = "400", description = "Not the platform's JSON",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "401", description = "Signature missing",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "Signature does not match the body",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "No such platform",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "413", description = "Body over the limit (inbox.webhook.max-body-bytes, 256 KiB)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "503", description = "The queue did not take the messages; the platform retries",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public Response deliver(@PathParam("platform") String platform, UriInfo uri, HttpHeaders headers, byte[] body) {
        return deliver(exactName(platform, uri), new RawDelivery(FirstValues.of(headers.getRequestHeaders()), body));
    }

    /** The platform's name as the path gives it, or "" (no platform) for {@code /webhooks/meta/}, which Quarkus REST would also match. */
    private static String exactName(String platform, UriInfo uri) {
        return uri.getPath().endsWith("/") ? "" : platform;
    }

    /** The delivery's fate, decided on what the platform sent. */
    Response deliver(String platform, RawDelivery delivered) {
        PlatformWebhook webhook = platforms.get(platform);
        if (webhook == null) {
            return ErrorBody.response(404, "no such webhook");
        }
        byte[] raw = delivered.body();
        if (raw.length > maxBodyBytes) {
            return ErrorBody.response(413, "body larger than " + maxBodyBytes + " bytes");
        }
        SignatureCheck signature = webhook.checkSignature(delivered);
        if (signature != SignatureCheck.VALID) {
            LOG.warnf("Refused %s webhook: signature %s", webhook.name(), signature);
            return signature == SignatureCheck.MISSING
                    ? ErrorBody.response(401, "signature missing")
                    : ErrorBody.response(403, "signature does not match");
        }
        Delivery delivery;
        try {
            delivery = webhook.parse(raw);
        } catch (MalformedPayloadException e) {
            return ErrorBody.response(400, e.getMessage());
        }
        if (!delivery.messages().isEmpty()) {
            try {
                queue.enqueue(delivery.messages());
            } catch (QueueUnavailableException e) {
                LOG.errorf("Inbound queue unavailable for a %s delivery of %d message(s): %s", webhook.name(),
                        delivery.messages().size(), e.getCause() == null ? e.getMessage() : e.getCause().getClass().getSimpleName());
                return ErrorBody.response(503, "temporarily unable to accept; retry");
            }
        }
        LOG.infof("Accepted %s delivery: %d message(s), %d ignored event(s)", webhook.name(), delivery.messages().size(),
                delivery.ignored());
        return Response.ok(new Accepted(delivery.messages().size(), delivery.ignored()), MediaType.APPLICATION_JSON_TYPE).build();
    }
}
