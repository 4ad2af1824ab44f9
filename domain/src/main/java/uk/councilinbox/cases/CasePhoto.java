package uk.councilinbox.cases;

import java.time.Instant;
import java.util.Optional;

/**
 * What became of one photo or video a resident sent with a message: kept (the council's own copy, and a
 * thumbnail of an image), refused (not an accepted type, too large) or unavailable (the platform's link
 * had expired or was refused). Recorded once per photo.
 *
 * @param photoId stable for the message and the attachment's place in it ({@code PhotoJob#photoId})
 * @param messageKey the message it came with, so the thread can show it there
 * @param objectKey where the kept copy is stored; {@code thumbnailKey} its thumbnail (images only)
 * @param detail for staff: the type and size kept, or why not; never the resident's words
 */
public record CasePhoto(Reference reference, String photoId, String messageKey, Outcome outcome, Optional<String> contentType,
        Optional<String> objectKey, Optional<String> thumbnailKey, String detail, Instant at) {

    public enum Outcome {
        KEPT, REFUSED, UNAVAILABLE;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static CasePhoto kept(Reference reference, String photoId, String messageKey, String contentType, String objectKey,
            Optional<String> thumbnailKey, String detail, Instant at) {
        return new CasePhoto(reference, photoId, messageKey, Outcome.KEPT, Optional.of(contentType), Optional.of(objectKey), thumbnailKey,
                detail, at);
    }

    public static CasePhoto notKept(Reference reference, String photoId, String messageKey, Outcome outcome, String detail, Instant at) {
        if (outcome == Outcome.KEPT) {
            throw new IllegalArgumentException("a kept photo has a stored copy");
        }
        return new CasePhoto(reference, photoId, messageKey, outcome, Optional.empty(), Optional.empty(), Optional.empty(), detail, at);
    }

    public boolean isVideo() {
        return contentType.filter(t -> t.startsWith("video/")).isPresent();
    }
}
