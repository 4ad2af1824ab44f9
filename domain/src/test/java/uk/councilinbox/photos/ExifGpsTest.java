package uk.councilinbox.photos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import uk.councilinbox.messages.GeoPoint;
import uk.councilinbox.testing.Photos;

class ExifGpsTest {

    enum Order {
        LITTLE(ByteOrder.LITTLE_ENDIAN), BIG(ByteOrder.BIG_ENDIAN);

        final ByteOrder order;

        Order(ByteOrder order) {
            this.order = order;
        }
    }

    @ParameterizedTest
    @EnumSource(Order.class)
    void readsGpsAndOrientationInEitherByteOrder(Order order) {
        ExifGps.Facts north = ExifGps.read(Photos.tiff(order.order, Optional.of(new GeoPoint(53.480759, -2.242631)), 6));
        assertEquals(53.480759, north.gps().orElseThrow().latitude(), 1e-6);
        assertEquals(-2.242631, north.gps().orElseThrow().longitude(), 1e-6);
        assertEquals(6, north.orientation());

        ExifGps.Facts south = ExifGps.read(Photos.tiff(order.order, Optional.of(new GeoPoint(-33.856784, 151.215297)), 1));
        assertEquals(-33.856784, south.gps().orElseThrow().latitude(), 1e-6);
        assertEquals(151.215297, south.gps().orElseThrow().longitude(), 1e-6);
        assertEquals(1, south.orientation());
    }

    @Test
    void noGpsIfdMeansNoPosition() {
        assertEquals(new ExifGps.Facts(Optional.empty(), 3), ExifGps.read(Photos.tiff(ByteOrder.BIG_ENDIAN, Optional.empty(), 3)));
    }

    /** A big-endian TIFF: IFD0 at 8 with a GPS pointer to {@code gpsAt}; the GPS IFD's entries are written by the caller. */
    private static ByteBuffer tiffWithGpsPointer(int size, long gpsAt) {
        ByteBuffer b = ByteBuffer.allocate(size);
        b.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8);
        b.putShort((short) 1).putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt((int) gpsAt).putInt(0);
        return b; // position 26
    }

    private static void gpsEntries(ByteBuffer b, int at, long latCount, long latOffset, long lonOffset) {
        b.position(at);
        b.putShort((short) 4);
        b.putShort((short) 1).putShort((short) 2).putInt(2).put((byte) 'N').put(new byte[3]);
        b.putShort((short) 2).putShort((short) 5).putInt((int) latCount).putInt((int) latOffset);
        b.putShort((short) 3).putShort((short) 2).putInt(2).put((byte) 'E').put(new byte[3]);
        b.putShort((short) 4).putShort((short) 5).putInt(3).putInt((int) lonOffset);
        b.putInt(0);
    }

    private static void rationals(ByteBuffer b, int at, int... parts) {
        b.position(at);
        for (int p : parts) {
            b.putInt(p);
        }
    }

    @Test
    void aWellFormedHandBuiltGpsIfdIsRead() {
        ByteBuffer b = tiffWithGpsPointer(200, 26);
        gpsEntries(b, 26, 3, 100, 130);
        rationals(b, 100, 51, 1, 30, 1, 0, 1);
        rationals(b, 130, 0, 1, 7, 1, 30, 1);
        GeoPoint p = ExifGps.read(b.array()).gps().orElseThrow();
        assertEquals(51.5, p.latitude(), 1e-9);
        assertEquals(0.125, p.longitude(), 1e-9);
    }

    @Test
    void zeroDenominatorsGiveNoPosition() {
        ByteBuffer b = tiffWithGpsPointer(200, 26);
        gpsEntries(b, 26, 3, 100, 130);
        rationals(b, 100, 51, 1, 30, 0, 0, 1);
        rationals(b, 130, 0, 1, 7, 1, 30, 1);
        assertEquals(Optional.empty(), ExifGps.read(b.array()).gps());
    }

    @Test
    void offsetsPastTheEndGiveNoPosition() {
        ByteBuffer b = tiffWithGpsPointer(200, 26);
        gpsEntries(b, 26, 3, 190, 0xFFFFFFF0L);
        assertEquals(Optional.empty(), ExifGps.read(b.array()).gps());
        assertEquals(Optional.empty(), ExifGps.read(tiffWithGpsPointer(200, 0xFFFFFFFFL).array()).gps());
        assertEquals(Optional.empty(), ExifGps.read(tiffWithGpsPointer(200, 199).array()).gps());
    }

    @Test
    void hugeCountsGiveNoPosition() {
        ByteBuffer b = tiffWithGpsPointer(200, 26);
        gpsEntries(b, 26, 0xFFFFFFFFL, 100, 130);
        assertEquals(Optional.empty(), ExifGps.read(b.array()).gps());
        // IFD0 claiming 65535 entries in a 30-byte structure
        ByteBuffer many = ByteBuffer.allocate(30).put((byte) 'I').put((byte) 'I').put((byte) 42).put((byte) 0).put((byte) 8)
                .put(new byte[3]).put((byte) 0xFF).put((byte) 0xFF);
        assertEquals(ExifGps.Facts.NONE, ExifGps.read(many.array()));
    }

    @Test
    void aGpsIfdPointingAtItselfOrAtIfd0EndsWithNoPosition() {
        ByteBuffer self = tiffWithGpsPointer(60, 26);
        self.position(26);
        self.putShort((short) 1).putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(26).putInt(26);
        assertEquals(Optional.empty(), ExifGps.read(self.array()).gps());
        assertEquals(Optional.empty(), ExifGps.read(tiffWithGpsPointer(60, 8).array()).gps());
    }

    @Test
    void outOfRangePositionsAreAbsent() {
        ByteBuffer b = tiffWithGpsPointer(200, 26);
        gpsEntries(b, 26, 3, 100, 130);
        rationals(b, 100, 95, 1, 0, 1, 0, 1);
        rationals(b, 130, 0, 1, 7, 1, 30, 1);
        assertEquals(Optional.empty(), ExifGps.read(b.array()).gps());
    }

    @Test
    void randomBytesNeverThrow() {
        Random random = new Random(7);
        byte[] valid = Photos.tiff(ByteOrder.LITTLE_ENDIAN, Optional.of(new GeoPoint(52.2, 0.12)), 6);
        for (int round = 0; round < 20_000; round++) {
            byte[] bytes = round % 2 == 0 ? new byte[random.nextInt(64)] : valid.clone();
            if (round % 2 == 0) {
                random.nextBytes(bytes);
                if (bytes.length >= 4) {
                    bytes[0] = 'I';
                    bytes[1] = 'I';
                    bytes[2] = 42;
                    bytes[3] = 0;
                }
            } else {
                for (int flips = 0; flips < 4; flips++) {
                    bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                }
            }
            ExifGps.Facts facts = ExifGps.read(bytes);
            assertTrue(facts.orientation() >= 1 && facts.orientation() <= 8);
        }
    }
}
