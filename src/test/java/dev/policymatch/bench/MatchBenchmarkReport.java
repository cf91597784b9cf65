package dev.policymatch.bench;

import dev.policymatch.match.MatchIndex;
import dev.policymatch.match.NaiveMatch;
import dev.policymatch.model.Endpoint;
import dev.policymatch.model.Policy;
import dev.policymatch.model.WorkloadEndpoint;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Prints the match-engine benchmark table of issue 4 (cold build and heap, incremental updates, each beside
 * the naive full recompute with the ratio), with plain timing loops: median of several runs after warm-up.
 * Quicker and noisier than {@link MatchBenchmark}, and the only one that measures heap.
 *
 * <pre>java -Xmx2g -cp target/test-classes:target/classes:$(cat target/bench-classpath.txt) \
 *     dev.policymatch.bench.MatchBenchmarkReport [endpoints] [policies]</pre>
 */
public final class MatchBenchmarkReport {
    private MatchBenchmarkReport() {
    }

    public static void main(String[] args) {
        int endpointCount = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int policyCount = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        MatchWorkload workload = MatchWorkload.generate(endpointCount, policyCount);
        Supplier<MatchIndex> build = () -> MatchIndex.builder().endpoints(workload.endpoints())
                .policies(workload.policies()).profiles(workload.profiles()).tiers(workload.tiers()).build();

        long heapBefore = retainedHeap();
        MatchIndex index = build.get();
        long heapAfter = retainedHeap();
        int ruleMatches = index.matches().stream().mapToInt(m -> m.ruleMatches().size()).sum();
        int applied = index.matches().stream().mapToInt(m -> m.policies().size()).sum();

        double build1 = medianMillis(5, () -> build.get());
        double naive = medianMillis(3, () -> NaiveMatch.compute(workload.endpoints(), workload.policies(),
                workload.profiles(), workload.tiers()));

        WorkloadEndpoint endpoint = (WorkloadEndpoint) workload.endpoints().get(1);
        Endpoint[] endpoints = {endpoint, MatchBenchmark.relabelled(endpoint)};
        double endpointChange = medianMillis(2001, toggler(i -> index.upsertEndpoint(endpoints[i])));
        Policy[] np = {workload.policies().get(4), MatchWorkload.policy(new Random(), 4, 1)};
        double npChange = medianMillis(201, toggler(i -> index.upsertPolicy(np[i])));
        Policy[] gnp = {workload.policies().get(7), MatchWorkload.policy(new Random(), 7, 1)};
        double gnpChange = medianMillis(41, toggler(i -> index.upsertPolicy(gnp[i])));
        int npAffected = index.upsertPolicy(np[0]).size() + index.upsertPolicy(np[1]).size();
        int gnpAffected = index.upsertPolicy(gnp[0]).size() + index.upsertPolicy(gnp[1]).size();

        System.out.printf(Locale.ROOT, "Match engine, %,d endpoints x %,d policies (2 rules each): %,d applied"
                + " policies, %,d rule matches%n", endpointCount, policyCount, applied, ruleMatches);
        System.out.printf(Locale.ROOT, "%-44s %12s %12s %10s %s%n", "case", "index", "naive", "ratio", "target");
        row("cold build (ms)", build1, naive, "<= 1000 ms");
        System.out.printf(Locale.ROOT, "%-44s %12.1f %12s %10s %s%n", "heap retained by the index after GC (MB)",
                (heapAfter - heapBefore) / 1e6, "", "", "<= 512 MB");
        row("one endpoint's labels change (ms)", endpointChange, naive, "<= 1 ms, >= 50x");
        row("one NetworkPolicy selector change (ms), ~" + npAffected / 2 + " ep", npChange, naive, "<= 10 ms, >= 50x");
        row("one GlobalNetworkPolicy selector (ms), ~" + gnpAffected / 2 + " ep", gnpChange, naive, "<= 10 ms, >= 50x");
        scaleRows();
    }

    /** The match-engine part of calicoq's own scale test: one workload endpoint, many policies. */
    private static void scaleRows() {
        for (int policies : new int[] {1_000, 5_000, 10_000}) {
            MatchWorkload workload = MatchWorkload.generate(1, policies);
            double build = medianMillis(5, () -> MatchIndex.builder().endpoints(workload.endpoints())
                    .policies(workload.policies()).profiles(workload.profiles()).tiers(workload.tiers()).build());
            double naive = medianMillis(5, () -> NaiveMatch.compute(workload.endpoints(), workload.policies(),
                    workload.profiles(), workload.tiers()));
            row(String.format(Locale.ROOT, "1 endpoint x %,d policies, build (ms)", policies), build, naive,
                    "CLI total <= 3 s at 10,000");
        }
    }

    private static void row(String name, double indexMillis, double naiveMillis, String target) {
        System.out.printf(Locale.ROOT, "%-44s %12.3f %12.1f %9.0fx %s%n", name, indexMillis, naiveMillis,
                naiveMillis / indexMillis, target);
    }

    private interface Step {
        Object run(int variant);
    }

    private static Supplier<Object> toggler(Step step) {
        int[] toggle = {0};
        return () -> step.run(toggle[0] ^= 1);
    }

    /** Median wall time of {@code runs} runs after as many warm-up runs (at most 20). */
    private static double medianMillis(int runs, Supplier<?> task) {
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

    private static long retainedHeap() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 4; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
