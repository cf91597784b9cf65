package dev.policymatch.operator.reconcile;

import static dev.policymatch.operator.OperatorHarness.globalPolicy;
import static dev.policymatch.operator.OperatorHarness.hostEndpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.policymatch.api.PolicyMatchReport;
import dev.policymatch.api.Reasons;
import dev.policymatch.api.ReportCondition;
import dev.policymatch.model.CalicoVocabulary;
import dev.policymatch.operator.OperatorHarness;
import dev.policymatch.operator.PolicyMatchOperator.Settings;
import dev.policymatch.source.document.ResourceKind;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code --reports} and {@code --report-namespace-selector} on the embedded API server under deploy/'s RBAC:
 * endpoints outside the scope have no report but are counted in the metrics; a namespace relabelled into
 * or out of the selector gains or loses its pods' reports; a narrower scope after a restart deletes the
 * reports now outside it.
 */
class ReportScopeIT {

    private static final String REPORTS_LABEL = "policymatch-reports";
    private static final String ON = REPORTS_LABEL + " == 'on'";

    @RegisterExtension
    final OperatorHarness harness = OperatorHarness.perTest();
    private KubernetesClient client;

    @BeforeEach
    void start() {
        client = harness.client();
    }

    @Test
    void hostsOnlyWritesNoPodReportButCountsThePods() {
        namespace("shop", Map.of());
        harness.apply(ResourceKind.GLOBAL_NETWORK_POLICY, globalPolicy("all", 100, "all()"));
        harness.apply(ResourceKind.HOST_ENDPOINT, hostEndpoint("edge-eth0", "edge", Map.of("role", "edge")));
        client.pods().resource(pod("shop", "a", Map.of())).create();
        client.pods().resource(pod("shop", "b", Map.of())).create();
        harness.start(scoped("host", ""));

        harness.awaitPolicies("hep.edge-eth0", List.of("all"));
        await().atMost(OperatorHarness.WAIT).untilAsserted(() -> assertThat(harness.registry().scrape())
                .contains("policymatch_endpoints{kind=\"workload\",state=\"matched\"} 2.0")
                .contains("policymatch_reported_endpoints{kind=\"workload\"} 0.0")
                .contains("policymatch_reported_endpoints{kind=\"host\"} 1.0"));
        await().pollDelay(Duration.ofSeconds(1)).atMost(OperatorHarness.WAIT).until(() -> true);
        assertThat(reportNames("shop")).isEmpty();

        client.pods().resource(pod("shop", "c", Map.of())).create();
        await().atMost(OperatorHarness.WAIT).untilAsserted(() -> assertThat(harness.registry().scrape())
                .contains("policymatch_endpoints{kind=\"workload\",state=\"matched\"} 3.0"));
        await().pollDelay(Duration.ofSeconds(1)).atMost(OperatorHarness.WAIT).until(() -> true);
        assertThat(reportNames("shop")).isEmpty();
    }

    /** An invalid HostEndpoint outside the scope has no report, but its warning event all the same. */
    @Test
    void workloadsOnlyWritesNoHostEndpointReportButCountsAndWarnsAboutTheHostEndpoints() {
        namespace("shop", Map.of());
        harness.apply(ResourceKind.GLOBAL_NETWORK_POLICY, globalPolicy("all", 100, "all()"));
        harness.apply(ResourceKind.HOST_ENDPOINT, hostEndpoint("edge-eth0", "edge", Map.of()));
        harness.apply(ResourceKind.HOST_ENDPOINT, hostEndpoint("core-eth0", "core", Map.of()));
        harness.apply(ResourceKind.HOST_ENDPOINT, """
                apiVersion: crd.projectcalico.org/v1
                kind: HostEndpoint
                metadata:
                  name: broken
                spec:
                  node: node1
                  interfaceName: this-name-is-far-too-long
                """);
        client.pods().resource(pod("shop", "a", Map.of())).create();
        harness.start(scoped("workload", ""));

        awaitReport("shop", "pod.a");
        await().atMost(OperatorHarness.WAIT).untilAsserted(() -> assertThat(harness.registry().scrape())
                .contains("policymatch_endpoints{kind=\"host\",state=\"matched\"} 2.0")
                .contains("policymatch_endpoints{kind=\"host\",state=\"invalid\"} 1.0")
                .contains("policymatch_reported_endpoints{kind=\"host\"} 0.0")
                .contains("policymatch_reported_endpoints{kind=\"workload\"} 1.0"));
        await().atMost(OperatorHarness.WAIT).until(() -> client.v1().events().inNamespace("default").list().getItems()
                .stream().anyMatch(e -> Reasons.INVALID_HOST_ENDPOINT.equals(e.getReason())
                        && "broken".equals(e.getInvolvedObject().getName())));
        await().pollDelay(Duration.ofSeconds(1)).atMost(OperatorHarness.WAIT).until(() -> true);
        assertThat(harness.reports()).isEmpty();
    }

    /**
     * The scope's label is one no policy reads. A pod the converter rejects (an IP that is not one) is not in
     * the match index, so no match change can bring it in or out: the namespace's relabelling must.
     */
    @Test
    void aNamespaceLabelledIntoTheSelectorGainsItsPodReportsAndLabelledOutLosesThem() {
        namespace("shop", Map.of(REPORTS_LABEL, "on"));
        namespace("lab", Map.of("team", "lab"));
        harness.apply(ResourceKind.GLOBAL_NETWORK_POLICY, globalPolicy("all", 100, "all()"));
        client.pods().resource(pod("shop", "a", Map.of())).create();
        client.pods().resource(pod("lab", "a", Map.of())).create();
        client.pods().resource(pod("lab", "b", Map.of())).create();
        client.pods().resource(podWithIpThatIsNotOne("lab", "broken")).create();
        harness.start(scoped("host,workload", ON));

        awaitReport("shop", "pod.a");
        await().atMost(OperatorHarness.WAIT).untilAsserted(() -> assertThat(harness.registry().scrape())
                .contains("policymatch_endpoints{kind=\"workload\",state=\"matched\"} 3.0")
                .contains("policymatch_endpoints{kind=\"workload\",state=\"invalid\"} 1.0")
                .contains("policymatch_reported_endpoints{kind=\"workload\"} 1.0"));
        await().pollDelay(Duration.ofSeconds(1)).atMost(OperatorHarness.WAIT).until(() -> true);
        assertThat(reportNames("lab")).isEmpty();

        namespace("lab", Map.of("team", "lab", REPORTS_LABEL, "on"));
        awaitReport("lab", "pod.a");
        awaitReport("lab", "pod.b");
        PolicyMatchReport broken = awaitReport("lab", "pod.broken");
        assertThat(broken.getStatus().condition(ReportCondition.VALID).getStatus()).isEqualTo("False");
        await().atMost(OperatorHarness.WAIT).untilAsserted(() -> assertThat(harness.registry().scrape())
                .contains("policymatch_reported_endpoints{kind=\"workload\"} 4.0"));

        namespace("lab", Map.of("team", "lab", REPORTS_LABEL, "off"));
        await().atMost(OperatorHarness.WAIT).until(() -> reportNames("lab").isEmpty());
        assertThat(reportNames("shop")).containsExactly("pod.a");
        assertThat(harness.registry().scrape())
                .contains("policymatch_endpoints{kind=\"workload\",state=\"matched\"} 3.0")
                .contains("policymatch_endpoints{kind=\"workload\",state=\"invalid\"} 1.0");
    }

    @Test
    void restartingWithANarrowerScopeDeletesTheReportsNowOutsideIt() {
        namespace("shop", Map.of(REPORTS_LABEL, "on"));
        namespace("lab", Map.of());
        harness.apply(ResourceKind.GLOBAL_NETWORK_POLICY, globalPolicy("all", 100, "all()"));
        harness.apply(ResourceKind.HOST_ENDPOINT, hostEndpoint("edge-eth0", "edge", Map.of()));
        client.pods().resource(pod("shop", "a", Map.of())).create();
        client.pods().resource(pod("lab", "a", Map.of())).create();
        harness.start();
        harness.awaitPolicies("hep.edge-eth0", List.of("all"));
        awaitReport("shop", "pod.a");
        awaitReport("lab", "pod.a");
        harness.stop();

        harness.start(scoped("workload", ON));
        await().atMost(OperatorHarness.WAIT).until(() -> harness.reports().isEmpty() && reportNames("lab").isEmpty());
        assertThat(reportNames("shop")).containsExactly("pod.a");
    }

    private static Settings scoped(String reports, String namespaceSelector) {
        return Settings.of(OperatorHarness.NAMESPACE).withReportScope(ReportScope.parse(reports, namespaceSelector));
    }

    private void namespace(String name, Map<String, String> labels) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).withLabels(labels)
                .endMetadata().build()).createOr(op -> op.update());
    }

    private static Pod pod(String namespace, String name, Map<String, String> labels) {
        return new PodBuilder()
                .withNewMetadata().withNamespace(namespace).withName(name).withLabels(labels).endMetadata()
                .withNewSpec().withNodeName("node1").addNewContainer().withName("c").withImage("busybox")
                .endContainer().endSpec()
                .withNewStatus().withPhase("Running").withPodIP("10.244.0." + (Math.abs(name.hashCode()) % 250 + 1))
                .endStatus()
                .build();
    }

    /** Its only IP is Calico's annotation, which is not an IP: the converter rejects the pod. */
    private static Pod podWithIpThatIsNotOne(String namespace, String name) {
        return new PodBuilder()
                .withNewMetadata().withNamespace(namespace).withName(name)
                .addToAnnotations(CalicoVocabulary.ANNOTATION_POD_IP, "not-an-ip").endMetadata()
                .withNewSpec().withNodeName("node1").addNewContainer().withName("c").withImage("busybox")
                .endContainer().endSpec()
                .withNewStatus().withPhase("Running").endStatus()
                .build();
    }

    private PolicyMatchReport report(String namespace, String name) {
        return client.resources(PolicyMatchReport.class).inNamespace(namespace).withName(name).get();
    }

    private PolicyMatchReport awaitReport(String namespace, String name) {
        return await().atMost(OperatorHarness.WAIT).until(() -> report(namespace, name),
                r -> r != null && r.getStatus() != null);
    }

    private List<String> reportNames(String namespace) {
        return client.resources(PolicyMatchReport.class).inNamespace(namespace).list().getItems().stream()
                .map(r -> r.getMetadata().getName()).sorted().toList();
    }
}
