package uk.councilinbox.testing;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import uk.councilinbox.messages.GeoPoint;

/**
 * Photo and file bytes for tests, made in memory with ImageIO. The EXIF is written here by hand (a small TIFF writer, either
 * byte order) and holds what a phone writes: Make {@value #MAKE}, Model {@value #MODEL}, DateTime, Orientation and GPS.
 */
public final class Photos {

    public static final String MAKE = "Pothole Phones Ltd";
    public static final String MODEL = "Streetwise 9 Pro";
    /** Text in the XMP packet and the COM segment that {@link #jpegWithExif} adds, as phone editors do. */
    public static final String XMP_NAMESPACE = "http://ns.adobe.com/xap/1.0/";
    public static final String COMMENT = "Taken by Jo Resident on Acacia Avenue";

    private Photos() {}

    /** A plain JPEG (JFIF, no EXIF) with a colour gradient, so orientation and scaling are visible. */
    public static byte[] jpeg(int width, int height) {
        return write(picture(width, height, BufferedImage.TYPE_INT_RGB), "jpeg");
    }

    /** A JPEG with a big-endian EXIF APP1 holding Make, Model, DateTime and the GPS position. */
    public static byte[] jpegWithGps(int width, int height, double lat, double lon) {
        return jpegWithExif(width, height, Optional.of(new GeoPoint(lat, lon)), 1);
    }

    /** A JPEG with a big-endian EXIF APP1 (Make, Model, DateTime, Orientation, GPS if given), an XMP APP1 and a COM. */
    public static byte[] jpegWithExif(int width, int height, Optional<GeoPoint> gps, int orientation) {
        return jpegWithExif(width, height, gps, orientation, ByteOrder.BIG_ENDIAN);
    }

    /** As {@link #jpegWithExif(int, int, Optional, int)}, with the TIFF inside the EXIF in {@code order}. */
    public static byte[] jpegWithExif(int width, int height, Optional<GeoPoint> gps, int orientation, ByteOrder order) {
        byte[] exif = concat("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), tiff(order, gps, orientation));
        String xmp = "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF><rdf:Description xmlns:xmp=\"" + XMP_NAMESPACE
                + "\" xmp:CreatorTool=\"" + MODEL + "\"/></rdf:RDF></x:xmpmeta>";
        byte[] jpeg = jpeg(width, height);
        jpeg = withSegment(jpeg, 0xFE, COMMENT.getBytes(StandardCharsets.UTF_8));
        jpeg = withSegment(jpeg, 0xE1, concat((XMP_NAMESPACE + "\0").getBytes(StandardCharsets.UTF_8), xmp.getBytes(StandardCharsets.UTF_8)));
        return withSegment(jpeg, 0xE1, exif);
    }

    /** {@code jpeg} with a marker segment ({@code marker} 0xE0..0xEF for APPn, 0xFE for COM) put right after SOI. */
    public static byte[] withSegment(byte[] jpeg, int marker, byte[] payload) {
        int length = payload.length + 2;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) marker, (byte) (length >> 8), (byte) length});
        out.writeBytes(payload);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /** A PNG with an alpha channel and a colour gradient. */
    public static byte[] png(int width, int height) {
        return write(picture(width, height, BufferedImage.TYPE_INT_ARGB), "png");
    }

    /** A minimal ISO BMFF start, ftyp (isom) then a free box: enough for sniffing, not for playing. */
    public static byte[] mp4() {
        ByteBuffer b = ByteBuffer.allocate(32);
        b.putInt(24).put(ascii("ftyp")).put(ascii("isom")).putInt(0x200).put(ascii("isom")).put(ascii("mp41"));
        b.putInt(8).put(ascii("free"));
        return b.array();
    }

    public static byte[] pdf() {
        return ascii("%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
    }

    /**
     * An EXIF TIFF structure in either byte order: IFD0 with Make, Model, Orientation, DateTime and (with a position) the GPS
     * IFD pointer; the GPS IFD holds version, latitude and longitude with their N/S and E/W references as deg/min/sec.
     */
    public static byte[] tiff(ByteOrder order, Optional<GeoPoint> gps, int orientation) {
        List<Tag> ifd0 = new ArrayList<>(List.of(
                Tag.ascii(0x010F, MAKE), Tag.ascii(0x0110, MODEL), Tag.shorts(0x0112, orientation, order), Tag.ascii(0x0132, "2026:12:03 09:41:00")));
        List<Tag> gpsIfd = gps.map(p -> List.of(
                new Tag(0x0000, 1, 4, new byte[] {2, 3, 0, 0}),
                Tag.ascii(0x0001, p.latitude() < 0 ? "S" : "N"),
                Tag.degrees(0x0002, Math.abs(p.latitude()), order),
                Tag.ascii(0x0003, p.longitude() < 0 ? "W" : "E"),
                Tag.degrees(0x0004, Math.abs(p.longitude()), order))).orElse(List.of());
        int ifd0Size = ifdSize(ifd0.size() + (gpsIfd.isEmpty() ? 0 : 1), ifd0);
        int gpsOffset = 8 + ifd0Size;
        if (!gpsIfd.isEmpty()) {
            ifd0.add(Tag.longs(0x8825, gpsOffset, order));
        }
        ByteBuffer b = ByteBuffer.allocate(gpsOffset + ifdSize(gpsIfd.size(), gpsIfd)).order(order);
        b.put(ascii(order == ByteOrder.LITTLE_ENDIAN ? "II" : "MM")).putShort((short) 42).putInt(8);
        writeIfd(b, 8, ifd0);
        if (!gpsIfd.isEmpty()) {
            writeIfd(b, gpsOffset, gpsIfd);
        }
        return b.array();
    }

    /** One TIFF entry; {@code value} is already in the file's byte order. */
    private record Tag(int tag, int type, int count, byte[] value) {
        static Tag ascii(int tag, String text) {
            byte[] v = Photos.ascii(text + "\0");
            return new Tag(tag, 2, v.length, v);
        }

        static Tag shorts(int tag, int value, ByteOrder order) {
            return new Tag(tag, 3, 1, ByteBuffer.allocate(2).order(order).putShort((short) value).array());
        }

        static Tag longs(int tag, int value, ByteOrder order) {
            return new Tag(tag, 4, 1, ByteBuffer.allocate(4).order(order).putInt(value).array());
        }

        static Tag degrees(int tag, double value, ByteOrder order) {
            long deg = (long) Math.floor(value);
            double minutesFull = (value - deg) * 60;
            long min = (long) Math.floor(minutesFull);
            long secTimes10000 = Math.round((minutesFull - min) * 60 * 10000);
            ByteBuffer b = ByteBuffer.allocate(24).order(order);
            b.putInt((int) deg).putInt(1).putInt((int) min).putInt(1).putInt((int) secTimes10000).putInt(10000);
            return new Tag(tag, 5, 3, b.array());
        }
    }

    private static int ifdSize(int entries, List<Tag> tags) {
        int data = tags.stream().mapToInt(t -> t.value.length > 4 ? t.value.length + (t.value.length & 1) : 0).sum();
        return 2 + 12 * entries + 4 + data;
    }

    private static void writeIfd(ByteBuffer b, int at, List<Tag> tags) {
        int dataAt = at + 2 + 12 * tags.size() + 4;
        b.position(at);
        b.putShort((short) tags.size());
        for (Tag t : tags) {
            b.putShort((short) t.tag).putShort((short) t.type).putInt(t.count);
            if (t.value.length <= 4) {
                b.put(t.value).put(new byte[4 - t.value.length]);
            } else {
                b.putInt(dataAt);
                int entryEnd = b.position();
                b.position(dataAt).put(t.value);
                dataAt += t.value.length + (t.value.length & 1);
                b.position(entryEnd);
            }
        }
        b.putInt(0);
    }

    private static BufferedImage picture(int width, int height, int type) {
        BufferedImage image = new BufferedImage(width, height, type);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int r = 255 * x / Math.max(1, width - 1);
                int g = 255 * y / Math.max(1, height - 1);
                image.setRGB(x, y, 0xFF000000 | r << 16 | g << 8 | 0x40);
            }
        }
        return image;
    }

    private static byte[] write(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            if (!ImageIO.write(image, format, stream)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
