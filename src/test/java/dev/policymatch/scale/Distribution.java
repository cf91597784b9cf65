package dev.policymatch.scale;

import java.util.Arrays;

/**
 * Median, 99th percentile (nearest rank), maximum and total of measured values: latencies in nanoseconds,
 * report sizes in bytes.
 */
record Distribution(int count, long median, long p99, long max, long total) {

    static Distribution of(long[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return new Distribution(sorted.length, rank(sorted, 0.5), rank(sorted, 0.99), sorted[sorted.length - 1],
                Arrays.stream(sorted).sum());
    }

    /** The smallest value that at least {@code fraction} of the values do not exceed. */
    private static long rank(long[] sorted, double fraction) {
        return sorted[Math.max(0, (int) Math.ceil(sorted.length * fraction) - 1)];
    }
}
