package uk.councilinbox.channels.meta;

import java.util.Map;
import uk.councilinbox.channels.HmacSha256;
import uk.councilinbox.ingest.Handshake;
import uk.councilinbox.ingest.RawDelivery;
import uk.councilinbox.ingest.SignatureCheck;

/** Meta's webhook rules, shared by Messenger, Instagram, Facebook pages and WhatsApp. */
public final class MetaSignature {

    public static final String HEADER = "x-hub-signature-256";

    private MetaSignature() {}

    /** The subscription check: echo {@code hub.challenge} only when the verify token is ours. */
    public static Handshake handshake(Map<String, String> query, String verifyToken) {
        String mode = query.get("hub.mode");
        String token = query.get("hub.verify_token");
        String challenge = query.get("hub.challenge");
        if (!"subscribe".equals(mode) || challenge == null || challenge.isEmpty()) {
            return new Handshake.Refused("not a subscription request");
        }
        if (token == null || !java.security.MessageDigest.isEqual(token.getBytes(), verifyToken.getBytes())) {
            return new Handshake.Refused("verify token does not match");
        }
        return new Handshake.Answer("text/plain", challenge);
    }

    public static SignatureCheck check(RawDelivery request, String appSecret) {
        return HmacSha256.check(request.header(HEADER), appSecret, request.body(), HmacSha256.Encoding.HEX);
    }
}
