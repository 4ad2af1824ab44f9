package uk.councilinbox.photos;

/**
 * Limits on what we keep: images up to 10 MiB, videos up to 25 MiB, images up to 50 million pixels (a 12 MP phone photo is
 * well inside; the pixel limit stops a small file that would decode to gigabytes).
 */
public record MediaLimits(long maxImageBytes, long maxVideoBytes, long maxPixels) {

    private static final long MIB = 1024L * 1024L;

    public MediaLimits {
        if (maxImageBytes <= 0 || maxVideoBytes <= 0 || maxPixels <= 0) {
            throw new IllegalArgumentException("media limits must be positive");
        }
    }

    public static MediaLimits defaults() {
        return new MediaLimits(10 * MIB, 25 * MIB, 50_000_000L);
    }

    /** The most bytes worth downloading at all (the larger of the two). */
    public long maxDownloadBytes() {
        return Math.max(maxImageBytes, maxVideoBytes);
    }

    long maxBytes(MediaType type) {
        return type.isImage() ? maxImageBytes : maxVideoBytes;
    }
}
