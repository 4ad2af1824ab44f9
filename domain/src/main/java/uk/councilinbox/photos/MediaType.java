package uk.councilinbox.photos;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/** The kinds of file we keep, recognised by their first bytes. */
public enum MediaType {
    JPEG("image/jpeg", "jpg", true),
    PNG("image/png", "png", true),
    MP4("video/mp4", "mp4", false),
    QUICKTIME("video/quicktime", "mov", false),
    THREE_GP("video/3gpp", "3gp", false);

    static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    /** ISO BMFF brands of still images (HEIF/HEIC, AVIF): same box structure as MP4, but no JDK decoder, so not kept. */
    static final Set<String> STILL_IMAGE_BRANDS = Set.of("heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1", "avif", "avis");

    private final String contentType;
    private final String extension;
    private final boolean image;

    MediaType(String contentType, String extension, boolean image) {
        this.contentType = contentType;
        this.extension = extension;
        this.image = image;
    }

    public String contentType() {
        return contentType;
    }

    public String extension() {
        return extension;
    }

    public boolean isImage() {
        return image;
    }

    /**
     * What the bytes are, if one of these. JPEG: FF D8 FF; PNG: the 8-byte signature; ISO BMFF: "ftyp" at offset 4 with a
     * major brand: {@code qt  } is QUICKTIME, {@code 3gp*}/{@code 3g2*} THREE_GP, still-image brands (HEIC, AVIF) none, any
     * other (isom, mp41, mp42, avc1, M4V , dash...) MP4.
     */
    public static Optional<MediaType> sniff(byte[] bytes) {
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8 && (bytes[2] & 0xFF) == 0xFF) {
            return Optional.of(JPEG);
        }
        if (startsWith(bytes, PNG_SIGNATURE)) {
            return Optional.of(PNG);
        }
        return isoBrand(bytes).flatMap(MediaType::ofBrand);
    }

    /** The major brand of an ISO BMFF file ("ftyp" box first), if the bytes start like one. */
    static Optional<String> isoBrand(byte[] bytes) {
        if (bytes.length < 12 || bytes[4] != 'f' || bytes[5] != 't' || bytes[6] != 'y' || bytes[7] != 'p') {
            return Optional.empty();
        }
        long boxSize = ((bytes[0] & 0xFFL) << 24) | ((bytes[1] & 0xFF) << 16) | ((bytes[2] & 0xFF) << 8) | (bytes[3] & 0xFF);
        if (boxSize < 12) {
            return Optional.empty();
        }
        for (int i = 8; i < 12; i++) {
            if (bytes[i] < 0x20 || bytes[i] > 0x7E) {
                return Optional.empty();
            }
        }
        return Optional.of(new String(bytes, 8, 4, StandardCharsets.US_ASCII));
    }

    private static Optional<MediaType> ofBrand(String brand) {
        if (brand.equals("qt  ")) {
            return Optional.of(QUICKTIME);
        }
        if (brand.startsWith("3gp") || brand.startsWith("3g2")) {
            return Optional.of(THREE_GP);
        }
        if (STILL_IMAGE_BRANDS.contains(brand)) {
            return Optional.empty();
        }
        return Optional.of(MP4);
    }

    static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
