package uk.councilinbox.ingest;

import java.util.Map;

/** Everything the webhook endpoint needs to know about one platform's deliveries. */
public interface PlatformWebhook {

    /** The endpoint's last path segment: {@code /webhooks/{name}}. */
    String name();

    /** Answers the platform's GET handshake (Meta's verify token, X's CRC). */
    Handshake handshake(Map<String, String> query);

    /** Checks the platform's signature over the exact raw body. */
    SignatureCheck checkSignature(RawDelivery request);

    /** Turns a verified body into residents' messages; events that are not residents' messages are counted. */
    Delivery parse(byte[] rawBody) throws MalformedPayloadException;
}
