package uk.councilinbox.photos;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Walks a JPEG's marker segments, keeping only what decoding needs: SOI, DQT, SOFn, DHT, DAC, DRI, DNL, APP0 JFIF (without
 * its embedded thumbnail), APP2 ICC_PROFILE, APP14 Adobe, and everything from the first SOS to EOI. Every other APPn (EXIF
 * and XMP in APP1, IPTC/Photoshop in APP13, MPF, maker data...) and COM are dropped; so is anything after EOI (phones append
 * extra images and maker trailers there). Between progressive scans only APPn and COM are dropped, the rest is copied as it is.
 */
final class JpegMetadata {

    private static final int SOI = 0xD8;
    private static final int EOI = 0xD9;
    private static final int SOS = 0xDA;
    private static final int COM = 0xFE;
    private static final int APP0 = 0xE0;
    private static final int APP1 = 0xE1;
    private static final int APP2 = 0xE2;
    private static final int APP14 = 0xEE;

    private static final byte[] JFIF = ascii("JFIF\0");
    private static final byte[] EXIF = ascii("Exif\0\0");
    private static final byte[] ICC_PROFILE = ascii("ICC_PROFILE\0");
    private static final byte[] ADOBE = ascii("Adobe");

    /** A walked JPEG: its encoded size, the TIFF bytes of its first EXIF APP1 (if any) and the stripped file. */
    record Walked(int width, int height, Optional<byte[]> exif, byte[] stripped) {}

    private JpegMetadata() {}

    static Walked walk(byte[] jpeg) throws UnreadableMedia {
        if (jpeg.length < 4 || (jpeg[0] & 0xFF) != 0xFF || (jpeg[1] & 0xFF) != SOI) {
            throw new UnreadableMedia("not a JPEG start");
        }
        ByteArrayOutputStream header = new ByteArrayOutputStream(Math.min(jpeg.length, 1 << 16));
        ByteArrayOutputStream tables = new ByteArrayOutputStream(Math.min(jpeg.length, 1 << 16));
        header.write(0xFF);
        header.write(SOI);
        Optional<byte[]> exif = Optional.empty();
        int width = 0;
        int height = 0;
        int pos = 2;
        while (true) {
            pos = nextMarker(jpeg, pos);
            int marker = jpeg[pos + 1] & 0xFF;
            if (marker == SOS) {
                break;
            }
            pos += 2;
            if (marker == EOI) {
                throw new UnreadableMedia("JPEG ends before any image data");
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                continue; // TEM and stray RSTn carry no length and nothing a decoder needs here
            }
            int length = segmentLength(jpeg, pos);
            int dataStart = pos + 2;
            int dataEnd = pos + length;
            if (isStartOfFrame(marker)) {
                if (length < 8) {
                    throw new UnreadableMedia("JPEG frame header too short");
                }
                if (width == 0) {
                    height = ((jpeg[dataStart + 1] & 0xFF) << 8) | (jpeg[dataStart + 2] & 0xFF);
                    width = ((jpeg[dataStart + 3] & 0xFF) << 8) | (jpeg[dataStart + 4] & 0xFF);
                    if (width == 0 || height == 0) {
                        throw new UnreadableMedia("JPEG frame without a size");
                    }
                }
                tables.write(jpeg, pos - 2, length + 2);
            } else if (marker == APP0) {
                if (width == 0 && header.size() == 2 && length >= 16 && matches(jpeg, dataStart, dataEnd, JFIF)) {
                    // JFIF header kept, its optional thumbnail (a small copy of the original picture) dropped.
                    header.write(new byte[] {(byte) 0xFF, (byte) APP0, 0, 16}, 0, 4);
                    header.write(jpeg, dataStart, 12);
                    header.write(0);
                    header.write(0);
                }
            } else if (marker == APP1) {
                if (exif.isEmpty() && matches(jpeg, dataStart, dataEnd, EXIF)) {
                    byte[] tiff = new byte[dataEnd - dataStart - EXIF.length];
                    System.arraycopy(jpeg, dataStart + EXIF.length, tiff, 0, tiff.length);
                    exif = Optional.of(tiff);
                }
            } else if ((marker == APP2 && matches(jpeg, dataStart, dataEnd, ICC_PROFILE))
                    || (marker == APP14 && matches(jpeg, dataStart, dataEnd, ADOBE))
                    || isTable(marker)) {
                tables.write(jpeg, pos - 2, length + 2);
            }
            // every other APPn, COM, JPGn and reserved marker is dropped
            pos = dataEnd;
        }
        if (width == 0) {
            throw new UnreadableMedia("JPEG image data before its frame header");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length);
        out.writeBytes(header.toByteArray());
        out.writeBytes(tables.toByteArray());
        copyScans(jpeg, pos, out);
        return new Walked(width, height, exif, out.toByteArray());
    }

    /**
     * The minimal EXIF APP1 segment holding only IFD0 Orientation, so a viewer still turns the photo the right way up after
     * everything else in EXIF is gone.
     */
    static byte[] orientationSegment(int orientation) {
        byte[] tiff = {
            'M', 'M', 0, 42, 0, 0, 0, 8, // big-endian header, IFD0 at 8
            0, 1, // one entry
            0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0, // Orientation, SHORT, count 1, value
            0, 0, 0, 0 // no next IFD
        };
        int length = 2 + EXIF.length + tiff.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + 2);
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) APP1, (byte) (length >> 8), (byte) length});
        out.writeBytes(EXIF);
        out.writeBytes(tiff);
        return out.toByteArray();
    }

    /** {@code stripped} from {@link #walk} with the segment put right after SOI and APP0 JFIF, where readers look for EXIF. */
    static byte[] withSegmentAfterHeader(byte[] stripped, byte[] segment) {
        int at = 2;
        if ((stripped[3] & 0xFF) == APP0) {
            at += 2 + (((stripped[4] & 0xFF) << 8) | (stripped[5] & 0xFF));
        }
        byte[] out = new byte[stripped.length + segment.length];
        System.arraycopy(stripped, 0, out, 0, at);
        System.arraycopy(segment, 0, out, at, segment.length);
        System.arraycopy(stripped, at, out, at + segment.length, stripped.length - at);
        return out;
    }

    /** Copies from the SOS at {@code pos} up to and including EOI; a file without EOI has been cut short. */
    private static void copyScans(byte[] jpeg, int pos, ByteArrayOutputStream out) throws UnreadableMedia {
        int copyFrom = pos;
        int i = pos;
        while (i + 1 < jpeg.length) {
            if ((jpeg[i] & 0xFF) != 0xFF) {
                i++;
                continue;
            }
            int marker = jpeg[i + 1] & 0xFF;
            if (marker == 0x00 || (marker >= 0xD0 && marker <= 0xD7)) {
                i += 2; // stuffed FF byte or restart marker: entropy data goes on
            } else if (marker == 0xFF) {
                i++; // fill byte
            } else if (marker == EOI) {
                out.write(jpeg, copyFrom, i + 2 - copyFrom);
                return;
            } else {
                int length = segmentLength(jpeg, i + 2);
                int end = i + 2 + length;
                if ((marker >= APP0 && marker <= 0xEF) || marker == COM) {
                    out.write(jpeg, copyFrom, i - copyFrom);
                    copyFrom = end;
                }
                i = end;
            }
        }
        throw new UnreadableMedia("JPEG cut short (no end marker)");
    }

    /** The position of the next marker's FF at or after {@code pos}, skipping fill bytes; the marker byte is in bounds. */
    private static int nextMarker(byte[] jpeg, int pos) throws UnreadableMedia {
        if (pos >= jpeg.length || (jpeg[pos] & 0xFF) != 0xFF) {
            throw new UnreadableMedia("JPEG segment structure broken");
        }
        while (pos + 1 < jpeg.length && (jpeg[pos + 1] & 0xFF) == 0xFF) {
            pos++;
        }
        if (pos + 1 >= jpeg.length || (jpeg[pos + 1] & 0xFF) == 0x00) {
            throw new UnreadableMedia("JPEG segment structure broken");
        }
        return pos;
    }

    /** The length field at {@code pos} (it counts itself), checked to be at least 2 and to fit in the file. */
    private static int segmentLength(byte[] jpeg, int pos) throws UnreadableMedia {
        if (pos + 2 > jpeg.length) {
            throw new UnreadableMedia("JPEG cut short inside a segment");
        }
        int length = ((jpeg[pos] & 0xFF) << 8) | (jpeg[pos + 1] & 0xFF);
        if (length < 2 || pos + length > jpeg.length) {
            throw new UnreadableMedia("JPEG cut short inside a segment");
        }
        return length;
    }

    private static boolean isStartOfFrame(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    /** DHT, DAC, DQT, DNL, DRI, DHP, EXP. */
    private static boolean isTable(int marker) {
        return marker == 0xC4 || marker == 0xCC || (marker >= 0xDB && marker <= 0xDF);
    }

    private static boolean matches(byte[] bytes, int from, int to, byte[] prefix) {
        if (to - from < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[from + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
