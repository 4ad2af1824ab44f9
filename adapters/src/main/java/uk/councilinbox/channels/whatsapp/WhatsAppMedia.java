package uk.councilinbox.channels.whatsapp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import uk.councilinbox.channels.MediaDownload;
import uk.councilinbox.channels.RestClients;
import uk.councilinbox.messages.Channel;
import uk.councilinbox.photos.MediaSource;
import uk.councilinbox.settings.InboxConfig;

/**
 * A WhatsApp photo or video: the media id from the webhook is looked up for a download URL, which is fetched with the
 * same token. WhatsApp keeps received media for a limited time; once it is gone the lookup answers 4xx and that is
 * recorded on the case.
 */
@ApplicationScoped
public class WhatsAppMedia implements MediaSource {

    static final String REF_PREFIX = "whatsapp-media:";

    private final WhatsAppMediaApi api;
    private final MediaDownload download;
    private final String token;
    private final MediaDownload.Credentials credentials;

    public WhatsAppMedia(InboxConfig config, MediaDownload download) {
        String base = config.graphApi().baseUrl(config.whatsapp().graphUrl());
        this.api = RestClients.create(WhatsAppMediaApi.class, base, config.platformApi());
        this.download = download;
        this.token = config.whatsapp().accessToken();
        // The download URL is on Meta's media host (lookaside.fbsbx.com), which wants the token too; nothing else gets it.
        this.credentials = MediaDownload.Credentials.bearer(token, List.of("lookaside.fbsbx.com", URI.create(base).getHost()));
    }

    @Override
    public Set<Channel> channels() {
        return EnumSet.of(Channel.WHATSAPP);
    }

    @Override
    public Fetched fetch(String ref, long maxBytes) {
        if (ref == null || !ref.startsWith(REF_PREFIX)) {
            return new Fetched.Unavailable("not a WhatsApp media id");
        }
        WhatsAppMediaApi.MediaUrl media;
        try {
            media = api.lookUp(ref.substring(REF_PREFIX.length()), "Bearer " + token);
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status == 401 || status == 403 || status == 429 || status >= 500) {
                // 401/403: the council's token refused (expired, revoked, missing permission): retried, then alarmed.
                throw new MediaDownload.PassingFault("WhatsApp's media lookup answered " + status);
            }
            return new Fetched.Unavailable("WhatsApp's media lookup answered " + status + ": the media has expired or was deleted");
        } catch (ProcessingException e) {
            throw new MediaDownload.PassingFault("WhatsApp's media lookup failed: " + e.getClass().getSimpleName());
        }
        if (media == null || media.url() == null || media.url().isBlank()) {
            return new Fetched.Unavailable("WhatsApp gave no download URL");
        }
        if (media.fileSize() != null && media.fileSize() > maxBytes) {
            return new Fetched.TooLarge(media.fileSize());
        }
        return download.get(media.url(), credentials, maxBytes);
    }
}
