package dev.policymatch.operator.robustness;

import static dev.policymatch.operator.OperatorHarness.globalPolicy;
import static dev.policymatch.operator.OperatorHarness.hostEndpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.policymatch.api.PolicyMatchReport;
import dev.policymatch.operator.OperatorHarness;
import dev.policymatch.operator.PolicyMatchOperator;
import dev.policymatch.operator.report.ReportNames;
import dev.policymatch.source.document.ResourceKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 14, items 7 and 8: each endpoint has a report of its own, whatever names its neighbours pick
 * and whatever anyone writes into a report's owner reference, spec or labels.
 */
class ReportIdentityIT {

    /** Well inside the 10-minute resync: a repair within this is the report's own event at work. */
    private static final Duration REPAIR = Duration.ofSeconds(10);
    private static final String NAMESPACE = OperatorHarness.NAMESPACE;

    @RegisterExtension
    final OperatorHarness harness = OperatorHarness.perTest();
    private KubernetesClient client;

    @BeforeEach
    void start() {
        client = harness.client();
    }

    /**
     * A pod named like another pod's shortened report (that report's name without {@code pod.}) is a
     * legal name anyone who may create pods can pick; before the fix both pods wrote the same report,
     * which flipped between them and went away with either pod.
     */
    @Test
    void aPodNamedLikeAnotherPodsShortenedReportGetsAReportOfItsOwn() {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("shop").endMetadata().build())
                .create();
        harness.apply(ResourceKind.GLOBAL_NETWORK_POLICY, globalPolicy("all", 100, "all()"));
        String longName = "l".repeat(63) + "." + "o".repeat(63) + "." + "n".repeat(63) + "." + "g".repeat(61);
        String crafted = ReportNames.forPod(longName).substring(ReportNames.POD_PREFIX.length());
        assertThat(longName).hasSize(253);
        assertThat(crafted).hasSize(249).isNotEqualTo(longName);
        harness.start();
        client.pods().resource(pod("shop", longName, Map.of("app", "long"))).create();
        client.pods().resource(pod("shop", crafted, Map.of("app", "crafted"))).create();

        PolicyMatchReport ofLong = awaitReportOf("shop", ReportNames.forPod(longName), longName);
        PolicyMatchReport ofCrafted = awaitReportOf("shop", ReportNames.forPod(crafted), crafted);
        assertThat(ofCrafted.getMetadata().getName()).isNotEqualTo(ofLong.getMetadata().getName());
        assertThat(ofLong.getStatus().getLabels()).containsEntry("app", "long");
        assertThat(ofCrafted.getStatus().getLabels()).containsEntry("app", "crafted");

        // No flipping: neither report is written again while nothing changes.
        await().pollDelay(Duration.ofSeconds(2)).atMost(OperatorHarness.WAIT).until(() -> true);
        assertThat(report("shop", ofLong.getMetadata().getName()).getMetadata().getResourceVersion())
                .isEqualTo(ofLong.getMetadata().getResourceVersion());
        assertThat(report("shop", ofCrafted.getMetadata().getName()).getMetadata().getResourceVersion())
                .isEqualTo(ofCrafted.getMetadata().getResourceVersion());

        // Deleting one pod deletes its report only.
        client.pods().inNamespace("shop").withName(crafted).delete();
        await().atMost(OperatorHarness.WAIT).until(() -> report("shop", ReportNames.forPod(crafted)) == null);
        assertThat(report("shop", ReportNames.forPod(longName)).getSpec().getEndpoint().getName()).isEqualTo(longName);
    }

    @Test
    void aReportWhoseOwnerIsPointedAtAnotherEndpointIsRepairedAtOnceAndOutlivesThatEndpoint() {
        harness.apply(ResourceKind.GLOBAL_NETWORK_POLICY, globalPolicy("all", 100, "all()"));
        GenericKubernetesResource a = harness.apply(ResourceKind.HOST_ENDPOINT, hostEndpoint("a", "node1", Map.of()));
        GenericKubernetesResource b = harness.apply(ResourceKind.HOST_ENDPOINT, hostEndpoint("b", "node2", Map.of()));
        PolicyMatchOperator operator = harness.start();
        harness.awaitPolicies("hep.a", List.of("all"));
        harness.awaitPolicies("hep.b", List.of("all"));

        tamper("hep.a", report -> {
            report.getMetadata().setOwnerReferences(List.of(ownerOf(b)));
            return report;
        });
        awaitOwnedBy("hep.a", a);

        tamper("hep.a", report -> {
            report.getSpec().getEndpoint().setName("b");
            report.getMetadata().getLabels().remove(ReportNames.MANAGED_BY_LABEL);
            return report;
        });
        PolicyMatchReport repaired = await().atMost(REPAIR).until(() -> harness.report("hep.a"),
                r -> "a".equals(r.getSpec().getEndpoint().getName())
                        && ReportNames.MANAGED_BY.equals(r.getMetadata().getLabels().get(ReportNames.MANAGED_BY_LABEL)));
        assertThat(repaired.getMetadata().getOwnerReferences()).containsExactly(ownerOf(a));

        // Spoofed again, then the endpoint it pointed at goes: the report stays with its own endpoint.
        tamper("hep.a", report -> {
            report.getMetadata().setOwnerReferences(List.of(ownerOf(b)));
            return report;
        });
        awaitOwnedBy("hep.a", a);
        harness.delete(ResourceKind.HOST_ENDPOINT, null, "b");
        await().atMost(OperatorHarness.WAIT).until(() -> harness.report("hep.b") == null);
        assertThat(operator.sweeper().sweep()).isEmpty();
        assertThat(harness.report("hep.a").getMetadata().getOwnerReferences()).containsExactly(ownerOf(a));
    }

    /**
     * The sweeper decides by the endpoint a report's name gives, whatever owner the report claims: after a
     * restart, the report of the endpoint deleted while the operator was down goes, the other stays.
     */
    @Test
    void theSweeperNeitherKeepsNorDeletesAReportByItsOwnerReference() {
        harness.apply(ResourceKind.GLOBAL_NETWORK_POLICY, globalPolicy("all", 100, "all()"));
        GenericKubernetesResource alive = harness.apply(ResourceKind.HOST_ENDPOINT,
                hostEndpoint("alive", "node1", Map.of()));
        GenericKubernetesResource gone = harness.apply(ResourceKind.HOST_ENDPOINT,
                hostEndpoint("gone", "node2", Map.of()));
        harness.start();
        harness.awaitPolicies("hep.alive", List.of("all"));
        harness.awaitPolicies("hep.gone", List.of("all"));
        harness.stop();

        harness.delete(ResourceKind.HOST_ENDPOINT, null, "gone");
        tamper("hep.alive", report -> {
            report.getMetadata().setOwnerReferences(List.of(ownerOf(gone)));
            return report;
        });
        tamper("hep.gone", report -> {
            report.getMetadata().setOwnerReferences(List.of(ownerOf(alive)));
            return report;
        });

        PolicyMatchOperator restarted = harness.start();
        await().atMost(OperatorHarness.WAIT).until(() -> harness.report("hep.gone") == null);
        assertThat(harness.reports()).extracting(r -> r.getMetadata().getName()).containsExactly("hep.alive");
        awaitOwnedBy("hep.alive", alive);
        assertThat(restarted.sweeper().sweep()).isEmpty();
    }

    /**
     * Edits the report as a user would: read, change, write with the resourceVersion read, and on a conflict (the
     * operator wrote the report in between) read again and retry.
     */
    private void tamper(String reportName, UnaryOperator<PolicyMatchReport> edit) {
        for (int attempt = 1; ; attempt++) {
            try {
                client.resources(PolicyMatchReport.class).inNamespace(NAMESPACE).withName(reportName).edit(edit);
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt == 10) {
                    throw e;
                }
            }
        }
    }

    private void awaitOwnedBy(String reportName, GenericKubernetesResource endpoint) {
        await().atMost(REPAIR).untilAsserted(() -> assertThat(harness.report(reportName).getMetadata()
                .getOwnerReferences()).containsExactly(ownerOf(endpoint)));
    }

    private static OwnerReference ownerOf(GenericKubernetesResource endpoint) {
        return new OwnerReferenceBuilder().withApiVersion(endpoint.getApiVersion()).withKind(endpoint.getKind())
                .withName(endpoint.getMetadata().getName()).withUid(endpoint.getMetadata().getUid()).build();
    }

    private PolicyMatchReport awaitReportOf(String namespace, String reportName, String podName) {
        return await().atMost(OperatorHarness.WAIT).until(() -> report(namespace, reportName),
                r -> r != null && r.getStatus() != null && podName.equals(r.getSpec().getEndpoint().getName()));
    }

    private PolicyMatchReport report(String namespace, String name) {
        return client.resources(PolicyMatchReport.class).inNamespace(namespace).withName(name).get();
    }

    private static Pod pod(String namespace, String name, Map<String, String> labels) {
        return new PodBuilder()
                .withNewMetadata().withNamespace(namespace).withName(name).withLabels(labels).endMetadata()
                .withNewSpec().withNodeName("node1").addNewContainer().withName("c").withImage("busybox")
                .endContainer().endSpec()
                .withNewStatus().withPhase("Running").withPodIP("10.244.0.7").endStatus()
                .build();
    }
}
