package uk.councilinbox.photos;

import java.util.Objects;
import java.util.Optional;
import uk.councilinbox.messages.GeoPoint;

/** What {@link MediaInspector} made of a downloaded file. */
public sealed interface Inspection {

    /**
     * Kept: {@code bytes} are what to store (images: metadata stripped; videos: as received); {@code thumbnail} a JPEG at most
     * 320 px on its longer side (images only), turned the way the photo's EXIF orientation says; {@code width} and
     * {@code height} are the stored image's pixels as encoded (before any orientation), 0 for videos.
     */
    record Accepted(MediaType type, byte[] bytes, Optional<GeoPoint> gps, Optional<byte[]> thumbnail, int width, int height)
            implements Inspection {
        public Accepted {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(bytes, "bytes");
            Objects.requireNonNull(gps, "gps");
            Objects.requireNonNull(thumbnail, "thumbnail");
        }
    }

    /** Not kept; {@code detail} says a little more for staff, e.g. "12.4 MB over 10 MB", "starts like a PDF". */
    record Refused(Refusal refusal, String detail) implements Inspection {
        public Refused {
            Objects.requireNonNull(refusal, "refusal");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
