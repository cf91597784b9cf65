package dev.policymatch.bench;

import dev.policymatch.selector.Selector;
import java.util.HashMap;
import java.util.Map;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parse and evaluation cost of realistic selectors, single thread, average time per operation.
 * Targets: parse ≤ 2 µs per typical selector, evaluation ≤ 100 ns on an endpoint with
 * 10 labels. Run with {@code make bench BENCH_ARGS="SelectorBenchmark"}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SelectorBenchmark {

    /** The three selector shapes of the issue: one equality, namespace-scoped, a five-clause mix. */
    @Param({"equality", "namespaced", "mix"})
    public String shape;

    private String text;
    private Selector selector;
    private Map<String, String> matchingEndpoint;
    private Map<String, String> nonMatchingEndpoint;

    @Setup
    public void setUp() {
        text = switch (shape) {
            case "equality" -> "role == 'db'";
            case "namespaced" -> "(app == 'x') && projectcalico.org/namespace == 'ns'";
            case "mix" -> "app in {'x', 'web', 'api'} && has(version) && tier != 'test'"
                    + " && projectcalico.org/namespace == 'ns' && !has(quarantine)";
            default -> throw new IllegalArgumentException(shape);
        };
        selector = Selector.parse(text);
        // Ten labels, as a Kubernetes pod's workload endpoint typically carries.
        matchingEndpoint = endpoint("db", "ns", "env", "prod");
        // Fails late where it can: the mix passes three clauses before the namespace differs.
        nonMatchingEndpoint = endpoint("web", "other", "quarantine", "true");
        if (!selector.matches(matchingEndpoint) || selector.matches(nonMatchingEndpoint)) {
            throw new IllegalStateException("endpoints do not exercise " + text);
        }
    }

    private static Map<String, String> endpoint(String role, String namespace, String extraKey, String extraValue) {
        Map<String, String> labels = new HashMap<>();
        labels.put("role", role);
        labels.put("app", "x");
        labels.put("projectcalico.org/namespace", namespace);
        labels.put("tier", "backend");
        labels.put("version", "v2");
        labels.put("team", "payments");
        labels.put("pod-template-hash", "6d4cf56db6");
        labels.put("projectcalico.org/orchestrator", "k8s");
        labels.put("projectcalico.org/serviceaccount", "default");
        labels.put(extraKey, extraValue);
        return labels;
    }

    @Benchmark
    public Selector parse() {
        return Selector.parse(text);
    }

    @Benchmark
    public boolean evaluateMatching() {
        return selector.matches(matchingEndpoint);
    }

    @Benchmark
    public boolean evaluateNonMatching() {
        return selector.matches(nonMatchingEndpoint);
    }
}
