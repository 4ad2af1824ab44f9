package uk.councilinbox.photos;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.councilinbox.messages.GeoPoint;
import uk.councilinbox.testing.Photos;

class MediaInspectorTest {

    private final MediaInspector inspector = new MediaInspector(MediaLimits.defaults());

    private static Inspection.Accepted accepted(Inspection inspection) {
        return assertInstanceOf(Inspection.Accepted.class, inspection, () -> "refused: " + inspection);
    }

    private static Inspection.Refused refused(Inspection inspection) {
        return assertInstanceOf(Inspection.Refused.class, inspection, () -> "accepted: " + inspection);
    }

    private static BufferedImage decode(byte[] bytes) {
        try {
            BufferedImage image = ImageIO.read(new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes)));
            assertTrue(image != null, "ImageIO cannot read the bytes");
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void aPlainJpegIsKeptWithItsSizeAndAThumbnail() {
        Inspection.Accepted photo = accepted(inspector.inspect(Photos.jpeg(640, 480)));
        assertEquals(MediaType.JPEG, photo.type());
        assertEquals(640, photo.width());
        assertEquals(480, photo.height());
        assertEquals(Optional.empty(), photo.gps());
        BufferedImage thumbnail = decode(photo.thumbnail().orElseThrow());
        assertEquals(320, thumbnail.getWidth());
        assertEquals(240, thumbnail.getHeight());
        assertEquals(Optional.of(MediaType.JPEG), MediaType.sniff(photo.thumbnail().orElseThrow()));
    }

    @ParameterizedTest
    @CsvSource({"53.480759, -2.242631, BIG_ENDIAN", "53.480759, -2.242631, LITTLE_ENDIAN", "-33.856784, 151.215297, BIG_ENDIAN",
        "-33.856784, 151.215297, LITTLE_ENDIAN", "-22.9519, -43.2105, LITTLE_ENDIAN", "64.1466, 21.9426, BIG_ENDIAN"})
    void readsGpsThenStripsEveryTraceOfTheMetadata(double lat, double lon, String order) {
        ByteOrder byteOrder = order.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        byte[] sent = Photos.jpegWithExif(400, 300, Optional.of(new GeoPoint(lat, lon)), 1, byteOrder);
        assertTrue(latin1(sent).contains(Photos.MAKE), "the fixture writes Make");

        Inspection.Accepted photo = accepted(inspector.inspect(sent));

        assertEquals(lat, photo.gps().orElseThrow().latitude(), 1e-6);
        assertEquals(lon, photo.gps().orElseThrow().longitude(), 1e-6);
        String stored = latin1(photo.bytes());
        assertFalse(stored.contains("Exif"), "orientation 1 needs no EXIF at all");
        assertFalse(stored.contains(Photos.MAKE));
        assertFalse(stored.contains(Photos.MODEL));
        assertFalse(stored.contains("2026:12:03"));
        assertFalse(stored.contains("http://ns.adobe.com/xap"));
        assertFalse(stored.contains(Photos.COMMENT));
        assertFalse(stored.contains("\u00FF\u00FE"), "no COM segment");
        BufferedImage image = decode(photo.bytes());
        assertEquals(400, image.getWidth());
        assertEquals(300, image.getHeight());
        assertEquals(400, photo.width());
        assertEquals(300, photo.height());
    }

    @Test
    void jpegWithGpsIsTheCommonCase() {
        Inspection.Accepted photo = accepted(inspector.inspect(Photos.jpegWithGps(120, 90, 51.501009, -0.141588)));
        assertEquals(new GeoPoint(51.501009, -0.141588).latitude(), photo.gps().orElseThrow().latitude(), 1e-6);
        assertEquals(-0.141588, photo.gps().orElseThrow().longitude(), 1e-6);
        assertFalse(latin1(photo.bytes()).contains(Photos.MODEL));
    }

    @Test
    void orientationSixIsKeptAloneAndTurnsTheThumbnail() {
        byte[] sent = Photos.jpegWithExif(400, 200, Optional.of(new GeoPoint(52.0, -1.0)), 6, ByteOrder.LITTLE_ENDIAN);

        Inspection.Accepted photo = accepted(inspector.inspect(sent));

        String stored = latin1(photo.bytes());
        assertEquals(1, count(stored, "Exif\0\0"));
        byte[] minimal = JpegMetadata.orientationSegment(6);
        int at = stored.indexOf("Exif\0\0") - 4;
        assertArrayEquals(minimal, Arrays.copyOfRange(photo.bytes(), at, at + minimal.length));
        assertEquals(34, ((minimal[2] & 0xFF) << 8) | (minimal[3] & 0xFF), "APP1 length: one IFD0 entry, nothing else");
        ExifGps.Facts kept = ExifGps.read(Arrays.copyOfRange(minimal, 10, minimal.length));
        assertEquals(new ExifGps.Facts(Optional.empty(), 6), kept);
        assertFalse(stored.contains(Photos.MAKE));
        assertTrue(photo.bytes()[2] == (byte) 0xFF && photo.bytes()[3] == (byte) 0xE0, "JFIF APP0 first");
        assertEquals(2 + 18, at, "the orientation APP1 follows SOI and the 18-byte APP0");

        BufferedImage image = decode(photo.bytes());
        assertEquals(400, image.getWidth(), "stored pixels are as encoded; viewers turn them by the orientation");
        BufferedImage thumbnail = decode(photo.thumbnail().orElseThrow());
        assertTrue(thumbnail.getHeight() > thumbnail.getWidth(), "a quarter turn: taller than wide");
        assertEquals(320, thumbnail.getHeight());
        assertEquals(160, thumbnail.getWidth());
    }

    @Test
    void orientationSixPutsTheLeftEdgeOnTop() {
        // The fixture's red grows left to right and green top to bottom; after a quarter turn clockwise, the source's left
        // column (low red) becomes the top row, and the source's bottom (high green) the left.
        Inspection.Accepted photo = accepted(inspector.inspect(Photos.jpegWithExif(200, 100, Optional.empty(), 6)));
        BufferedImage thumbnail = decode(photo.thumbnail().orElseThrow());
        int topLeft = thumbnail.getRGB(2, 2);
        int bottomRight = thumbnail.getRGB(thumbnail.getWidth() - 3, thumbnail.getHeight() - 3);
        assertTrue((topLeft >> 16 & 0xFF) < 40, "top-left red low");
        assertTrue((topLeft >> 8 & 0xFF) > 200, "top-left green high");
        assertTrue((bottomRight >> 16 & 0xFF) > 200, "bottom-right red high");
        assertTrue((bottomRight >> 8 & 0xFF) < 40, "bottom-right green low");
    }

    @Test
    void everyOrientationGivesAThumbnailOfTheRightShape() {
        for (int orientation = 1; orientation <= 8; orientation++) {
            Inspection.Accepted photo = accepted(inspector.inspect(Photos.jpegWithExif(300, 100, Optional.empty(), orientation)));
            BufferedImage thumbnail = decode(photo.thumbnail().orElseThrow());
            boolean turned = orientation >= 5;
            assertEquals(turned ? 100 : 300, thumbnail.getWidth(), "orientation " + orientation);
            assertEquals(turned ? 300 : 100, thumbnail.getHeight(), "orientation " + orientation);
            assertEquals(orientation != 1, latin1(photo.bytes()).contains("Exif"), "orientation " + orientation);
        }
    }

    @Test
    void aPngIsAPngWhateverTheNameSaid() {
        Inspection.Accepted picture = accepted(inspector.inspect(Photos.png(500, 1000)));
        assertEquals(MediaType.PNG, picture.type());
        assertEquals("image/png", picture.type().contentType());
        BufferedImage thumbnail = decode(picture.thumbnail().orElseThrow());
        assertEquals(160, thumbnail.getWidth());
        assertEquals(320, thumbnail.getHeight());
        assertEquals(Optional.of(MediaType.JPEG), MediaType.sniff(picture.thumbnail().orElseThrow()));
    }

    @Test
    void pngTextAndExifChunksAreRemovedAndItStillDecodes() {
        byte[] png = Photos.png(64, 48);
        png = PngChunks.afterHeader(png, PngChunks.chunk("tEXt", "Author\0Jo Resident".getBytes(StandardCharsets.ISO_8859_1)));
        png = PngChunks.afterHeader(png, PngChunks.chunk("tIME", new byte[] {0x07, (byte) 0xEA, 12, 3, 9, 41, 0}));
        png = PngChunks.afterHeader(png, PngChunks.chunk("eXIf",
                Photos.tiff(ByteOrder.BIG_ENDIAN, Optional.of(new GeoPoint(-41.2865, 174.7762)), 1)));
        decode(png);

        Inspection.Accepted picture = accepted(inspector.inspect(png));

        assertEquals(-41.2865, picture.gps().orElseThrow().latitude(), 1e-6);
        assertEquals(174.7762, picture.gps().orElseThrow().longitude(), 1e-6);
        String stored = latin1(picture.bytes());
        assertFalse(stored.contains("tEXt"));
        assertFalse(stored.contains("Jo Resident"));
        assertFalse(stored.contains("eXIf"));
        assertFalse(stored.contains("tIME"));
        assertFalse(stored.contains(Photos.MAKE));
        BufferedImage image = decode(picture.bytes());
        assertEquals(64, image.getWidth());
        assertEquals(48, image.getHeight());
        assertTrue(image.getColorModel().hasAlpha(), "the picture itself is untouched");
    }

    @Test
    void tooLargeIsCheckedOnTheBytesBeforeAnything() {
        byte[] photo = Photos.jpeg(100, 100);
        MediaInspector tight = new MediaInspector(new MediaLimits(photo.length - 1, 1_000_000, 50_000_000));
        Inspection.Refused refused = refused(tight.inspect(photo));
        assertEquals(Refusal.TOO_LARGE, refused.refusal());
        accepted(new MediaInspector(new MediaLimits(photo.length, 1_000_000, 50_000_000)).inspect(photo));

        byte[] video = Photos.mp4();
        assertEquals(Refusal.TOO_LARGE, refused(new MediaInspector(new MediaLimits(1_000_000, video.length - 1, 1)).inspect(video)).refusal());
    }

    @Test
    void tooLargeSaysByHowMuch() {
        byte[] big = Arrays.copyOf(Photos.mp4(), 13_002_342);
        Inspection.Refused refused = refused(new MediaInspector(new MediaLimits(10L << 20, 10L << 20, 1)).inspect(big));
        assertEquals("12.4 MB over 10 MB", refused.detail());
    }

    @Test
    void aPngClaimingTenBillionPixelsIsRefusedFromItsHeader() {
        byte[] bomb = PngChunks.claiming(100_000, 100_000);
        Inspection inspection = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> inspector.inspect(bomb));
        Inspection.Refused refused = refused(inspection);
        assertEquals(Refusal.TOO_MANY_PIXELS, refused.refusal());
        assertTrue(refused.detail().contains("100000 x 100000"), refused.detail());
    }

    @Test
    void aJpegOverThePixelLimitIsRefused() {
        MediaInspector small = new MediaInspector(new MediaLimits(10L << 20, 25L << 20, 10_000));
        assertEquals(Refusal.TOO_MANY_PIXELS, refused(small.inspect(Photos.jpeg(101, 100))).refusal());
        accepted(small.inspect(Photos.jpeg(100, 100)));
    }

    @Test
    void aTruncatedJpegIsUnreadable() {
        byte[] photo = Photos.jpegWithGps(300, 200, 51.5, -0.1);
        for (int keep : new int[] {3, 20, photo.length / 3, photo.length / 2, photo.length - 2}) {
            Inspection.Refused refused = refused(inspector.inspect(Arrays.copyOf(photo, keep)));
            assertEquals(Refusal.UNREADABLE, refused.refusal(), "kept " + keep);
        }
    }

    @Test
    void randomBytesAfterAPngSignatureAreUnreadable() {
        Random random = new Random(11);
        for (int round = 0; round < 50; round++) {
            byte[] bytes = new byte[8 + random.nextInt(2000)];
            random.nextBytes(bytes);
            System.arraycopy(MediaType.PNG_SIGNATURE, 0, bytes, 0, 8);
            assertEquals(Refusal.UNREADABLE, refused(inspector.inspect(bytes)).refusal());
        }
    }

    @Test
    void aPngWithCorruptImageDataIsUnreadable() {
        byte[] png = PngChunks.claiming(50, 50); // its IDAT holds no rows at all
        assertEquals(Refusal.UNREADABLE, refused(inspector.inspect(png)).refusal());
    }

    @Test
    void hostileExifInAJpegGivesNoPositionAndNoException() {
        byte[][] hostile = {
            {'M', 'M', 0, 42, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF},
            {'I', 'I', 42, 0, 8, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, 0x25, (byte) 0x88, 4, 0, 1, 0, 0, 0, 8, 0, 0, 0},
            {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, (byte) 0x88, 0x25, 0, 4, 0, 0, 0, 1, 0, 0, 0, 8, 0, 0, 0, 0},
            {'M', 'M', 0, 42},
            {},
        };
        for (byte[] tiff : hostile) {
            byte[] exif = new byte[6 + tiff.length];
            System.arraycopy("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), 0, exif, 0, 6);
            System.arraycopy(tiff, 0, exif, 6, tiff.length);
            Inspection.Accepted photo = accepted(inspector.inspect(Photos.withSegment(Photos.jpeg(40, 30), 0xE1, exif)));
            assertEquals(Optional.empty(), photo.gps());
            assertFalse(latin1(photo.bytes()).contains("Exif"));
        }
    }

    @Test
    void damagedBytesAnywhereNeverThrow() {
        Random random = new Random(3);
        byte[][] originals = {Photos.jpegWithGps(64, 48, 51.5, -0.1), Photos.png(40, 30), Photos.mp4()};
        for (int round = 0; round < 300; round++) {
            byte[] bytes = originals[round % originals.length].clone();
            for (int flips = 1 + random.nextInt(6); flips > 0; flips--) {
                bytes[3 + random.nextInt(bytes.length - 3)] = (byte) random.nextInt(256);
            }
            if (random.nextBoolean()) {
                bytes = Arrays.copyOf(bytes, 3 + random.nextInt(bytes.length - 3));
            }
            Inspection inspection = inspector.inspect(bytes);
            if (inspection instanceof Inspection.Accepted ok && ok.type().isImage()) {
                decode(ok.bytes());
            }
        }
    }

    @Test
    void anMp4IsKeptAsReceivedWithNoThumbnail() {
        byte[] video = Photos.mp4();
        Inspection.Accepted accepted = accepted(inspector.inspect(video));
        assertEquals(MediaType.MP4, accepted.type());
        assertArrayEquals(video, accepted.bytes());
        assertEquals(Optional.empty(), accepted.thumbnail());
        assertEquals(Optional.empty(), accepted.gps());
        assertEquals(0, accepted.width());
        assertEquals(0, accepted.height());
        assertEquals(MediaType.QUICKTIME, accepted(inspector.inspect(MediaTypeTest.ftyp("qt  "))).type());
        assertEquals(MediaType.THREE_GP, accepted(inspector.inspect(MediaTypeTest.ftyp("3gp4"))).type());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"'%PDF-1.7 trailer', PDF", "'<!DOCTYPE html><html><body>', HTML", "'  <html>', HTML", "'GIF89a\u0001\u0000', GIF",
        "'RIFF\u0010\u0000\u0000\u0000WEBPVP8 ', WebP"})
    void otherFilesAreRefusedEvenWhenNamedJpg(String content, String guess) {
        Inspection.Refused refused = refused(inspector.inspect(content.getBytes(StandardCharsets.ISO_8859_1)));
        assertEquals(Refusal.NOT_ACCEPTED_TYPE, refused.refusal());
        assertTrue(refused.detail().contains(guess), refused.detail());
    }

    @Test
    void heicIsRefusedAndSaysWhy() {
        for (String brand : new String[] {"heic", "heix", "mif1"}) {
            Inspection.Refused refused = refused(inspector.inspect(MediaTypeTest.ftyp(brand)));
            assertEquals(Refusal.NOT_ACCEPTED_TYPE, refused.refusal());
            assertTrue(refused.detail().contains("HEIC"), refused.detail());
        }
        assertTrue(Refusal.NOT_ACCEPTED_TYPE.words().contains("HEIC"));
    }

    @Test
    void thePdfFixtureIsRefusedAsAPdf() {
        Inspection.Refused refused = refused(inspector.inspect(Photos.pdf()));
        assertEquals("starts like a PDF", refused.detail());
        assertEquals(Refusal.UNREADABLE, refused(inspector.inspect(new byte[0])).refusal());
    }

    @Test
    void refusalWordsArePlainAndShort() {
        for (Refusal refusal : Refusal.values()) {
            assertFalse(refusal.words().isBlank());
            assertTrue(refusal.words().length() <= 120, refusal.words());
        }
    }

    @Test
    void thumbnailsAreJpegsNoLongerThan320() {
        int[][] sizes = {{4000, 3000}, {3000, 4000}, {321, 10}, {320, 320}, {50, 20}, {1, 1}, {2000, 1}};
        for (int[] size : sizes) {
            Inspection.Accepted photo = accepted(inspector.inspect(Photos.jpeg(size[0], size[1])));
            byte[] thumbnail = photo.thumbnail().orElseThrow();
            assertEquals(Optional.of(MediaType.JPEG), MediaType.sniff(thumbnail));
            BufferedImage image = decode(thumbnail);
            assertTrue(Math.max(image.getWidth(), image.getHeight()) <= 320, size[0] + "x" + size[1]);
            assertEquals(Math.min(320, Math.max(size[0], size[1])), Math.max(image.getWidth(), image.getHeight()));
        }
    }

    @Test
    void aProgressiveJpegIsKeptAndStillDecodes() throws IOException {
        BufferedImage source = decode(Photos.jpeg(300, 200));
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            writer.write(null, new IIOImage(source, null, null), param);
        } finally {
            writer.dispose();
        }
        byte[] progressive = Photos.withSegment(out.toByteArray(), 0xFE, Photos.COMMENT.getBytes(StandardCharsets.UTF_8));
        assertTrue(count(latin1(progressive), "\u00FF\u00DA") > 1, "several scans");

        Inspection.Accepted photo = accepted(inspector.inspect(progressive));

        assertFalse(latin1(photo.bytes()).contains(Photos.COMMENT));
        BufferedImage image = decode(photo.bytes());
        assertEquals(300, image.getWidth());
        assertEquals(200, image.getHeight());
    }

    @Test
    void whatFollowsTheEndMarkerIsNotStored() {
        byte[] photo = Photos.jpeg(40, 30);
        byte[] trailer = ("\u00FF\u00D8\u00FF\u00E1Exif\0\0" + Photos.MODEL).getBytes(StandardCharsets.ISO_8859_1);
        byte[] sent = Arrays.copyOf(photo, photo.length + trailer.length);
        System.arraycopy(trailer, 0, sent, photo.length, trailer.length);

        Inspection.Accepted accepted = accepted(inspector.inspect(sent));

        assertArrayEquals(photo, accepted.bytes(), "ImageIO's JPEG is all kept segments, so nothing but the trailer goes");
    }
}
