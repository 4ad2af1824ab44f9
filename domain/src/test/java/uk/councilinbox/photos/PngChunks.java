package uk.councilinbox.photos;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/** PNG chunk bytes for tests: chunks with their CRC, put after IHDR, and a header-only PNG claiming any size. */
final class PngChunks {

    private PngChunks() {}

    static byte[] chunk(String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        return ByteBuffer.allocate(12 + data.length).putInt(data.length).put(typeBytes).put(data).putInt((int) crc.getValue()).array();
    }

    /** {@code png} with {@code chunk} right after its 8-byte signature and 25-byte IHDR. */
    static byte[] afterHeader(byte[] png, byte[] chunk) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, 33);
        out.writeBytes(chunk);
        out.write(png, 33, png.length - 33);
        return out.toByteArray();
    }

    /** A well-formed PNG whose IHDR claims {@code width} x {@code height} 8-bit RGB, with one tiny IDAT: a decompression bomb's header. */
    static byte[] claiming(int width, int height) {
        byte[] ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0)
                .put((byte) 0).array();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        out.writeBytes(chunk("IHDR", ihdr));
        out.writeBytes(chunk("IDAT", new byte[] {0x78, (byte) 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01}));
        out.writeBytes(chunk("IEND", new byte[0]));
        return out.toByteArray();
    }
}
