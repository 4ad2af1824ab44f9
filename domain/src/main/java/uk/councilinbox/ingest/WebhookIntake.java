package uk.councilinbox.ingest;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code /webhooks/{platform}}, decided on what the platform sent: answers handshakes, refuses unsigned,
 * oversized or malformed deliveries, and accepts a delivery only once every message in it is on the
 * inbound queue (so a platform that hears anything but 200 sends it again and nothing is lost).
 */
public final class WebhookIntake {

    private static final System.Logger LOG = System.getLogger(WebhookIntake.class.getName());

    private final Map<String, PlatformWebhook> platforms;
    private final InboundQueue queue;
    private final int maxBodyBytes;

    public WebhookIntake(List<PlatformWebhook> platforms, InboundQueue queue, int maxBodyBytes) {
        this.platforms = platforms.stream().collect(Collectors.toUnmodifiableMap(PlatformWebhook::name, Function.identity()));
        this.queue = queue;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** A platform's subscription GET (Meta's verify token, X's CRC). */
    public WebhookAnswer handshake(String platform, Map<String, String> query) {
        PlatformWebhook webhook = platforms.get(platform);
        if (webhook == null) {
            return WebhookAnswer.Refused.NO_SUCH_WEBHOOK;
        }
        return switch (webhook.handshake(query)) {
            case Handshake.Answer answer -> new WebhookAnswer.Challenge(answer.contentType(), answer.body());
            case Handshake.Refused refused -> new WebhookAnswer.Refused(403, refused.reason());
        };
    }

    /** A platform's signed POST. */
    public WebhookAnswer deliver(String platform, RawDelivery delivered) {
        PlatformWebhook webhook = platforms.get(platform);
        if (webhook == null) {
            return WebhookAnswer.Refused.NO_SUCH_WEBHOOK;
        }
        if (delivered.body().length > maxBodyBytes) {
            return new WebhookAnswer.Refused(413, "body larger than " + maxBodyBytes + " bytes");
        }
        SignatureCheck signature = webhook.checkSignature(delivered);
        if (signature != SignatureCheck.VALID) {
            LOG.log(System.Logger.Level.WARNING, "Refused {0} webhook: signature {1}", webhook.name(), signature);
            return signature == SignatureCheck.MISSING
                    ? new WebhookAnswer.Refused(401, "signature missing")
                    : new WebhookAnswer.Refused(403, "signature does not match");
        }
        Delivery delivery;
        try {
            delivery = webhook.parse(delivered.body());
        } catch (MalformedPayloadException e) {
            return new WebhookAnswer.Refused(400, e.getMessage());
        }
        if (!delivery.messages().isEmpty() || !delivery.reports().isEmpty()) {
            try {
                if (!delivery.messages().isEmpty()) {
                    queue.enqueue(delivery.messages());
                }
                if (!delivery.reports().isEmpty()) {
                    queue.report(delivery.reports());
                }
            } catch (QueueUnavailableException e) {
                LOG.log(System.Logger.Level.ERROR, "Inbound queue unavailable for a {0} delivery of {1} message(s): {2}", webhook.name(),
                        delivery.messages().size(), e.getCause() == null ? e.getMessage() : e.getCause().getClass().getSimpleName());
                return new WebhookAnswer.Refused(503, "temporarily unable to accept; retry");
            }
        }
        // A supplier, not a MessageFormat pattern: this line is written for every delivery, and formatting was a fifth of the handler's time.
        LOG.log(System.Logger.Level.INFO, () -> "Accepted " + webhook.name() + " delivery: " + delivery.messages().size() + " message(s), "
                + delivery.reports().size() + " delivery report(s), " + delivery.ignored() + " ignored event(s)");
        return new WebhookAnswer.Accepted(delivery.messages().size(), delivery.ignored());
    }
}
