package dev.policymatch.operator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.policymatch.api.PolicyMatchReport;
import dev.policymatch.api.ReportCondition;
import dev.policymatch.model.EndpointKind;
import dev.policymatch.operator.inputs.ListPageSize;
import dev.policymatch.operator.reconcile.ReportScope;
import dev.policymatch.operator.report.ReportNames;
import dev.policymatch.source.ResourceConverter;
import dev.policymatch.source.document.CalicoApiGroup;
import dev.policymatch.source.document.Conversion;
import dev.policymatch.source.document.ResourceFormatException;
import dev.policymatch.source.document.ResourceKind;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * When the operator has caught up with a cluster: every HostEndpoint and every pod with a workload
 * endpoint that the {@link ReportScope} covers has a Ready report, and no other report of ours is left.
 * For {@code --once}, the embedded run's table, and end-to-end tests.
 *
 * <p>Every list is paginated ({@code --list-page-size}) and keeps only names, so that waiting on a cluster of
 * 100,000 endpoints holds no more than a page of objects; the lists are repeated with a growing pause (from
 * 200 ms to 5 s), so that a long wait does not load the API server.
 */
public final class ReportConvergence {

    private static final Duration FIRST_PAUSE = Duration.ofMillis(200);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);

    private ReportConvergence() {
    }

    /**
     * Waits until the reports have converged, HostEndpoints read from {@code group}; returns how many reports
     * there are.
     */
    public static int awaitConvergence(KubernetesClient client, CalicoApiGroup group, String namespace,
            ReportScope scope, ListPageSize pageSize, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        Duration pause = FIRST_PAUSE;
        while (true) {
            Set<String> endpoints = expectedReports(client, group, namespace, scope, pageSize);
            Set<String> ready = new HashSet<>();
            int[] reports = {0};
            forEachPage(ourReports(client), pageSize, report -> {
                reports[0]++;
                if (report.getStatus() != null && report.getStatus().condition(ReportCondition.READY) != null) {
                    ready.add(id(report));
                }
            });
            if (ready.equals(endpoints) && reports[0] == ready.size()) {
                return reports[0];
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("reports did not converge within " + timeout + ": "
                        + ready.size() + " of " + endpoints.size() + " ready");
            }
            Thread.sleep(pause.toMillis());
            pause = pause.multipliedBy(3).dividedBy(2);
            pause = pause.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause;
        }
    }

    /** {@link #awaitConvergence}, then the reports themselves (for a table of a small estate). */
    public static List<PolicyMatchReport> awaitReports(KubernetesClient client, CalicoApiGroup group, String namespace,
            ReportScope scope, ListPageSize pageSize, Duration timeout) throws InterruptedException {
        awaitConvergence(client, group, namespace, scope, pageSize, timeout);
        List<PolicyMatchReport> reports = new ArrayList<>();
        forEachPage(ourReports(client), pageSize, reports::add);
        return reports;
    }

    /** {@code namespace/name} of the report each endpoint in {@code scope} should have. */
    static Set<String> expectedReports(KubernetesClient client, CalicoApiGroup group, String namespace,
            ReportScope scope, ListPageSize pageSize) {
        Set<String> expected = new HashSet<>();
        if (scope.covers(EndpointKind.HOST)) {
            forEachPage(options -> client.genericKubernetesResources(ResourceKind.HOST_ENDPOINT.context(group))
                    .list(options), pageSize, endpoint ->
                    expected.add(namespace + "/" + ReportNames.forHostEndpoint(endpoint.getMetadata().getName())));
        }
        if (scope.covers(EndpointKind.WORKLOAD)) {
            expected.addAll(expectedPodReports(client, scope, pageSize));
        }
        return expected;
    }

    private static Set<String> expectedPodReports(KubernetesClient client, ReportScope scope, ListPageSize pageSize) {
        Map<String, Map<String, String>> namespaceLabels = new HashMap<>();
        if (scope.dependsOnNamespaceLabels()) {
            forEachPage(options -> client.namespaces().list(options), pageSize, namespace -> namespaceLabels.put(
                    namespace.getMetadata().getName(),
                    namespace.getMetadata().getLabels() == null ? Map.of() : namespace.getMetadata().getLabels()));
        }
        Set<String> expected = new HashSet<>();
        ResourceConverter converter = new ResourceConverter();
        forEachPage(options -> client.pods().inAnyNamespace().list(options), pageSize, pod -> {
            if (!scope.covers(EndpointKind.WORKLOAD, pod.getMetadata().getNamespace(),
                    ns -> namespaceLabels.getOrDefault(ns, Map.of()))) {
                return;
            }
            try {
                if (converter.convert(ResourceKind.POD, client.getKubernetesSerialization().convertValue(pod,
                        ObjectNode.class)) instanceof Conversion.Skipped) {
                    return;
                }
            } catch (ResourceFormatException e) {
                // Reported as invalid: it has a report all the same.
            }
            expected.add(pod.getMetadata().getNamespace() + "/" + ReportNames.forPod(pod.getMetadata().getName()));
        });
        return expected;
    }

    /** A page of the reports the operator manages, in every namespace. */
    private static Function<ListOptions, KubernetesResourceList<PolicyMatchReport>> ourReports(KubernetesClient client) {
        return options -> client.resources(PolicyMatchReport.class).inAnyNamespace()
                .withLabelSelector(ReportNames.managedSelector()).list(options);
    }

    /** Every object of a list, a page at a time, following {@code metadata.continue} to the end. */
    private static <T extends HasMetadata> void forEachPage(Function<ListOptions, KubernetesResourceList<T>> list,
            ListPageSize pageSize, Consumer<T> action) {
        String next = null;
        do {
            KubernetesResourceList<T> page = list.apply(new ListOptionsBuilder().withLimit(pageSize.limit())
                    .withContinue(next).build());
            page.getItems().forEach(action);
            next = page.getMetadata() == null ? null : page.getMetadata().getContinue();
        } while (next != null && !next.isEmpty());
    }

    private static String id(PolicyMatchReport report) {
        return report.getMetadata().getNamespace() + "/" + report.getMetadata().getName();
    }
}
