package dev.policymatch.operator;

import static dev.policymatch.operator.OperatorHarness.globalPolicy;
import static dev.policymatch.operator.OperatorHarness.hostEndpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.policymatch.api.PolicyMatchReport;
import dev.policymatch.devcluster.RequestCounts;
import dev.policymatch.operator.inputs.ListPageSize;
import dev.policymatch.operator.reconcile.ReportScope;
import dev.policymatch.source.document.CalicoApiGroup;
import dev.policymatch.source.document.ResourceKind;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With {@code --list-page-size 2} every informer (the two controllers, their report informers and the
 * Calico inputs) lists in pages of 2 and follows {@code metadata.continue} to the end: every endpoint
 * still gets its report, on a first start and on a restart that lists the reports back. So does
 * {@code --once}'s wait for the reports ({@link ReportConvergence}).
 */
class PaginatedListsIT {

    private static final int ENDPOINTS = 5;
    private static final PolicyMatchOperator.Settings PAGES_OF_TWO =
            PolicyMatchOperator.Settings.of(OperatorHarness.NAMESPACE).withListPageSize(new ListPageSize(2));

    @RegisterExtension
    final OperatorHarness harness = OperatorHarness.perTest();

    @Test
    void everyInformerListsInPagesAndEveryReportIsWritten() throws InterruptedException {
        harness.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("shop").endMetadata()
                .build()).create();
        for (int i = 0; i < 3; i++) {
            harness.apply(ResourceKind.GLOBAL_NETWORK_POLICY, globalPolicy("all-" + i, 100 + i, "all()"));
        }
        for (int i = 0; i < ENDPOINTS; i++) {
            harness.apply(ResourceKind.HOST_ENDPOINT, hostEndpoint("h" + i, "node1", Map.of("role", "r" + i)));
            harness.client().pods().resource(new PodBuilder()
                    .withNewMetadata().withNamespace("shop").withName("p" + i).endMetadata()
                    .withNewSpec().withNodeName("node1").addNewContainer().withName("c").withImage("busybox")
                    .endContainer().endSpec()
                    .withNewStatus().withPhase("Running").withPodIP("10.244.0." + (i + 1)).endStatus()
                    .build()).create();
        }
        RequestCounts counts = harness.faults().counts();

        harness.start(PAGES_OF_TWO);
        awaitEveryReport();
        for (String resource : List.of("hostendpoints", "pods", "globalnetworkpolicies")) {
            assertListedInPagesOfTwo(counts, resource);
        }

        counts.reset();
        List<PolicyMatchReport> converged = ReportConvergence.awaitReports(harness.client(), CalicoApiGroup.CRD_V1,
                OperatorHarness.NAMESPACE, ReportScope.ALL, new ListPageSize(2), OperatorHarness.WAIT);
        assertThat(converged).extracting(r -> r.getMetadata().getName()).containsExactlyInAnyOrderElementsOf(
                IntStream.range(0, ENDPOINTS).boxed().flatMap(i -> Stream.of("hep.h" + i, "pod.p" + i)).toList());
        for (String resource : List.of("hostendpoints", "pods", "policymatchreports")) {
            assertListedInPagesOfTwo(counts, resource);
        }
        harness.stop();

        counts.reset();
        harness.start(PAGES_OF_TWO);
        awaitEveryReport();
        assertListedInPagesOfTwo(counts, "policymatchreports");
    }

    private void awaitEveryReport() {
        List<String> policies = List.of("all-0", "all-1", "all-2");
        IntStream.range(0, ENDPOINTS).forEach(i -> harness.awaitPolicies("hep.h" + i, policies));
        await().atMost(OperatorHarness.WAIT).until(() -> harness.client().resources(PolicyMatchReport.class)
                .inNamespace("shop").list().getItems().stream()
                .filter(r -> r.getStatus() != null && r.getStatus().getPolicies().size() == policies.size())
                .map(r -> r.getMetadata().getName()).sorted().toList(),
                names -> names.equals(IntStream.range(0, ENDPOINTS).mapToObj(i -> "pod.p" + i).toList()));
    }

    /** A first page asked with limit=2, and at least one following page asked with its continue token. */
    private static void assertListedInPagesOfTwo(RequestCounts counts, String resource) {
        List<String> queries = counts.listQueries(resource);
        assertThat(queries).as("list requests of %s", resource)
                .anyMatch(q -> q.contains("limit=2") && !q.contains("continue="))
                .anyMatch(q -> q.contains("limit=2") && q.contains("continue="));
    }
}
