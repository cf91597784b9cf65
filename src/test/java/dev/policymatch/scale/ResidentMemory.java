package dev.policymatch.scale;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A process's resident memory as Linux counts it in {@code /proc/<pid>/status}: {@code VmRSS} now and
 * {@code VmHWM}, the most it has had resident at any moment. This is what a container's memory limit
 * is held against (heap, metaspace, code cache, thread stacks, GC structures, direct buffers and the
 * JVM's own libraries together), where the heap is only a part.
 */
record ResidentMemory(long bytes, long peakBytes) {

    static Optional<ResidentMemory> of(long pid) {
        try {
            return parse(Files.readString(Path.of("/proc", String.valueOf(pid), "status")));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** From the text of a {@code status} file; empty when it lacks either line. */
    static Optional<ResidentMemory> parse(String status) {
        long rss = -1;
        long peak = -1;
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                rss = kibibytes(line);
            } else if (line.startsWith("VmHWM:")) {
                peak = kibibytes(line);
            }
        }
        return rss < 0 || peak < 0 ? Optional.empty() : Optional.of(new ResidentMemory(rss << 10, peak << 10));
    }

    /** {@code VmRSS:\t  123456 kB} */
    private static long kibibytes(String line) {
        String[] parts = line.substring(line.indexOf(':') + 1).trim().split("\\s+");
        return Long.parseLong(parts[0]);
    }

    long mebibytes() {
        return bytes >> 20;
    }

    long peakMebibytes() {
        return peakBytes >> 20;
    }
}
