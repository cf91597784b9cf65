package dev.policymatch.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/** The table drivers' timing loop: median wall time of several runs after warm-up. */
final class Timing {
    private Timing() {
    }

    /** Median wall time of {@code runs} runs after as many warm-up runs (at most 20). */
    static double medianMillis(int runs, Supplier<?> task) {
        for (int i = 0; i < Math.min(runs, 20); i++) {
            task.get();
        }
        List<Long> times = new ArrayList<>(runs);
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            task.get();
            times.add(System.nanoTime() - start);
        }
        long[] sorted = times.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2] / 1e6;
    }
}
