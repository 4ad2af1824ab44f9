package uk.councilinbox.photos;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * Walks a PNG's chunks, keeping the critical ones and those that change how it looks (IHDR, PLTE, IDAT, IEND, tRNS, gAMA,
 * cHRM, sRGB, iCCP, sBIT, pHYs); tEXt, zTXt, iTXt, eXIf, tIME and every other ancillary chunk are dropped, and so is anything
 * after IEND. An unknown critical chunk means we cannot know how to show the picture, so the file is unreadable.
 */
final class PngMetadata {

    private static final Set<String> KEPT = Set.of("IHDR", "PLTE", "IDAT", "IEND", "tRNS", "gAMA", "cHRM", "sRGB", "iCCP", "sBIT", "pHYs");
    private static final byte[] EXIF_PREFIX = "Exif\0\0".getBytes(StandardCharsets.US_ASCII);

    /** A walked PNG: its size from IHDR, the TIFF bytes of its eXIf chunk (if any) and the stripped file. */
    record Walked(int width, int height, Optional<byte[]> exif, byte[] stripped) {}

    private PngMetadata() {}

    static Walked walk(byte[] png) throws UnreadableMedia {
        if (!MediaType.startsWith(png, MediaType.PNG_SIGNATURE)) {
            throw new UnreadableMedia("not a PNG start");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(png.length);
        out.write(png, 0, 8);
        Optional<byte[]> exif = Optional.empty();
        int width = 0;
        int height = 0;
        boolean sawImageData = false;
        long pos = 8;
        while (true) {
            if (pos + 12 > png.length) {
                throw new UnreadableMedia("PNG cut short (no end chunk)");
            }
            int at = (int) pos;
            long length = u32(png, at);
            if (length > Integer.MAX_VALUE || pos + 12 + length > png.length) {
                throw new UnreadableMedia("PNG chunk runs past the end of the file");
            }
            String type = chunkType(png, at + 4);
            int dataStart = at + 8;
            long next = pos + 12 + length;
            if (pos == 8) {
                if (!type.equals("IHDR") || length != 13) {
                    throw new UnreadableMedia("PNG does not start with its header chunk");
                }
                long w = u32(png, dataStart);
                long h = u32(png, dataStart + 4);
                if (w == 0 || h == 0 || w > Integer.MAX_VALUE || h > Integer.MAX_VALUE) {
                    throw new UnreadableMedia("PNG header with an impossible size");
                }
                width = (int) w;
                height = (int) h;
            } else if (type.equals("IHDR")) {
                throw new UnreadableMedia("PNG with a second header chunk");
            }
            if (type.equals("IDAT")) {
                sawImageData = true;
            } else if (type.equals("eXIf") && exif.isEmpty()) {
                exif = Optional.of(exifTiff(png, dataStart, (int) length));
            }
            boolean critical = Character.isUpperCase(type.charAt(0));
            if (KEPT.contains(type)) {
                out.write(png, at, (int) (next - pos));
            } else if (critical) {
                throw new UnreadableMedia("PNG with an unknown critical chunk");
            }
            if (type.equals("IEND")) {
                break;
            }
            pos = next;
        }
        if (!sawImageData) {
            throw new UnreadableMedia("PNG without image data");
        }
        return new Walked(width, height, exif, out.toByteArray());
    }

    /** The TIFF structure in an eXIf chunk; a few writers put JPEG's "Exif\0\0" before it. */
    private static byte[] exifTiff(byte[] png, int from, int length) {
        int skip = 0;
        if (length >= EXIF_PREFIX.length) {
            boolean prefixed = true;
            for (int i = 0; i < EXIF_PREFIX.length; i++) {
                prefixed &= png[from + i] == EXIF_PREFIX[i];
            }
            skip = prefixed ? EXIF_PREFIX.length : 0;
        }
        byte[] tiff = new byte[length - skip];
        System.arraycopy(png, from + skip, tiff, 0, tiff.length);
        return tiff;
    }

    private static String chunkType(byte[] png, int at) throws UnreadableMedia {
        for (int i = at; i < at + 4; i++) {
            int c = png[i] & 0xFF;
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
                throw new UnreadableMedia("PNG chunk with a broken type");
            }
        }
        return new String(png, at, 4, StandardCharsets.US_ASCII);
    }

    private static long u32(byte[] b, int at) {
        return ((b[at] & 0xFFL) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }
}
