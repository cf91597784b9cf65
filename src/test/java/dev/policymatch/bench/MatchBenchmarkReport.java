package dev.policymatch.bench;

import static dev.policymatch.bench.Timing.medianMillis;

import dev.policymatch.match.MatchIndex;
import dev.policymatch.match.NaiveMatch;
import dev.policymatch.model.Endpoint;
import dev.policymatch.model.Policy;
import dev.policymatch.model.PolicyKind;
import dev.policymatch.model.Profile;
import dev.policymatch.model.WorkloadEndpoint;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Prints the match-engine benchmark table (cold build and heap, incremental updates, each beside
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
        System.out.printf(Locale.ROOT, "Match engine, %,d endpoints x %,d policies (2 rules each)", endpointCount,
                policyCount);
        Estate plain = commonRows(workload, 1);
        Policy[] np = {workload.policies().get(4), MatchWorkload.policy(new Random(), 4, 1)};
        policyRow(plain, "one NetworkPolicy selector change", np);
        Policy[] gnp = {workload.policies().get(7), MatchWorkload.policy(new Random(), 7, 1)};
        policyRow(plain, "one GlobalNetworkPolicy selector", gnp);
        scaleRows();

        // Issue 6: the same estate as the operator sees a Kubernetes cluster, pods in the mix.
        MatchWorkload mixed = MatchWorkload.generateWithPods(endpointCount, policyCount);
        long pods = mixed.endpoints().stream().filter(e -> e instanceof WorkloadEndpoint w
                && w.profiles().size() == 2).count();
        long knps = mixed.policies().stream().filter(p -> p.kind() == PolicyKind.KUBERNETES_NETWORK_POLICY).count();
        System.out.printf(Locale.ROOT, "%nWith pods: %,d endpoints (%,d from Pods, kns. and ksa. profiles) x %,d"
                + " policies (%,d Kubernetes NetworkPolicies), %,d profiles", endpointCount, pods, policyCount, knps,
                mixed.profiles().size());
        // Endpoint 1 is a pod's.
        Estate withPods = commonRows(mixed, 1);
        Policy[] knp = {mixed.policies().get(5), MatchWorkload.kubernetesPolicy(5, 1)};
        policyRow(withPods, "one K8s NetworkPolicy podSelector", knp);
        Policy[] nsGnp = {mixed.policies().get(3), MatchWorkload.policy(new Random(), 3, 1)};
        policyRow(withPods, "one GNP with a namespaceSelector", nsGnp);
        // A namespace's labels change: its profile's pcns. labels move for every pod in it.
        Profile[] namespace = {MatchWorkload.namespaceProfile(3, "team3"), MatchWorkload.namespaceProfile(3, "team9")};
        MatchIndex podIndex = withPods.index();
        double nsChange = medianMillis(201, toggler(i -> podIndex.upsertProfile(namespace[i])));
        int nsAffected = podIndex.upsertProfile(namespace[1]).size() + podIndex.upsertProfile(namespace[0]).size();
        row("one Namespace's labels change (ms), ~" + nsAffected / 2 + " ep", nsChange, withPods.naiveMillis(),
                "<= 10 ms, >= 50x");

        // Current Calico's kinds in the mix: staged policies and ClusterNetworkPolicies in kube-admin.
        MatchWorkload current = MatchWorkload.generateWithCurrentKinds(endpointCount, policyCount);
        Map<PolicyKind, Long> kinds = current.policies().stream()
                .collect(Collectors.groupingBy(Policy::kind, () -> new EnumMap<>(PolicyKind.class), Collectors.counting()));
        System.out.printf(Locale.ROOT, "%nWith current Calico's kinds: %,d endpoints x %,d policies %s",
                endpointCount, policyCount, kinds);
        Estate withCurrentKinds = commonRows(current, 1);
        int first = 0;
        while (current.policies().get(first).kind() != PolicyKind.KUBERNETES_CLUSTER_NETWORK_POLICY) {
            first++;
        }
        Policy cnp = current.policies().get(first);
        Policy changed = MatchWorkload.policy(new Random(), first, 1);
        policyRow(withCurrentKinds, "one ClusterNetworkPolicy selector", new Policy[] {cnp, new Policy(cnp.name(),
                null, cnp.tier(), cnp.order(), changed.selector(), cnp.types(), cnp.ingress(), cnp.egress(), false,
                false, false, changed.namespaceSelector(), null, cnp.kind(), null)});
    }

    /** Prints the heading's end and the rows every estate has; returns the built index and the naive time. */
    private static Estate commonRows(MatchWorkload workload, int endpointToChange) {
        Supplier<MatchIndex> build = () -> MatchIndex.builder().endpoints(workload.endpoints())
                .policies(workload.policies()).profiles(workload.profiles()).tiers(workload.tiers()).build();
        long heapBefore = retainedHeap();
        MatchIndex index = build.get();
        long heapAfter = retainedHeap();
        int ruleMatches = index.matches().stream().mapToInt(m -> m.ruleMatches().size()).sum();
        int applied = index.matches().stream().mapToInt(m -> m.policies().size()).sum();
        System.out.printf(Locale.ROOT, ": %,d applied policies, %,d rule matches%n", applied, ruleMatches);

        double build1 = medianMillis(5, () -> build.get());
        double naive = medianMillis(3, () -> NaiveMatch.compute(workload.endpoints(), workload.policies(),
                workload.profiles(), workload.tiers()));
        WorkloadEndpoint endpoint = (WorkloadEndpoint) workload.endpoints().get(endpointToChange);
        Endpoint[] endpoints = {endpoint, MatchBenchmark.relabelled(endpoint)};
        double endpointChange = medianMillis(2001, toggler(i -> index.upsertEndpoint(endpoints[i])));

        System.out.printf(Locale.ROOT, "%-44s %12s %12s %10s %s%n", "case", "index", "naive", "ratio", "target");
        row("cold build (ms)", build1, naive, "<= 1000 ms");
        System.out.printf(Locale.ROOT, "%-44s %12.1f %12s %10s %s%n", "heap retained by the index after GC (MB)",
                (heapAfter - heapBefore) / 1e6, "", "", "<= 512 MB");
        row("one endpoint's labels change (ms)", endpointChange, naive, "<= 1 ms, >= 50x");
        return new Estate(index, naive);
    }

    /** An estate's index and the time of the naive full recompute each change is compared with. */
    private record Estate(MatchIndex index, double naiveMillis) {
    }

    private static void policyRow(Estate estate, String what, Policy[] versions) {
        MatchIndex index = estate.index();
        double change = medianMillis(what.contains("Global") || what.contains("GNP") ? 41 : 201,
                toggler(i -> index.upsertPolicy(versions[i])));
        int affected = index.upsertPolicy(versions[0]).size() + index.upsertPolicy(versions[1]).size();
        index.upsertPolicy(versions[0]);
        row(what + " (ms), ~" + affected / 2 + " ep", change, estate.naiveMillis(), "<= 10 ms, >= 50x");
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
