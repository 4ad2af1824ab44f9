package uk.councilinbox.photos;

import java.util.Optional;
import java.util.Set;
import uk.councilinbox.messages.Channel;

/**
 * Fetches a photo or video from the platform it was sent on, with the council's credentials where the platform
 * wants them. A passing fault (a timeout, a 5xx, a rate limit) is thrown, so the job is retried; an answer that
 * will not change is returned as {@link Fetched.Unavailable} or {@link Fetched.TooLarge}, so it is recorded once.
 */
public interface MediaSource {

    Set<Channel> channels();

    /**
     * @param ref the attachment's {@link uk.councilinbox.messages.Attachment#ref()}: a URL, or a platform's media id
     * @param maxBytes stop reading past this many bytes
     */
    Fetched fetch(String ref, long maxBytes);

    sealed interface Fetched {
        /** The bytes, and the type the platform claims (only a hint: the bytes decide). */
        record Download(byte[] bytes, Optional<String> claimedType) implements Fetched {}

        /** Gone or refused for good: an expired link, a deleted message, a host we do not fetch from. */
        record Unavailable(String reason) implements Fetched {}

        /** Larger than the most worth downloading. */
        record TooLarge(long bytesAtLeast) implements Fetched {}
    }
}
