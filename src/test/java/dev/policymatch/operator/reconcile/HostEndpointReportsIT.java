package dev.policymatch.operator.reconcile;

import static dev.policymatch.operator.OperatorHarness.globalPolicy;
import static dev.policymatch.operator.OperatorHarness.hostEndpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.policymatch.api.PolicyMatchReport;
import dev.policymatch.api.ReportCondition;
import dev.policymatch.api.TierSummary;
import dev.policymatch.api.UndecidedTraffic;
import dev.policymatch.operator.OperatorHarness;
import dev.policymatch.operator.PolicyMatchOperator;
import dev.policymatch.operator.metrics.DomainMetrics;
import dev.policymatch.source.document.ResourceKind;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.Controller;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One report per HostEndpoint on the embedded API server: it appears, follows changes and goes away. */
class HostEndpointReportsIT {

    @RegisterExtension
    final OperatorHarness harness = OperatorHarness.perTest();

    @Test
    void reportFollowsItsHostEndpointFromCreateToDelete() {
        harness.apply(ResourceKind.GLOBAL_NETWORK_POLICY, globalPolicy("allow-db", 100, "role == 'db'"));
        harness.start();
        harness.apply(ResourceKind.HOST_ENDPOINT, hostEndpoint("node1-eth0", "node1", Map.of("role", "db")));

        PolicyMatchReport report = harness.awaitPolicies("hep.node1-eth0", List.of("allow-db"));
        assertThat(report.getSpec().getEndpoint().getFullName()).isEqualTo("node1/node1-eth0");
        assertThat(report.getSpec().getEndpoint().getNode()).isEqualTo("node1");
        assertThat(report.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(owner -> {
                    assertThat(owner.getKind()).isEqualTo("HostEndpoint");
                    assertThat(owner.getName()).isEqualTo("node1-eth0");
                });
        assertThat(report.getStatus().condition(ReportCondition.MATCHED).getStatus()).isEqualTo("True");
        assertThat(report.getStatus().condition(ReportCondition.VALID).getStatus()).isEqualTo("True");
        assertThat(report.getStatus().getObservedGeneration()).isEqualTo(report.getMetadata().getGeneration());
        String matchedSince = report.getStatus().condition(ReportCondition.VALID).getLastTransitionTime();

        // A label change (no generation bump on a real server) moves the endpoint out of the policy.
        harness.apply(ResourceKind.HOST_ENDPOINT, hostEndpoint("node1-eth0", "node1", Map.of("role", "web")));
        report = harness.awaitPolicies("hep.node1-eth0", List.of());
        assertThat(report.getStatus().condition(ReportCondition.MATCHED).getStatus()).isEqualTo("False");
        assertThat(report.getStatus().getLabels()).containsEntry("role", "web");
        assertThat(report.getStatus().condition(ReportCondition.VALID).getLastTransitionTime())
                .as("Valid did not flip, so its transition time stays").isEqualTo(matchedSince);

        harness.delete(ResourceKind.HOST_ENDPOINT, null, "node1-eth0");
        await().atMost(OperatorHarness.WAIT).until(() -> harness.report("hep.node1-eth0") == null);
    }

    @Test
    void policyChangeRewritesExactlyTheAffectedReports() {
        harness.apply(ResourceKind.GLOBAL_NETWORK_POLICY, globalPolicy("db-only", 100, "role == 'db'"));
        for (int i = 0; i < 3; i++) {
            harness.apply(ResourceKind.HOST_ENDPOINT, hostEndpoint("db" + i, "node" + i, Map.of("role", "db")));
            harness.apply(ResourceKind.HOST_ENDPOINT, hostEndpoint("web" + i, "node" + i, Map.of("role", "web")));
        }
        harness.start();
        for (int i = 0; i < 3; i++) {
            harness.awaitPolicies("hep.db" + i, List.of("db-only"));
            harness.awaitPolicies("hep.web" + i, List.of());
        }
        DomainMetrics metrics = harness.operator().metrics();
        await().atMost(OperatorHarness.WAIT).untilAsserted(() ->
                assertThat(metrics.writes(DomainMetrics.WriteResult.STATUS_UPDATED)).isEqualTo(6));
        assertThat(metrics.writes(DomainMetrics.WriteResult.CREATED))
                .as("a cold start creates each report once").isEqualTo(6);

        // A new policy for web endpoints: only the three web reports change.
        harness.apply(ResourceKind.GLOBAL_NETWORK_POLICY, globalPolicy("web-only", 200, "role == 'web'"));
        for (int i = 0; i < 3; i++) {
            harness.awaitPolicies("hep.web" + i, List.of("web-only"));
        }
        await().pollDelay(Duration.ofSeconds(1)).atMost(OperatorHarness.WAIT).untilAsserted(() ->
                assertThat(metrics.writes(DomainMetrics.WriteResult.STATUS_UPDATED)).isEqualTo(9));
        assertThat(metrics.writes(DomainMetrics.WriteResult.CREATED)).isEqualTo(6);
        for (int i = 0; i < 3; i++) {
            assertThat(harness.report("hep.db" + i).getStatus().getPolicies()).extracting(p -> p.getName())
                    .containsExactly("db-only");
        }
    }

    @Test
    void aTiersDefaultActionChangeRewritesWhereUndecidedTrafficEndsInTheReportsOfItsEndpointsOnly() {
        harness.apply(ResourceKind.TIER, tier("security", 100, "Deny"));
        harness.apply(ResourceKind.GLOBAL_NETWORK_POLICY, """
                apiVersion: crd.projectcalico.org/v1
                kind: GlobalNetworkPolicy
                metadata:
                  name: security.db-in
                spec:
                  tier: security
                  order: 10
                  selector: "role == 'db'"
                  types: [Ingress]
                  ingress:
                  - action: Allow
                """);
        harness.apply(ResourceKind.HOST_ENDPOINT, hostEndpoint("db1", "node1", Map.of("role", "db"), "base"));
        harness.apply(ResourceKind.HOST_ENDPOINT, hostEndpoint("web1", "node1", Map.of("role", "web"), "base"));
        harness.start();

        PolicyMatchReport db = awaitUndecidedIngress("hep.db1",
                new UndecidedTraffic(UndecidedTraffic.DENY, "security"));
        assertThat(db.getStatus().getIngress().getTiers()).singleElement().satisfies(tier -> {
            assertThat(tier.getName()).isEqualTo("security");
            assertThat(tier.getPolicies()).isEqualTo(1);
            assertThat(tier.getStagedPolicies()).isNull();
            assertThat(tier.getEndOfTier()).isEqualTo(TierSummary.END_DENY);
        });
        assertThat(db.getStatus().getTiers()).singleElement().satisfies(tier -> {
            assertThat(tier.getName()).isEqualTo("security");
            assertThat(tier.getOrder()).hasToString("100");
            assertThat(tier.getDefaultAction()).isEqualTo("Deny");
            assertThat(tier.getSource()).isEqualTo("resource");
        });
        assertThat(db.getStatus().getEgress().getUndecided())
                .isEqualTo(new UndecidedTraffic(UndecidedTraffic.PROFILES, null));
        PolicyMatchReport web = awaitUndecidedIngress("hep.web1",
                new UndecidedTraffic(UndecidedTraffic.PROFILES, null));
        assertThat(web.getStatus().getIngress().getTiers()).isEmpty();
        DomainMetrics metrics = harness.operator().metrics();
        await().atMost(OperatorHarness.WAIT).untilAsserted(() ->
                assertThat(metrics.writes(DomainMetrics.WriteResult.STATUS_UPDATED)).isEqualTo(2));

        harness.apply(ResourceKind.TIER, tier("security", 100, "Pass"));
        db = awaitUndecidedIngress("hep.db1", new UndecidedTraffic(UndecidedTraffic.PROFILES, null));
        assertThat(db.getStatus().getTiers()).singleElement()
                .satisfies(tier -> assertThat(tier.getDefaultAction()).isEqualTo("Pass"));
        assertThat(db.getStatus().getIngress().getTiers()).singleElement()
                .satisfies(tier -> assertThat(tier.getEndOfTier()).isEqualTo(TierSummary.END_PASS));
        await().pollDelay(Duration.ofSeconds(1)).atMost(OperatorHarness.WAIT).untilAsserted(() ->
                assertThat(metrics.writes(DomainMetrics.WriteResult.STATUS_UPDATED)).as("db1's report only")
                        .isEqualTo(3));
        assertThat(harness.report("hep.web1").getMetadata().getResourceVersion())
                .isEqualTo(web.getMetadata().getResourceVersion());

        // Restarted, the operator reads the summaries back from the server; its resyncs (every 2 s) write nothing.
        harness.stop();
        harness.start(PolicyMatchOperator.Settings.of(OperatorHarness.NAMESPACE).withResync(Duration.ofSeconds(2)));
        DomainMetrics restarted = harness.operator().metrics();
        await().pollDelay(Duration.ofSeconds(5)).atMost(OperatorHarness.WAIT).until(() -> true);
        assertThat(harness.registry().find("operator.sdk.reconciliations.started").counters().stream()
                .mapToDouble(c -> c.count()).sum()).as("resyncs happened").isGreaterThanOrEqualTo(4);
        assertThat(restarted.successfulWrites()).as("no write of any kind").isZero();
        assertThat(harness.report("hep.db1").getStatus()).isEqualTo(db.getStatus());
    }

    /**
     * Issue 15: the HostEndpoint cache keeps what the match reads (no managed fields, no kubectl annotation),
     * and the report is what it would be anyway.
     */
    @Test
    void hostEndpointsAreCachedWithoutWhatKubectlAddsAndTheReportIsTheSame() {
        harness.apply(ResourceKind.GLOBAL_NETWORK_POLICY, globalPolicy("allow-db", 100, "role == 'db'"));
        harness.start();
        String lean = hostEndpoint("lean", "node1", Map.of("role", "db"));
        String fat = hostEndpoint("fat", "node1", Map.of("role", "db")).replace("  labels:\n", """
                  annotations:
                    kubectl.kubernetes.io/last-applied-configuration: '{"big": true}'
                    note: kept by the API server, not by the operator
                  labels:
                """);
        var created = harness.apply(ResourceKind.HOST_ENDPOINT, fat);
        harness.apply(ResourceKind.HOST_ENDPOINT, lean);

        PolicyMatchReport fatReport = harness.awaitPolicies("hep.fat", List.of("allow-db"));
        PolicyMatchReport leanReport = harness.awaitPolicies("hep.lean", List.of("allow-db"));
        assertThat(fatReport.getStatus().getPolicies()).isEqualTo(leanReport.getStatus().getPolicies());
        assertThat(fatReport.getStatus().getLabels()).isEqualTo(leanReport.getStatus().getLabels());
        assertThat(fatReport.getMetadata().getOwnerReferences().get(0).getUid())
                .isEqualTo(created.getMetadata().getUid());

        Controller<?> controller = (Controller<?>) harness.operator().operator()
                .getRegisteredController(HostEndpointReconciler.NAME).orElseThrow();
        HasMetadata cached = controller.getEventSourceManager().getControllerEventSource()
                .get(new ResourceID("fat")).orElseThrow();
        assertThat(cached.getMetadata().getAnnotations()).isNullOrEmpty();
        assertThat(cached.getMetadata().getManagedFields()).isEmpty();
        assertThat(cached.getMetadata().getUid()).isEqualTo(created.getMetadata().getUid());
        assertThat(cached.getMetadata().getResourceVersion()).isNotBlank();
        assertThat(cached.getMetadata().getLabels()).isEqualTo(Map.of("role", "db"));
    }

    private static String tier(String name, int order, String defaultAction) {
        return """
                apiVersion: crd.projectcalico.org/v1
                kind: Tier
                metadata:
                  name: %s
                spec:
                  order: %d
                  defaultAction: %s
                """.formatted(name, order, defaultAction);
    }

    private PolicyMatchReport awaitUndecidedIngress(String reportName, UndecidedTraffic undecided) {
        return await().atMost(OperatorHarness.WAIT).until(() -> harness.report(reportName),
                r -> r != null && r.getStatus() != null && r.getStatus().getIngress() != null
                        && undecided.equals(r.getStatus().getIngress().getUndecided()));
    }

    @Test
    void aDeletedOrEditedReportIsPutBack() {
        harness.apply(ResourceKind.GLOBAL_NETWORK_POLICY, globalPolicy("allow-db", 100, "role == 'db'"));
        harness.apply(ResourceKind.HOST_ENDPOINT, hostEndpoint("node1-eth0", "node1", Map.of("role", "db")));
        harness.start();
        harness.awaitPolicies("hep.node1-eth0", List.of("allow-db"));

        String uid = harness.report("hep.node1-eth0").getMetadata().getUid();
        harness.client().resources(PolicyMatchReport.class).inNamespace(OperatorHarness.NAMESPACE)
                .withName("hep.node1-eth0").delete();
        // Put back so fast that a poll for its absence would race; a new uid shows it was recreated.
        await().atMost(OperatorHarness.WAIT).until(() -> harness.report("hep.node1-eth0"),
                r -> r != null && !r.getMetadata().getUid().equals(uid) && r.getStatus() != null);
        harness.awaitPolicies("hep.node1-eth0", List.of("allow-db"));

        PolicyMatchReport tampered = harness.report("hep.node1-eth0");
        tampered.getStatus().setPolicies(List.of());
        harness.client().resource(tampered).updateStatus();
        harness.awaitPolicies("hep.node1-eth0", List.of("allow-db"));
    }

    @Test
    void malformedResourcesAreReportedAndNeverStopTheOperator() {
        harness.apply(ResourceKind.GLOBAL_NETWORK_POLICY, globalPolicy("allow-db", 100, "role == 'db'"));
        harness.apply(ResourceKind.GLOBAL_NETWORK_POLICY, """
                apiVersion: crd.projectcalico.org/v1
                kind: GlobalNetworkPolicy
                metadata:
                  name: malformed
                spec:
                  order: "first"
                  selector: all()
                """);
        harness.apply(ResourceKind.HOST_ENDPOINT, """
                apiVersion: crd.projectcalico.org/v1
                kind: HostEndpoint
                metadata:
                  name: odd
                spec:
                  node: node9
                  interfaceName: eth0
                  expectedIPs: 5
                """);
        harness.apply(ResourceKind.HOST_ENDPOINT, hostEndpoint("node1-eth0", "node1", Map.of("role", "db")));
        harness.start();

        harness.awaitPolicies("hep.node1-eth0", List.of("allow-db"));
        PolicyMatchReport odd = await().atMost(OperatorHarness.WAIT).until(() -> harness.report("hep.odd"),
                r -> r != null && r.getStatus() != null);
        assertThat(odd.getStatus().condition(ReportCondition.VALID).getStatus()).isEqualTo("False");
        assertThat(odd.getStatus().condition(ReportCondition.MATCHED).getStatus()).isEqualTo("Unknown");
        assertThat(odd.getStatus().getViolations()).extracting(v -> v.getField()).containsExactly("spec.expectedIPs");
        assertThat(odd.getSpec().getEndpoint().getNode()).isEqualTo("node9");
        await().atMost(OperatorHarness.WAIT).until(() -> harness.client().v1().events().inNamespace("default").list()
                .getItems().stream().map(e -> e.getReason() + " " + e.getInvolvedObject().getName()).toList()
                .containsAll(List.of("InvalidResource malformed", "InvalidHostEndpoint odd")));
        assertThat(harness.operator().metrics().registry().get("policymatch_invalid_policies").gauge().value())
                .isEqualTo(1.0);
    }

    /**
     * The embedded server lists any kind, installed or not, so this shows only that nothing needs the
     * Tier CRD; the 404 a real API server gives for it (older Calico) is handled in CalicoInputs.
     */
    @Test
    void aClusterWithoutTheTierCrdStillGetsReports() {
        try (OperatorHarness bare = OperatorHarness.perTest().withCrds(
                java.nio.file.Path.of("crds/policymatch.dev_policymatchreports.yaml"),
                java.nio.file.Path.of("crds/calico/crd.projectcalico.org_hostendpoints.yaml"),
                java.nio.file.Path.of("crds/calico/crd.projectcalico.org_globalnetworkpolicies.yaml"),
                java.nio.file.Path.of("crds/calico/crd.projectcalico.org_networkpolicies.yaml"),
                java.nio.file.Path.of("crds/calico/crd.projectcalico.org_profiles.yaml"))) {
            bare.apply(ResourceKind.GLOBAL_NETWORK_POLICY, globalPolicy("allow-db", 100, "role == 'db'"));
            bare.apply(ResourceKind.HOST_ENDPOINT, hostEndpoint("node1-eth0", "node1", Map.of("role", "db")));
            bare.start();
            bare.awaitPolicies("hep.node1-eth0", List.of("allow-db"));
        }
    }
}
