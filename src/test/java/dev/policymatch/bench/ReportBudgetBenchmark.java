package dev.policymatch.bench;

import dev.policymatch.api.PolicyMatchReport;
import dev.policymatch.api.PolicyMatchReportSpec;
import dev.policymatch.api.PolicyMatchReportStatus;
import dev.policymatch.api.Reasons;
import dev.policymatch.api.ReportedEndpoint;
import dev.policymatch.match.EndpointMatch;
import dev.policymatch.match.MatchIndex;
import dev.policymatch.model.EndpointKind;
import dev.policymatch.model.EntityMatch;
import dev.policymatch.model.HostEndpoint;
import dev.policymatch.model.Policy;
import dev.policymatch.model.Rule;
import dev.policymatch.operator.report.ReportBudget;
import dev.policymatch.operator.report.ReportNames;
import dev.policymatch.render.ReportComposer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * What the report size budget costs: {@code fit} of a typical report (10 policies, 10 rule
 * matches: one serialization, paid only when its status is written) and of the crowded endpoint of the
 * issue (4,000 policies with 4 matching rules each: the cut), beside composing the same status.
 * {@code make bench-jmh BENCH_ARGS=ReportBudgetBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ReportBudgetBenchmark {

    @Param({"typical", "crowded"})
    public String endpoint;

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private final ReportBudget budget = new ReportBudget(new KubernetesSerialization());
    private EndpointMatch match;
    private PolicyMatchReport desired;

    @Setup
    public void setUp() {
        int policies = "typical".equals(endpoint) ? 10 : 4_000;
        int rulesEach = "typical".equals(endpoint) ? 1 : 4;
        HostEndpoint host = new HostEndpoint("node1-eth0", "node1",
                new TreeMap<>(Map.of("role", "db", "zone", "a", "env", "prod")), "eth0", List.of("10.0.0.1"),
                List.of("base"), List.of());
        EntityMatch peer = new EntityMatch("role == 'db'", null, null, null, null, null, null, null);
        List<Rule> rules = Collections.nCopies(rulesEach, new Rule("Allow", "TCP", peer, null));
        MatchIndex.Builder index = MatchIndex.builder().endpoint(host);
        for (int i = 0; i < policies; i++) {
            index.policy(new Policy("platform.allow-db-peers-%04d".formatted(i), null, "platform", 100d + i,
                    "role == 'db'", null, rules, List.of(), false, false, false, null, null));
        }
        match = index.build().match(host.key()).orElseThrow();
        desired = new PolicyMatchReport();
        desired.getMetadata().setName("hep.node1-eth0");
        desired.getMetadata().setNamespace("policymatch-system");
        desired.getMetadata().setLabels(ReportNames.hostLabels());
        desired.setSpec(new PolicyMatchReportSpec(
                new ReportedEndpoint(EndpointKind.HOST_LABEL, "node1-eth0", "node1", "node1/node1-eth0")));
    }

    @Benchmark
    public PolicyMatchReportStatus compose() {
        return ReportComposer.status(Optional.of(match), List.of(), 1L, Reasons.INVALID_HOST_ENDPOINT);
    }

    @Benchmark
    public PolicyMatchReportStatus composeAndFit() {
        return budget.fit(desired, ReportComposer.status(Optional.of(match), List.of(), 1L,
                Reasons.INVALID_HOST_ENDPOINT), null, NOW);
    }
}
