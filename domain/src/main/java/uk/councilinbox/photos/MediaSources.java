package uk.councilinbox.photos;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import uk.councilinbox.messages.Channel;

/** Routes each photo to the fetcher for its platform. */
public final class MediaSources {

    private final Map<Channel, MediaSource> sources = new EnumMap<>(Channel.class);

    public MediaSources(List<MediaSource> channelSources) {
        for (MediaSource source : channelSources) {
            source.channels().forEach(channel -> sources.put(channel, source));
        }
    }

    public MediaSource.Fetched fetch(Channel channel, String ref, long maxBytes) {
        MediaSource source = sources.get(channel);
        if (source == null) {
            return new MediaSource.Fetched.Unavailable("photos are not fetched from " + channel.label());
        }
        return source.fetch(ref, maxBytes);
    }
}
