package dev.policymatch.bench;

import dev.policymatch.match.MatchIndex;
import dev.policymatch.match.NaiveMatch;
import dev.policymatch.model.Endpoint;
import dev.policymatch.model.EndpointKey;
import dev.policymatch.model.Policy;
import dev.policymatch.model.WorkloadEndpoint;
import java.util.Random;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The match engine at cluster scale: cold build of the index, one
 * endpoint's labels changing, one policy's selector changing, each beside the naive full recompute.
 * {@code make bench BENCH_ARGS="MatchBenchmark -f 1 -wi 1 -i 2"}; the ratios and the heap are printed by
 * {@link MatchBenchmarkReport}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class MatchBenchmark {
    @Param({"10000"})
    int endpoints;

    @Param({"2000"})
    int policies;

    MatchWorkload workload;
    MatchIndex index;
    Endpoint[] endpointVariants;
    Policy[] networkPolicyVariants;
    Policy[] globalPolicyVariants;
    int toggle;

    @Setup
    public void setUp() {
        workload = MatchWorkload.generate(endpoints, policies);
        index = MatchIndex.builder().endpoints(workload.endpoints()).policies(workload.policies())
                .profiles(workload.profiles()).tiers(workload.tiers()).build();
        WorkloadEndpoint endpoint = (WorkloadEndpoint) workload.endpoints().get(1);
        endpointVariants = new Endpoint[] {endpoint, relabelled(endpoint)};
        networkPolicyVariants = new Policy[] {workload.policies().get(4), MatchWorkload.policy(new Random(), 4, 1)};
        globalPolicyVariants = new Policy[] {workload.policies().get(7), MatchWorkload.policy(new Random(), 7, 1)};
    }

    static WorkloadEndpoint relabelled(WorkloadEndpoint endpoint) {
        TreeMap<String, String> labels = new TreeMap<>(endpoint.labels());
        labels.put("app", "app" + (Integer.parseInt(labels.get("app").substring(3)) + 1) % MatchWorkload.APPS);
        labels.put("role", MatchWorkload.ROLES[(java.util.Arrays.asList(MatchWorkload.ROLES).indexOf(labels.get("role")) + 1) % 3]);
        return new WorkloadEndpoint(endpoint.node(), endpoint.orchestrator(), endpoint.workload(), endpoint.endpoint(),
                endpoint.namespace(), labels, endpoint.profiles(), endpoint.interfaceName(), endpoint.ipNetworks());
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public MatchIndex coldBuild() {
        return MatchIndex.builder().endpoints(workload.endpoints()).policies(workload.policies())
                .profiles(workload.profiles()).tiers(workload.tiers()).build();
    }

    @Benchmark
    public Set<EndpointKey> endpointLabelsChange() {
        return index.upsertEndpoint(endpointVariants[toggle ^= 1]);
    }

    @Benchmark
    public Set<EndpointKey> networkPolicySelectorChange() {
        return index.upsertPolicy(networkPolicyVariants[toggle ^= 1]);
    }

    @Benchmark
    public Set<EndpointKey> globalPolicySelectorChange() {
        return index.upsertPolicy(globalPolicyVariants[toggle ^= 1]);
    }

    /** The baseline for all of the above: every selector against every endpoint, every result rebuilt. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 1, time = 1)
    public SortedMap<EndpointKey, ?> naiveFullRecompute() {
        return NaiveMatch.compute(workload.endpoints(), workload.policies(), workload.profiles(), workload.tiers());
    }
}
