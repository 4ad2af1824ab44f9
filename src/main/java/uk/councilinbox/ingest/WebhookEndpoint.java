package uk.councilinbox.ingest;

import io.quarkus.arc.All;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import uk.councilinbox.http.HttpRequest;
import uk.councilinbox.http.HttpResponse;
import uk.councilinbox.http.HttpRoute;
import uk.councilinbox.settings.InboxConfig;

/**
 * {@code /webhooks/{platform}}: answers handshakes, refuses unsigned or malformed deliveries, and
 * acknowledges a delivery only once every message in it is on the inbound queue.
 */
@ApplicationScoped
public class WebhookEndpoint implements HttpRoute {

    private static final Logger LOG = Logger.getLogger(WebhookEndpoint.class);
    private static final String PREFIX = "/webhooks/";

    private final Map<String, PlatformWebhook> platforms;
    private final InboundQueue queue;
    private final int maxBodyBytes;

    public WebhookEndpoint(@All List<PlatformWebhook> platforms, InboundQueue queue, InboxConfig config) {
        this.platforms = platforms.stream().collect(Collectors.toUnmodifiableMap(PlatformWebhook::name, Function.identity()));
        this.queue = queue;
        this.maxBodyBytes = config.webhook().maxBodyBytes();
    }

    @Override
    public boolean owns(String path) {
        return path.startsWith(PREFIX);
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        Optional<PlatformWebhook> platform = Optional.ofNullable(platforms.get(request.path().substring(PREFIX.length())));
        if (platform.isEmpty()) {
            return HttpResponse.error(404, "no such webhook");
        }
        return switch (request.method()) {
            case "GET" -> handshake(platform.get(), request);
            case "POST" -> deliver(platform.get(), request);
            default -> HttpResponse.error(405, "method not allowed");
        };
    }

    private HttpResponse handshake(PlatformWebhook platform, HttpRequest request) {
        return switch (platform.handshake(request.query())) {
            case Handshake.Answer answer -> new HttpResponse(200, Map.of("content-type", answer.contentType()), answer.body());
            case Handshake.Refused refused -> HttpResponse.error(403, refused.reason());
        };
    }

    private HttpResponse deliver(PlatformWebhook platform, HttpRequest request) {
        if (request.body().length > maxBodyBytes) {
            return HttpResponse.error(413, "body larger than " + maxBodyBytes + " bytes");
        }
        SignatureCheck signature = platform.checkSignature(request);
        if (signature != SignatureCheck.VALID) {
            LOG.warnf("Refused %s webhook: signature %s", platform.name(), signature);
            return signature == SignatureCheck.MISSING
                    ? HttpResponse.error(401, "signature missing")
                    : HttpResponse.error(403, "signature does not match");
        }
        Delivery delivery;
        try {
            delivery = platform.parse(request.body());
        } catch (MalformedPayloadException e) {
            return HttpResponse.error(400, e.getMessage());
        }
        if (!delivery.messages().isEmpty()) {
            try {
                queue.enqueue(delivery.messages());
            } catch (QueueUnavailableException e) {
                LOG.errorf("Inbound queue unavailable for a %s delivery of %d message(s): %s", platform.name(),
                        delivery.messages().size(), e.getCause() == null ? e.getMessage() : e.getCause().getClass().getSimpleName());
                return HttpResponse.error(503, "temporarily unable to accept; retry");
            }
        }
        LOG.infof("Accepted %s delivery: %d message(s), %d ignored event(s)", platform.name(), delivery.messages().size(),
                delivery.ignored());
        return HttpResponse.json(200, "{\"accepted\":" + delivery.messages().size() + ",\"ignored\":" + delivery.ignored() + "}");
    }
}
