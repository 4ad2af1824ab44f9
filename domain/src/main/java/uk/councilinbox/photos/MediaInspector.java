package uk.councilinbox.photos;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import uk.councilinbox.messages.GeoPoint;

/**
 * Decides whether a downloaded attachment is kept, by its bytes alone (never its name or the type the platform claims):
 * the magic number says what it is, then the size limit, then for images the header's pixel count (before any decoding),
 * the metadata strip, a real decode of the stripped bytes and the thumbnail. Images are stored without EXIF, XMP, IPTC and
 * comments; only the EXIF Orientation is written back (in a minimal APP1 of its own) so phones' photos are not shown on
 * their side. The GPS position is read from EXIF before it is stripped.
 *
 * <p>Videos are checked by magic number, brand and size only and stored as received: their metadata (which can include the
 * phone's model, the time and a location) is NOT stripped.
 *
 * <p>Thread-safe; {@link #inspect} never throws for bad input, it returns {@link Inspection.Refused}.
 */
public final class MediaInspector {

    private final MediaLimits limits;

    public MediaInspector(MediaLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public Inspection inspect(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length == 0) {
            return new Inspection.Refused(Refusal.UNREADABLE, "empty file");
        }
        Optional<MediaType> sniffed = MediaType.sniff(bytes);
        if (sniffed.isEmpty()) {
            return new Inspection.Refused(Refusal.NOT_ACCEPTED_TYPE, Lookalikes.guess(bytes));
        }
        MediaType type = sniffed.get();
        long max = limits.maxBytes(type);
        if (bytes.length > max) {
            return new Inspection.Refused(Refusal.TOO_LARGE, over(bytes.length, max));
        }
        if (!type.isImage()) {
            return new Inspection.Accepted(type, bytes, Optional.empty(), Optional.empty(), 0, 0);
        }
        try {
            return inspectImage(type, bytes);
        } catch (UnreadableMedia e) {
            return new Inspection.Refused(Refusal.UNREADABLE, e.getMessage());
        } catch (RuntimeException e) {
            // The parsers check every bound; this is the last guard that keeps a parser bug from failing the download.
            return new Inspection.Refused(Refusal.UNREADABLE, "the file's structure could not be read");
        }
    }

    private Inspection inspectImage(MediaType type, byte[] bytes) throws UnreadableMedia {
        int width;
        int height;
        Optional<byte[]> exif;
        byte[] stored;
        if (type == MediaType.JPEG) {
            JpegMetadata.Walked walked = JpegMetadata.walk(bytes);
            width = walked.width();
            height = walked.height();
            exif = walked.exif();
            stored = walked.stripped();
        } else {
            PngMetadata.Walked walked = PngMetadata.walk(bytes);
            width = walked.width();
            height = walked.height();
            exif = walked.exif();
            stored = walked.stripped();
        }
        if ((long) width * height > limits.maxPixels()) {
            return tooManyPixels(width, height);
        }
        ExifGps.Facts facts = exif.map(ExifGps::read).orElse(ExifGps.Facts.NONE);
        // PNG viewers mostly ignore eXIf orientation and the chunk is gone anyway: the thumbnail matches the stored PNG.
        int orientation = type == MediaType.JPEG ? facts.orientation() : 1;
        if (orientation != 1) {
            stored = JpegMetadata.withSegmentAfterHeader(stored, JpegMetadata.orientationSegment(orientation));
        }
        Optional<GeoPoint> gps = facts.gps();
        return switch (Thumbnails.make(stored, type, limits.maxPixels(), orientation)) {
            case Thumbnails.TooManyPixels(long w, long h) -> tooManyPixels(w, h);
            case Thumbnails.Unreadable(String detail) -> new Inspection.Refused(Refusal.UNREADABLE, detail);
            case Thumbnails.Made made when made.width() != width || made.height() != height ->
                    new Inspection.Refused(Refusal.UNREADABLE, "the picture's header and its data disagree about its size");
            case Thumbnails.Made made -> new Inspection.Accepted(type, stored, gps, Optional.of(made.jpeg()), width, height);
        };
    }

    private Inspection tooManyPixels(long width, long height) {
        return new Inspection.Refused(Refusal.TOO_MANY_PIXELS, String.format(Locale.ROOT, "%d x %d pixels, over %s million",
                width, height, trim(limits.maxPixels() / 1_000_000.0)));
    }

    /** "12.4 MB over 10 MB" (MB here meaning MiB, as the limits are set); bytes when the rounding would hide the excess. */
    private static String over(long size, long max) {
        String sizeMb = trim(size / (1024.0 * 1024.0));
        String maxMb = trim(max / (1024.0 * 1024.0));
        if (sizeMb.equals(maxMb)) {
            return size + " bytes over " + max + " bytes";
        }
        return sizeMb + " MB over " + maxMb + " MB";
    }

    private static String trim(double value) {
        String s = String.format(Locale.ROOT, "%.1f", value);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }
}
