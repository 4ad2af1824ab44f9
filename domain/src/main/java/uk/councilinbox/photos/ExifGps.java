package uk.councilinbox.photos;

import java.util.Optional;
import java.util.OptionalInt;
import uk.councilinbox.messages.GeoPoint;

/**
 * Reads the two things we want from an EXIF TIFF structure (the bytes after "Exif\0\0" in a JPEG APP1, or a PNG eXIf chunk):
 * the GPS position and IFD0's Orientation. Only IFD0 and the one GPS IFD it points at are read; next-IFD links are never
 * followed, so a structure that points at itself cannot loop. Every offset and count is checked against the bytes; anything
 * out of place means "absent", never an exception.
 */
final class ExifGps {

    /** The EXIF facts we use; orientation is 1 (as stored) unless IFD0 says 2..8. */
    record Facts(Optional<GeoPoint> gps, int orientation) {
        static final Facts NONE = new Facts(Optional.empty(), 1);
    }

    private static final int TAG_ORIENTATION = 0x0112;
    private static final int TAG_GPS_IFD = 0x8825;
    private static final int GPS_LATITUDE_REF = 1;
    private static final int GPS_LATITUDE = 2;
    private static final int GPS_LONGITUDE_REF = 3;
    private static final int GPS_LONGITUDE = 4;

    private static final int TYPE_ASCII = 2;
    private static final int TYPE_SHORT = 3;
    private static final int TYPE_LONG = 4;
    private static final int TYPE_RATIONAL = 5;
    private static final int TYPE_SRATIONAL = 10;
    private static final int TYPE_IFD = 13;

    private final byte[] tiff;
    private final boolean littleEndian;

    private ExifGps(byte[] tiff, boolean littleEndian) {
        this.tiff = tiff;
        this.littleEndian = littleEndian;
    }

    static Facts read(byte[] tiff) {
        if (tiff.length < 8) {
            return Facts.NONE;
        }
        boolean little;
        if (tiff[0] == 'I' && tiff[1] == 'I') {
            little = true;
        } else if (tiff[0] == 'M' && tiff[1] == 'M') {
            little = false;
        } else {
            return Facts.NONE;
        }
        ExifGps exif = new ExifGps(tiff, little);
        if (exif.u16(2) != 42) {
            return Facts.NONE;
        }
        long ifd0 = exif.u32(4);
        OptionalInt orientation = exif.find(ifd0, TAG_ORIENTATION)
                .filter(e -> e.type == TYPE_SHORT && e.count >= 1)
                .map(e -> OptionalInt.of(exif.u16(e.valueOffset)))
                .orElse(OptionalInt.empty());
        Optional<GeoPoint> gps = exif.find(ifd0, TAG_GPS_IFD)
                .filter(e -> (e.type == TYPE_LONG || e.type == TYPE_IFD) && e.count == 1)
                .flatMap(e -> exif.gps(exif.u32(e.valueOffset)));
        int o = orientation.orElse(1);
        return new Facts(gps, o >= 1 && o <= 8 ? o : 1);
    }

    private Optional<GeoPoint> gps(long ifd) {
        Optional<Character> latRef = ref(ifd, GPS_LATITUDE_REF);
        Optional<Character> lonRef = ref(ifd, GPS_LONGITUDE_REF);
        Optional<Double> lat = degrees(ifd, GPS_LATITUDE);
        Optional<Double> lon = degrees(ifd, GPS_LONGITUDE);
        // A position without its hemisphere could be on the wrong side of the world: treat it as absent.
        if (latRef.isEmpty() || lonRef.isEmpty() || lat.isEmpty() || lon.isEmpty()) {
            return Optional.empty();
        }
        char ns = latRef.get();
        char ew = lonRef.get();
        if ((ns != 'N' && ns != 'S') || (ew != 'E' && ew != 'W')) {
            return Optional.empty();
        }
        double latitude = ns == 'S' ? -lat.get() : lat.get();
        double longitude = ew == 'W' ? -lon.get() : lon.get();
        // Some cameras write 0/0 when they had no fix; no council street is at "null island".
        if (latitude == 0 && longitude == 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new GeoPoint(latitude, longitude));
        } catch (IllegalArgumentException outOfRange) {
            return Optional.empty();
        }
    }

    private Optional<Character> ref(long ifd, int tag) {
        return find(ifd, tag)
                .filter(e -> e.type == TYPE_ASCII && e.count >= 1)
                .map(e -> (char) (tiff[(int) e.valueOffset] & 0xFF));
    }

    private Optional<Double> degrees(long ifd, int tag) {
        Optional<Entry> found = find(ifd, tag).filter(e -> (e.type == TYPE_RATIONAL || e.type == TYPE_SRATIONAL) && e.count == 3);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Entry e = found.get();
        double total = 0;
        double unit = 1;
        for (int i = 0; i < 3; i++) {
            long at = e.valueOffset + 8L * i;
            long numerator = e.type == TYPE_SRATIONAL ? (int) u32(at) : u32(at);
            long denominator = e.type == TYPE_SRATIONAL ? (int) u32(at + 4) : u32(at + 4);
            if (denominator == 0) {
                return Optional.empty();
            }
            double part = (double) numerator / denominator;
            if (part < 0 || Double.isNaN(part) || Double.isInfinite(part)) {
                return Optional.empty();
            }
            total += part / unit;
            unit *= 60;
        }
        return Optional.of(total);
    }

    /** One IFD entry whose value lies wholly inside the bytes; {@code valueOffset} is where the value starts. */
    private record Entry(int type, long count, long valueOffset) {}

    private Optional<Entry> find(long ifd, int tag) {
        if (ifd < 8 || ifd + 2 > tiff.length) {
            return Optional.empty();
        }
        int entries = u16(ifd);
        for (int i = 0; i < entries; i++) {
            long at = ifd + 2 + 12L * i;
            if (at + 12 > tiff.length) {
                return Optional.empty();
            }
            if (u16(at) != tag) {
                continue;
            }
            int type = u16(at + 2);
            long count = u32(at + 4);
            long size = typeSize(type) * count;
            if (size == 0) {
                return Optional.empty();
            }
            long valueOffset = size <= 4 ? at + 8 : u32(at + 8);
            if (valueOffset + size > tiff.length) {
                return Optional.empty();
            }
            return Optional.of(new Entry(type, count, valueOffset));
        }
        return Optional.empty();
    }

    private static long typeSize(int type) {
        return switch (type) {
            case 1, 2, 6, 7 -> 1;
            case 3, 8 -> 2;
            case 4, 9, 11, 13 -> 4;
            case 5, 10, 12 -> 8;
            default -> 0;
        };
    }

    /** Callers have checked {@code at + 2 <= tiff.length}. */
    private int u16(long at) {
        int a = tiff[(int) at] & 0xFF;
        int b = tiff[(int) at + 1] & 0xFF;
        return littleEndian ? (b << 8) | a : (a << 8) | b;
    }

    /** Callers have checked {@code at + 4 <= tiff.length}. */
    private long u32(long at) {
        int i = (int) at;
        long a = tiff[i] & 0xFF;
        long b = tiff[i + 1] & 0xFF;
        long c = tiff[i + 2] & 0xFF;
        long d = tiff[i + 3] & 0xFF;
        return littleEndian ? (d << 24) | (c << 16) | (b << 8) | a : (a << 24) | (b << 16) | (c << 8) | d;
    }
}
