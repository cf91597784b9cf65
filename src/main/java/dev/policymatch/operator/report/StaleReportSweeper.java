package dev.policymatch.operator.report;

import dev.policymatch.operator.calico.CalicoHostEndpointResource;
import dev.policymatch.operator.customresource.PolicyMatchReport;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes host endpoint reports whose HostEndpoint no longer exists. Kubernetes' garbage collector
 * does this through the owner reference on a real cluster, but it can lag, the embedded API server
 * has none, and an endpoint deleted while the operator was down leaves no event to react to.
 *
 * <p>Reads straight from the API server, reports first and endpoints second: a report listed first
 * belongs to an endpoint that existed before it, so the endpoint list taken after it names every
 * endpoint still alive, and no live report is deleted.
 */
public final class StaleReportSweeper {

    private static final Logger LOG = LoggerFactory.getLogger(StaleReportSweeper.class);

    private final KubernetesClient client;
    private final String namespace;
    private final ReportWriter writer;

    public StaleReportSweeper(KubernetesClient client, String namespace, ReportWriter writer) {
        this.client = client;
        this.namespace = namespace;
        this.writer = writer;
    }

    /** Returns the names of the reports it deleted. */
    public List<String> sweep() {
        List<PolicyMatchReport> reports = client.resources(PolicyMatchReport.class).inNamespace(namespace)
                .withLabelSelector(ReportNames.hostSelector()).list().getItems();
        if (reports.isEmpty()) {
            return List.of();
        }
        Set<String> endpoints = client.resources(CalicoHostEndpointResource.class).list().getItems().stream()
                .map(HasMetadata::getMetadata).map(m -> m.getName()).collect(Collectors.toSet());
        List<String> stale = reports.stream()
                .filter(r -> ReportNames.hostEndpointOf(r).map(name -> !endpoints.contains(name)).orElse(false))
                .map(r -> r.getMetadata().getName())
                .toList();
        stale.forEach(name -> writer.delete(namespace, name));
        if (!stale.isEmpty()) {
            LOG.info("Removed {} stale report(s) of deleted host endpoints", stale.size());
        }
        return stale;
    }
}
