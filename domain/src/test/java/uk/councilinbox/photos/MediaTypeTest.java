package uk.councilinbox.photos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.councilinbox.testing.Photos;

class MediaTypeTest {

    static byte[] ftyp(String brand) {
        return ByteBuffer.allocate(24).putInt(24).put(ascii("ftyp")).put(ascii(brand)).putInt(0).put(ascii(brand)).put(ascii("mp41"))
                .array();
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void recognisesJpegAndPngByTheirFirstBytes() {
        assertEquals(Optional.of(MediaType.JPEG), MediaType.sniff(Photos.jpeg(8, 8)));
        assertEquals(Optional.of(MediaType.PNG), MediaType.sniff(Photos.png(8, 8)));
        assertEquals(Optional.of(MediaType.MP4), MediaType.sniff(Photos.mp4()));
    }

    @ParameterizedTest
    @CsvSource({"isom, MP4", "mp41, MP4", "mp42, MP4", "avc1, MP4", "'M4V ', MP4", "dash, MP4", "'qt  ', QUICKTIME", "3gp4, THREE_GP",
        "3gp5, THREE_GP", "3g2a, THREE_GP"})
    void readsTheVideoKindFromTheMajorBrand(String brand, MediaType expected) {
        assertEquals(Optional.of(expected), MediaType.sniff(ftyp(brand)));
    }

    @ParameterizedTest
    @CsvSource({"heic", "heix", "mif1", "avif"})
    void stillImageBrandsAreNotVideos(String brand) {
        assertEquals(Optional.empty(), MediaType.sniff(ftyp(brand)));
    }

    @Test
    void nothingElseIsRecognised() {
        assertEquals(Optional.empty(), MediaType.sniff(Photos.pdf()));
        assertEquals(Optional.empty(), MediaType.sniff(ascii("<!DOCTYPE html><html>")));
        assertEquals(Optional.empty(), MediaType.sniff(ascii("GIF89a....")));
        assertEquals(Optional.empty(), MediaType.sniff(new byte[0]));
        assertEquals(Optional.empty(), MediaType.sniff(new byte[] {(byte) 0xFF, (byte) 0xD8}));
        assertEquals(Optional.empty(), MediaType.sniff(ascii("\0\0\0\4ftypisom")));
    }

    @Test
    void describesItself() {
        assertEquals("image/jpeg", MediaType.JPEG.contentType());
        assertEquals("mov", MediaType.QUICKTIME.extension());
        assertEquals("video/3gpp", MediaType.THREE_GP.contentType());
        assertTrue(MediaType.PNG.isImage());
        assertFalse(MediaType.MP4.isImage());
    }

    @Test
    void limitsDefaultToTheDocumentedValues() {
        MediaLimits limits = MediaLimits.defaults();
        assertEquals(10L * 1024 * 1024, limits.maxImageBytes());
        assertEquals(25L * 1024 * 1024, limits.maxVideoBytes());
        assertEquals(50_000_000L, limits.maxPixels());
        assertEquals(25L * 1024 * 1024, limits.maxDownloadBytes());
    }
}
