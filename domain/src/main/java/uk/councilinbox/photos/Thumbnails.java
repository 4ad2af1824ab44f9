package uk.councilinbox.photos;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Decodes a stored image with javax.imageio (proving it still opens) and makes the staff thumbnail. The size is read from the
 * reader before any pixel is decoded and refused over the pixel limit; decoding uses source subsampling, so a 12 MP photo
 * becomes a raster of about a megapixel at most, never a full one. Streams are in-memory ones made here (no ImageIO cache
 * setting, no temporary files), and nothing touches AWT's Toolkit, so this works headless.
 */
final class Thumbnails {

    static final int LONGER_SIDE = 320;
    private static final float QUALITY = 0.8f;

    sealed interface Outcome {}

    /** The image opened at {@code width} x {@code height}; {@code jpeg} is the thumbnail. */
    record Made(int width, int height, byte[] jpeg) implements Outcome {}

    record TooManyPixels(long width, long height) implements Outcome {}

    record Unreadable(String detail) implements Outcome {}

    private Thumbnails() {}

    /** Never throws for bad bytes: what ImageIO cannot read is {@link Unreadable}. */
    static Outcome make(byte[] image, MediaType type, long maxPixels, int orientation) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(type == MediaType.PNG ? "png" : "jpeg");
        if (!readers.hasNext()) {
            return new Unreadable("no decoder for " + type.contentType());
        }
        ImageReader reader = readers.next();
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(image))) {
            reader.setInput(in, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if ((long) width * height > maxPixels) {
                return new TooManyPixels(width, height);
            }
            ImageReadParam param = reader.getDefaultReadParam();
            // Keep about twice the thumbnail's size, so the final box-filter scale still smooths.
            int step = Math.max(1, Math.max(width, height) / (2 * LONGER_SIDE));
            param.setSourceSubsampling(step, step, 0, 0);
            BufferedImage decoded = reader.read(0, param);
            return new Made(width, height, writeJpeg(oriented(scaled(decoded), orientation)));
        } catch (IOException | RuntimeException e) {
            // ImageIO reports broken data as IIOException and, for some corruptions, as runtime exceptions.
            return new Unreadable("the picture does not decode");
        } finally {
            reader.dispose();
        }
    }

    /** Box-filtered to at most {@link #LONGER_SIDE} on the longer side, as opaque RGB (transparency over white). */
    static BufferedImage scaled(BufferedImage source) {
        int w = source.getWidth();
        int h = source.getHeight();
        int longer = Math.max(w, h);
        int tw = longer <= LONGER_SIDE ? w : Math.max(1, (int) Math.round((double) w * LONGER_SIDE / longer));
        int th = longer <= LONGER_SIDE ? h : Math.max(1, (int) Math.round((double) h * LONGER_SIDE / longer));
        BufferedImage out = new BufferedImage(tw, th, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[w];
        long[] sums = new long[tw * 4];
        int sy = 0;
        for (int ty = 0; ty < th; ty++) {
            Arrays.fill(sums, 0);
            int syEnd = (int) ((long) (ty + 1) * h / th);
            for (; sy < syEnd; sy++) {
                source.getRGB(0, sy, w, 1, row, 0, w);
                for (int sx = 0; sx < w; sx++) {
                    int tx = (int) ((long) sx * tw / w);
                    int argb = row[sx];
                    int alpha = argb >>> 24;
                    int k = tx * 4;
                    sums[k] += over(argb >> 16 & 0xFF, alpha);
                    sums[k + 1] += over(argb >> 8 & 0xFF, alpha);
                    sums[k + 2] += over(argb & 0xFF, alpha);
                    sums[k + 3]++;
                }
            }
            for (int tx = 0; tx < tw; tx++) {
                int k = tx * 4;
                long n = Math.max(1, sums[k + 3]);
                out.setRGB(tx, ty, (int) (sums[k] / n) << 16 | (int) (sums[k + 1] / n) << 8 | (int) (sums[k + 2] / n));
            }
        }
        return out;
    }

    private static int over(int channel, int alpha) {
        return (channel * alpha + 255 * (255 - alpha)) / 255;
    }

    /** The raster turned as EXIF Orientation 1..8 says, so the thumbnail is the right way up. */
    static BufferedImage oriented(BufferedImage source, int orientation) {
        if (orientation < 2 || orientation > 8) {
            return source;
        }
        int w = source.getWidth();
        int h = source.getHeight();
        boolean swaps = orientation >= 5;
        int ow = swaps ? h : w;
        int oh = swaps ? w : h;
        BufferedImage out = new BufferedImage(ow, oh, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                int rgb = switch (orientation) {
                    case 2 -> source.getRGB(w - 1 - x, y); // mirrored
                    case 3 -> source.getRGB(w - 1 - x, h - 1 - y); // upside down
                    case 4 -> source.getRGB(x, h - 1 - y); // mirrored upside down
                    case 5 -> source.getRGB(y, x); // transposed
                    case 6 -> source.getRGB(y, h - 1 - x); // needs a quarter turn clockwise
                    case 7 -> source.getRGB(w - 1 - y, h - 1 - x); // transversed
                    default -> source.getRGB(w - 1 - y, x); // 8: needs a quarter turn anticlockwise
                };
                out.setRGB(x, y, rgb);
            }
        }
        return out;
    }

    private static byte[] writeJpeg(BufferedImage rgb) throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        if (!writers.hasNext()) {
            throw new IOException("no JPEG writer");
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(QUALITY);
            writer.write(null, new IIOImage(rgb, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
