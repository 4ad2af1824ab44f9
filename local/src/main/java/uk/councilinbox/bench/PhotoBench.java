package uk.councilinbox.bench;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import uk.councilinbox.photos.Inspection;
import uk.councilinbox.photos.MediaInspector;
import uk.councilinbox.photos.MediaLimits;

/**
 * What checking one resident's photo costs in the photos function: a phone-sized JPEG (12 MP, noisy enough to be a few
 * megabytes like a real one) through {@link MediaInspector} (sniff, pixel check, metadata strip, GPS read, subsampled
 * decode, thumbnail), on one core. Prints the time per photo and the heap it needed.
 *
 * <p>{@code bin/bench-photos [photos, default 20]}
 */
public final class PhotoBench {

    private PhotoBench() {}

    public static void main(String[] args) throws IOException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        byte[] photo = phonePhoto(4032, 3024);
        MediaInspector inspector = new MediaInspector(MediaLimits.defaults());
        for (int i = 0; i < 3; i++) {
            inspector.inspect(photo); // warm the JPEG codec, as priming does
        }
        long[] nanos = new long[n];
        Runtime runtime = Runtime.getRuntime();
        long peak = 0;
        Inspection last = null;
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            last = inspector.inspect(photo);
            nanos[i] = System.nanoTime() - start;
            peak = Math.max(peak, runtime.totalMemory() - runtime.freeMemory());
        }
        Arrays.sort(nanos);
        System.out.printf("photo: 4032x3024 JPEG, %.1f MB; result %s%n", photo.length / 1e6, last.getClass().getSimpleName());
        System.out.printf("per photo: p50 %.0f ms, p90 %.0f ms, max %.0f ms (n=%d, one core)%n", nanos[n / 2] / 1e6,
                nanos[(int) (n * 0.9)] / 1e6, nanos[n - 1] / 1e6, n);
        System.out.printf("heap: peak %d MB in use of %d MB allowed%n", peak >> 20, runtime.maxMemory() >> 20);
    }

    private static byte[] phonePhoto(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(18);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int grey = 90 + (x * 60 / width) + random.nextInt(40);
                image.setRGB(x, y, (grey << 16) | ((grey - 10) << 8) | (grey - 20));
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.9f);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
