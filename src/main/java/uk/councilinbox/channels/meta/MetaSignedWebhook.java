package uk.councilinbox.channels.meta;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.Map;
import uk.councilinbox.channels.Handshake;
import uk.councilinbox.channels.PlatformWebhook;
import uk.councilinbox.channels.SignatureCheck;
import uk.councilinbox.config.InboxConfig;
import uk.councilinbox.http.HttpRequest;

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
    public SignatureCheck checkSignature(HttpRequest request) {
        return MetaSignature.check(request, config.appSecret());
    }
}
