package dev.policymatch.operator.reconcile;

import static dev.policymatch.operator.OperatorHarness.globalPolicy;
import static dev.policymatch.operator.OperatorHarness.hostEndpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.policymatch.api.PolicyMatchReport;
import dev.policymatch.operator.OperatorHarness;
import dev.policymatch.operator.PolicyMatchOperator;
import dev.policymatch.operator.metrics.DomainMetrics;
import dev.policymatch.source.document.ResourceKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A restarted operator finds its reports as they should be and removes those of deleted endpoints. */
class RestartAndResyncIT {

    @RegisterExtension
    final OperatorHarness harness = OperatorHarness.perTest();

    private Map<String, Object> statuses() {
        return harness.reports().stream().collect(Collectors.toMap(r -> r.getMetadata().getName(),
                r -> r.getStatus()));
    }

    @Test
    void restartKeepsTheSameReportsAndRemovesStaleOnes() {
        harness.apply(ResourceKind.GLOBAL_NETWORK_POLICY, globalPolicy("all", 100, "all()"));
        for (String name : List.of("a", "b", "c")) {
            harness.apply(ResourceKind.HOST_ENDPOINT, hostEndpoint(name, "node1", Map.of("role", name)));
        }
        harness.start();
        for (String name : List.of("a", "b", "c")) {
            harness.awaitPolicies("hep." + name, List.of("all"));
        }
        Map<String, Object> before = statuses();
        harness.stop();

        // While the operator is down: one endpoint goes away (the embedded server has no garbage collector).
        harness.delete(ResourceKind.HOST_ENDPOINT, null, "c");
        harness.start(PolicyMatchOperator.Settings.of(OperatorHarness.NAMESPACE).withResync(Duration.ofSeconds(2)));

        await().atMost(OperatorHarness.WAIT).until(() -> harness.report("hep.c") == null);
        List<PolicyMatchReport> reports = harness.reports();
        assertThat(reports).extracting(r -> r.getMetadata().getName()).containsExactlyInAnyOrder("hep.a", "hep.b");
        assertThat(statuses()).containsEntry("hep.a", before.get("hep.a")).containsEntry("hep.b", before.get("hep.b"));

        // Resyncs of the unchanged cluster (every 2 s here) reconcile every endpoint again and write nothing.
        DomainMetrics metrics = harness.operator().metrics();
        await().pollDelay(Duration.ofSeconds(5)).atMost(OperatorHarness.WAIT).until(() -> true);
        assertThat(harness.registry().find("operator.sdk.reconciliations.started").counters().stream()
                .mapToDouble(c -> c.count()).sum()).as("resyncs happened").isGreaterThanOrEqualTo(4);
        assertThat(metrics.writes(DomainMetrics.WriteResult.CREATED)).isZero();
        assertThat(metrics.writes(DomainMetrics.WriteResult.UPDATED)).isZero();
        assertThat(metrics.writes(DomainMetrics.WriteResult.STATUS_UPDATED)).isZero();
        assertThat(metrics.writes(DomainMetrics.WriteResult.DELETED)).isEqualTo(1);
    }

    /**
     * A restart reconciles each endpoint once: the report informer's listing of the existing reports adds
     * no second reconcile of each (it did, doubling a restart's work, before report adds were ignored).
     */
    @Test
    void aRestartReconcilesEachEndpointOnceAndWritesNothing() {
        List<String> names = List.of("a", "b", "c", "d", "e");
        harness.apply(ResourceKind.GLOBAL_NETWORK_POLICY, globalPolicy("all", 100, "all()"));
        names.forEach(name -> harness.apply(ResourceKind.HOST_ENDPOINT,
                hostEndpoint(name, "node1", Map.of("role", name))));
        harness.start();
        names.forEach(name -> harness.awaitPolicies("hep." + name, List.of("all")));
        harness.stop();

        harness.start();
        await().pollDelay(Duration.ofSeconds(3)).atMost(OperatorHarness.WAIT).until(() -> true);
        assertThat(harness.registry().find("operator.sdk.reconciliations.started").counters().stream()
                .mapToDouble(c -> c.count()).sum()).isEqualTo(names.size());
        DomainMetrics metrics = harness.operator().metrics();
        assertThat(metrics.successfulWrites()).isZero();
    }
}
