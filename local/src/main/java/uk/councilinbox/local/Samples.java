package uk.councilinbox.local;

import java.util.Arrays;

/** Durations of something, in nanoseconds, the newest up to a bound kept, so a long local run does not grow without end. */
public final class Samples {

    private final long[] ring;
    private long count;

    public Samples(int capacity) {
        this.ring = new long[capacity];
    }

    public synchronized void add(long nanos) {
        ring[(int) (count % ring.length)] = nanos;
        count++;
    }

    /** How many have been added so far: a mark for {@link #since}. */
    public synchronized long count() {
        return count;
    }

    /** Those added after {@link #count()} returned {@code mark}, oldest first (at most the bound, the newest). */
    public synchronized long[] since(long mark) {
        long from = Math.max(mark, count - ring.length);
        long[] out = new long[(int) Math.max(0, count - from)];
        for (int i = 0; i < out.length; i++) {
            out[i] = ring[(int) ((from + i) % ring.length)];
        }
        return out;
    }

    @Override
    public synchronized String toString() {
        return "Samples" + Arrays.toString(since(0));
    }
}
