package dev.policymatch.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.policymatch.api.PolicyMatchReport;
import dev.policymatch.api.PolicyMatchReportStatus;
import dev.policymatch.api.ReportCondition;
import dev.policymatch.api.SampleReports;
import dev.policymatch.devcluster.EmbeddedApiServer;
import dev.policymatch.kube.KubernetesClientFactory;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * JOSDK, configured by {@link OperatorConfiguration}, against the embedded API server: informers,
 * status patches without server-side apply, leader election on a Lease, readiness and metrics. A
 * stand-in reconciler marks each report Ready and writes only when the status would change.
 */
class JosdkOnEmbeddedServerIT {

    static final String NAMESPACE = "policymatch-system";

    private EmbeddedApiServer server;
    private KubernetesClient client;
    private Operator operator;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicInteger reconciles = new AtomicInteger();
    private final AtomicInteger statusWrites = new AtomicInteger();

    /** Marks the report Ready; asks JOSDK to patch only when that changes the stored status. */
    class MarkReady implements Reconciler<PolicyMatchReport> {
        @Override
        public UpdateControl<PolicyMatchReport> reconcile(PolicyMatchReport report, Context<PolicyMatchReport> context) {
            reconciles.incrementAndGet();
            PolicyMatchReportStatus computed = SampleReports.matchedHostEndpoint().getStatus();
            computed.setObservedGeneration(report.getMetadata().getGeneration());
            computed.getConditions().forEach(c -> c.setObservedGeneration(report.getMetadata().getGeneration()));
            if (computed.equals(report.getStatus())) {
                return UpdateControl.noUpdate();
            }
            statusWrites.incrementAndGet();
            report.setStatus(computed.carryTransitionTimes(report.getStatus(), Clock.systemUTC().instant()));
            return UpdateControl.patchStatus(report);
        }
    }

    @BeforeEach
    void start() {
        server = EmbeddedApiServer.start(0, new KubernetesClientFactory(Duration.ofSeconds(10), Duration.ofSeconds(5)));
        server.installCrds(Path.of("crds/policymatch.dev_policymatchreports.yaml"));
        server.ensureNamespace(NAMESPACE);
        client = server.client();
        operator = OperatorConfiguration.newOperator(client, registry,
                Optional.of(OperatorConfiguration.leaderElection(NAMESPACE, "test-pod", false)));
        operator.register(new MarkReady());
        operator.start();
    }

    @AfterEach
    void stop() {
        if (operator != null) {
            operator.stop();
        }
        server.close();
    }

    @Test
    void reconcilesReportsAndPatchesTheirStatusOnce() {
        var reports = client.resources(PolicyMatchReport.class).inNamespace(NAMESPACE);
        PolicyMatchReport report = SampleReports.matchedHostEndpoint();
        report.setStatus(null);
        reports.resource(report).create();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            PolicyMatchReport stored = reports.withName("hep.node1-eth0").get();
            assertThat(stored.getStatus()).isNotNull();
            assertThat(stored.getStatus().condition(ReportCondition.READY).getStatus()).isEqualTo(ReportCondition.TRUE);
            assertThat(stored.getStatus().getPolicies()).hasSize(2);
        });
        // JOSDK recognises the event of its own status patch and does not reconcile again for it.
        assertThat(statusWrites.get()).isEqualTo(1);

        // A spec change bumps the generation; the reconciler sees it and writes the new observedGeneration.
        reports.withName("hep.node1-eth0").edit(r -> {
            r.getSpec().getEndpoint().setNode("node9");
            return r;
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            PolicyMatchReport stored = reports.withName("hep.node1-eth0").get();
            assertThat(stored.getMetadata().getGeneration()).isGreaterThan(1L);
            assertThat(stored.getStatus().getObservedGeneration()).isEqualTo(stored.getMetadata().getGeneration());
        });
        assertThat(statusWrites.get()).isEqualTo(2);
        assertThat(reports.withName("hep.node1-eth0").get().getStatus().getPolicies())
                .as("the status patch replaced the lists rather than appending to them").hasSize(2);

        assertThat(operator.getRuntimeInfo().allEventSourcesAreHealthy()).isTrue();
        assertThat(client.leases().inNamespace(NAMESPACE).withName(OperatorConfiguration.LEASE_NAME).get()
                .getSpec().getHolderIdentity()).isEqualTo("test-pod");
        assertThat(registry.scrape()).contains("operator_sdk_reconciliations_started_total",
                "operator_sdk_reconciliations_success_total");
    }
}
