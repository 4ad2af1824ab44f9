package uk.councilinbox.bench;

import java.util.Arrays;

/** Percentiles of a set of durations in nanoseconds, printed in milliseconds. */
public record Stats(int count, double p50Ms, double p99Ms, double maxMs) {

    public static Stats of(long[] nanos) {
        if (nanos.length == 0) {
            return new Stats(0, Double.NaN, Double.NaN, Double.NaN);
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new Stats(sorted.length, percentile(sorted, 0.50) / 1e6, percentile(sorted, 0.99) / 1e6, sorted[sorted.length - 1] / 1e6);
    }

    /** Nearest-rank percentile. */
    static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    @Override
    public String toString() {
        return String.format("p50 %s, p99 %s, max %s (n=%d)", ms(p50Ms), ms(p99Ms), ms(maxMs), count);
    }

    static String ms(double ms) {
        return ms >= 100 ? String.format("%.0f ms", ms) : String.format("%.1f ms", ms);
    }
}
