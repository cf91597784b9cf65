package dev.policymatch.bench;

import static dev.policymatch.bench.Timing.medianMillis;

import dev.policymatch.diff.DiffSide;
import dev.policymatch.diff.EstateDiff;
import dev.policymatch.diff.SideDescription;
import dev.policymatch.match.Estate;
import dev.policymatch.match.MatchIndex;
import dev.policymatch.model.Policy;
import dev.policymatch.validation.ResourceValidator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Prints the diff-engine benchmark table (docs/benchmarks.md): on the match benchmark's estate, a policy change as
 * a diff, computed incrementally (the base's index updated to the head, only reported endpoints compared) beside
 * the full computation (a second build, every endpoint compared). Plain timing loops, median after warm-up.
 *
 * <pre>java -Xmx3g -cp target/test-classes:target/classes:$(cat target/bench-classpath.txt) \
 *     dev.policymatch.bench.DiffBenchmarkReport [endpoints] [policies]</pre>
 */
public final class DiffBenchmarkReport {
    private static final ResourceValidator VALIDATOR = new ResourceValidator();
    private static final SideDescription SIDE = new SideDescription(SideDescription.MANIFESTS, List.of(), null);

    private DiffBenchmarkReport() {
    }

    public static void main(String[] args) {
        int endpointCount = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int policyCount = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        MatchWorkload workload = MatchWorkload.generate(endpointCount, policyCount);
        Estate base = Estate.of(workload.endpoints(), workload.policies(), workload.profiles(), workload.tiers());
        System.out.printf(Locale.ROOT, "Diff engine, %,d endpoints x %,d policies (the match benchmark's estate)%n",
                endpointCount, policyCount);
        change(base, "NetworkPolicy 4's selector", MatchWorkload.policy(new Random(), 4, 1));
        change(base, "GlobalNetworkPolicy 7's selector", MatchWorkload.policy(new Random(), 7, 1));
    }

    private static void change(Estate base, String what, Policy changed) {
        Estate head = base.overlay(Estate.of(List.of(), List.of(changed), List.of(), List.of()));
        DiffSide baseSide = new DiffSide(base, Map.of(), SIDE);
        DiffSide headSide = new DiffSide(head, Map.of(), SIDE);
        EstateDiff diff = EstateDiff.compute(baseSide, headSide, VALIDATOR);
        if (!diff.equals(EstateDiff.computeFully(baseSide, headSide, VALIDATOR))) {
            throw new IllegalStateException("the incremental diff differs from the full one: " + what);
        }
        // The index goes base → head → base: each run diffs its current estate against the other, no rebuild timed.
        MatchIndex index = MatchIndex.builder().estate(base).build();
        DiffSide[][] sides = {{baseSide, headSide}, {headSide, baseSide}};
        int[] toggle = {1};
        Supplier<Object> incremental = () -> {
            DiffSide[] pair = sides[toggle[0] ^= 1];
            return EstateDiff.update(index, pair[0], pair[1], VALIDATOR);
        };
        double build = medianMillis(5, () -> MatchIndex.builder().estate(base).build());
        double headIncremental = medianMillis(21, incremental);
        MatchIndex baseIndex = MatchIndex.builder().estate(base).build();
        double headFull = medianMillis(5, () -> EstateDiff.compareAll(baseIndex, baseSide,
                MatchIndex.builder().estate(head).build(), headSide, VALIDATOR));
        double total = medianMillis(5, () -> EstateDiff.compute(baseSide, headSide, VALIDATOR));
        double twoFull = medianMillis(5, () -> EstateDiff.computeFully(baseSide, headSide, VALIDATOR));
        System.out.printf(Locale.ROOT, "%n%s: %,d endpoints affected%n", what, diff.summary().endpointsAffected());
        System.out.printf(Locale.ROOT, "%-52s %10s %s%n", "row", "ms", "target");
        System.out.printf(Locale.ROOT, "%-52s %10.1f %s%n", "base build", build, "shared by both");
        System.out.printf(Locale.ROOT, "%-52s %10.2f %s%n", "head, incremental (apply + compare affected)",
                headIncremental, String.format(Locale.ROOT, ">= 10x faster than head, full: %.0fx",
                        headFull / headIncremental));
        System.out.printf(Locale.ROOT, "%-52s %10.1f%n", "head, full (second build + compare every endpoint)",
                headFull);
        System.out.printf(Locale.ROOT, "%-52s %10.1f %s%n", "diff engine total (EstateDiff.compute)", total,
                "< 1000 ms");
        System.out.printf(Locale.ROOT, "%-52s %10.1f %s%n", "two full computations (EstateDiff.computeFully)",
                twoFull, String.format(Locale.ROOT, "%.2fx the engine total", twoFull / total));
    }
}
