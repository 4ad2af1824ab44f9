package uk.councilinbox.photos;

import java.nio.charset.StandardCharsets;

/** A guess, for staff, at what a file we do not accept looks like, from its first bytes only. */
final class Lookalikes {

    private Lookalikes() {}

    static String guess(byte[] bytes) {
        if (startsWith(bytes, "%PDF")) {
            return "starts like a PDF";
        }
        if (startsWith(bytes, "GIF87a") || startsWith(bytes, "GIF89a")) {
            return "starts like a GIF";
        }
        if (startsWith(bytes, "RIFF") && bytes.length >= 12 && new String(bytes, 8, 4, StandardCharsets.US_ASCII).equals("WEBP")) {
            return "starts like a WebP picture";
        }
        var brand = MediaType.isoBrand(bytes);
        if (brand.isPresent() && MediaType.STILL_IMAGE_BRANDS.contains(brand.get())) {
            return brand.get().startsWith("avi") ? "starts like an AVIF picture (no decoder here)"
                    : "starts like a HEIC/HEIF photo (no decoder here; the resident could send it as JPEG)";
        }
        if (startsWith(bytes, "II*\0") || startsWith(bytes, "MM\0*")) {
            return "starts like a TIFF";
        }
        if (startsWith(bytes, "BM")) {
            return "starts like a BMP";
        }
        if (startsWith(bytes, "PK\3\4")) {
            return "starts like a ZIP or Office document";
        }
        if (firstVisibleIs(bytes, '<')) {
            return "starts like HTML or XML";
        }
        return bytes.length == 0 ? "empty file" : "first bytes match no photo or video type we keep";
    }

    private static boolean startsWith(byte[] bytes, String prefix) {
        return MediaType.startsWith(bytes, prefix.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Web pages often start with a byte-order mark or blank lines before "<!DOCTYPE" or "<html". */
    private static boolean firstVisibleIs(byte[] bytes, char c) {
        int i = startsWith(bytes, "\u00EF\u00BB\u00BF") ? 3 : 0;
        int limit = Math.min(bytes.length, 256);
        while (i < limit && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\r' || bytes[i] == '\n')) {
            i++;
        }
        return i < limit && bytes[i] == c;
    }
}
