package uk.councilinbox.channels.meta;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumSet;
import java.util.Set;
import uk.councilinbox.channels.MediaDownload;
import uk.councilinbox.messages.Channel;
import uk.councilinbox.photos.MediaSource;

/**
 * A Messenger, Instagram or Facebook comment photo: the attachment's URL on Meta's CDN, signed by Meta and needing no
 * token, and valid for a few days only (hence fetched at once).
 */
@ApplicationScoped
public class MetaMedia implements MediaSource {

    private final MediaDownload download;

    public MetaMedia(MediaDownload download) {
        this.download = download;
    }

    @Override
    public Set<Channel> channels() {
        return EnumSet.of(Channel.MESSENGER, Channel.INSTAGRAM, Channel.FACEBOOK);
    }

    @Override
    public Fetched fetch(String ref, long maxBytes) {
        return download.get(ref, MediaDownload.Credentials.NONE, maxBytes);
    }
}
