package uk.councilinbox.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import uk.councilinbox.ingest.Delivery;
import uk.councilinbox.ingest.Handshake;
import uk.councilinbox.ingest.MalformedPayloadException;
import uk.councilinbox.ingest.PlatformWebhook;
import uk.councilinbox.ingest.RawDelivery;
import uk.councilinbox.ingest.SignatureCheck;

/**
 * A platform named {@code test} that does as a test says: its signature check gives {@code signature};
 * its handshake echoes a {@code challenge} query parameter (else refuses, "not ours"); a body starting
 * "not" is malformed ("not JSON"), any other becomes {@code delivery}. It records every body it parsed.
 */
public final class ScriptedWebhook implements PlatformWebhook {

    private final SignatureCheck signature;
    private final Delivery delivery;
    private final List<byte[]> parsed = new ArrayList<>();

    public ScriptedWebhook(SignatureCheck signature, Delivery delivery) {
        this.signature = signature;
        this.delivery = delivery;
    }

    public List<byte[]> parsed() {
        return parsed;
    }

    @Override
    public String name() {
        return "test";
    }

    @Override
    public Handshake handshake(Map<String, String> query) {
        return query.containsKey("challenge") ? new Handshake.Answer("text/plain", query.get("challenge")) : new Handshake.Refused("not ours");
    }

    @Override
    public SignatureCheck checkSignature(RawDelivery request) {
        return signature;
    }

    @Override
    public Delivery parse(byte[] rawBody) throws MalformedPayloadException {
        if (new String(rawBody, StandardCharsets.UTF_8).startsWith("not")) {
            throw new MalformedPayloadException("not JSON");
        }
        parsed.add(rawBody);
        return delivery;
    }
}
