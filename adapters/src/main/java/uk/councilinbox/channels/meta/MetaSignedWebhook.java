package uk.councilinbox.channels.meta;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.Map;
import uk.councilinbox.ingest.Handshake;
import uk.councilinbox.ingest.PlatformWebhook;
import uk.councilinbox.ingest.RawDelivery;
import uk.councilinbox.ingest.SignatureCheck;
import uk.councilinbox.settings.InboxConfig;

/** A webhook Meta delivers (Messenger, Instagram, Facebook, WhatsApp): one verify token, one app secret. */
public abstract class MetaSignedWebhook implements PlatformWebhook {

    protected final ObjectMapper json;
    protected final Clock clock;
    private final InboxConfig.Meta config;

    protected MetaSignedWebhook(ObjectMapper json, InboxConfig config, Clock clock) {
        this.json = json;
        this.config = config.meta();
        this.clock = clock;
    }

    @Override
    public Handshake handshake(Map<String, String> query) {
        return MetaSignature.handshake(query, config.verifyToken());
    }

    @Override
    public SignatureCheck checkSignature(RawDelivery request) {
        return MetaSignature.check(request, config.appSecret());
    }
}
