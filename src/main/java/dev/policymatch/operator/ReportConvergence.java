package dev.policymatch.operator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.policymatch.api.PolicyMatchReport;
import dev.policymatch.api.ReportCondition;
import dev.policymatch.model.EndpointKind;
import dev.policymatch.operator.reconcile.ReportScope;
import dev.policymatch.operator.report.ReportNames;
import dev.policymatch.source.ResourceConverter;
import dev.policymatch.source.document.CalicoApiGroup;
import dev.policymatch.source.document.Conversion;
import dev.policymatch.source.document.ResourceFormatException;
import dev.policymatch.source.document.ResourceKind;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * When the operator has caught up with a cluster: every HostEndpoint and every pod with a workload
 * endpoint that the {@link ReportScope} covers has a Ready report, and no other report of ours is left.
 * For {@code --once}, the embedded run's table, and end-to-end tests.
 */
public final class ReportConvergence {

    private ReportConvergence() {
    }

    /** Waits until the reports have converged, HostEndpoints read from {@code group}; returns them. */
    public static List<PolicyMatchReport> awaitReports(KubernetesClient client, CalicoApiGroup group, String namespace,
            ReportScope scope, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Set<String> endpoints = expectedReports(client, group, namespace, scope);
            List<PolicyMatchReport> reports = client.resources(PolicyMatchReport.class).inAnyNamespace()
                    .withLabelSelector(ReportNames.managedSelector()).list().getItems();
            Set<String> ready = reports.stream()
                    .filter(r -> r.getStatus() != null && r.getStatus().condition(ReportCondition.READY) != null)
                    .map(ReportConvergence::id).collect(Collectors.toSet());
            if (ready.equals(endpoints) && reports.size() == ready.size()) {
                return reports;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("reports did not converge within " + timeout + ": "
                        + ready.size() + " of " + endpoints.size() + " ready");
            }
            Thread.sleep(200);
        }
    }

    /** {@code namespace/name} of the report each endpoint in {@code scope} should have. */
    static Set<String> expectedReports(KubernetesClient client, CalicoApiGroup group, String namespace,
            ReportScope scope) {
        Set<String> expected = new HashSet<>();
        if (scope.covers(EndpointKind.HOST)) {
            client.genericKubernetesResources(ResourceKind.HOST_ENDPOINT.context(group)).list().getItems().forEach(e ->
                    expected.add(namespace + "/" + ReportNames.forHostEndpoint(e.getMetadata().getName())));
        }
        if (scope.covers(EndpointKind.WORKLOAD)) {
            expected.addAll(expectedPodReports(client, scope));
        }
        return expected;
    }

    private static Set<String> expectedPodReports(KubernetesClient client, ReportScope scope) {
        Map<String, Map<String, String>> namespaceLabels = scope.dependsOnNamespaceLabels()
                ? client.namespaces().list().getItems().stream().collect(Collectors.toMap(n -> n.getMetadata().getName(),
                        n -> n.getMetadata().getLabels() == null ? Map.of() : n.getMetadata().getLabels()))
                : Map.of();
        Set<String> expected = new HashSet<>();
        ResourceConverter converter = new ResourceConverter();
        for (Pod pod : client.pods().inAnyNamespace().list().getItems()) {
            if (!scope.covers(EndpointKind.WORKLOAD, pod.getMetadata().getNamespace(),
                    ns -> namespaceLabels.getOrDefault(ns, Map.of()))) {
                continue;
            }
            try {
                if (converter.convert(ResourceKind.POD, client.getKubernetesSerialization().convertValue(pod,
                        ObjectNode.class)) instanceof Conversion.Skipped) {
                    continue;
                }
            } catch (ResourceFormatException e) {
                // Reported as invalid: it has a report all the same.
            }
            expected.add(pod.getMetadata().getNamespace() + "/" + ReportNames.forPod(pod.getMetadata().getName()));
        }
        return expected;
    }

    private static String id(PolicyMatchReport report) {
        return report.getMetadata().getNamespace() + "/" + report.getMetadata().getName();
    }
}
