package dev.policymatch.operator.report;

import dev.policymatch.api.PolicyMatchReport;
import dev.policymatch.model.EndpointKind;
import dev.policymatch.operator.inputs.CalicoHostEndpointResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes reports whose endpoint object (HostEndpoint or Pod) no longer exists, or is outside the report
 * scope (after a restart with a narrower one, say). Kubernetes' garbage
 * collector does this through the owner reference on a real cluster, but it can lag, the embedded API
 * server has none, and an endpoint deleted while the operator was down leaves no event to react to.
 *
 * <p>Reads straight from the API server, for each kind reports first and endpoints second: a report
 * listed first belongs to an endpoint that existed before it, so the endpoint list taken after it
 * names every endpoint still alive, and no live report is deleted. A report is compared by its name
 * with the report names of the live endpoints, never by its owner reference, which anyone who may edit
 * the report can point elsewhere. A pod that exists but has no
 * workload endpoint (host-networked, unscheduled) is its controller's business, not the sweeper's.
 */
public final class StaleReportSweeper {

    private static final Logger LOG = LoggerFactory.getLogger(StaleReportSweeper.class);

    /**
     * One kind of endpoint report: how to list the reports, and the name and namespace of the report
     * each live endpoint object may have.
     */
    /** Whether a live endpoint of {@code kind} gets a report; {@code namespace} is a pod's, null for a host. */
    @FunctionalInterface
    public interface Coverage {
        boolean covers(EndpointKind kind, String namespace);
    }

    private record Family(String what, Supplier<List<PolicyMatchReport>> reports, Supplier<Set<String>> liveReports) {
    }

    private final KubernetesClient client;
    private final ReportWriter writer;
    private final List<Family> families;

    /**
     * @param hostEndpoints the class of the HostEndpoints of the cluster's Calico API group
     * @param coverage      which live endpoints get a report: the reports of the others are stale too
     */
    public StaleReportSweeper(KubernetesClient client, String hostReportNamespace, ReportWriter writer,
            Class<? extends CalicoHostEndpointResource> hostEndpoints, Coverage coverage) {
        this.client = client;
        this.writer = writer;
        this.families = List.of(
                new Family("host endpoints",
                        () -> client.resources(PolicyMatchReport.class).inNamespace(hostReportNamespace)
                                .withLabelSelector(ReportNames.hostSelector()).list().getItems(),
                        () -> ids(coverage.covers(EndpointKind.HOST, null)
                                        ? client.resources(hostEndpoints).list().getItems() : List.of(),
                                m -> id(hostReportNamespace, ReportNames.forHostEndpoint(m.getName())))),
                new Family("pods",
                        () -> client.resources(PolicyMatchReport.class).inAnyNamespace()
                                .withLabelSelector(ReportNames.podSelector()).list().getItems(),
                        () -> ids(client.resources(Pod.class).inAnyNamespace().list().getItems().stream()
                                        .filter(pod -> coverage.covers(EndpointKind.WORKLOAD,
                                                pod.getMetadata().getNamespace()))
                                        .toList(),
                                m -> id(m.getNamespace(), ReportNames.forPod(m.getName())))));
    }

    /** Returns the reports it deleted, as {@code namespace/name}. */
    public List<String> sweep() {
        List<String> deleted = new ArrayList<>();
        for (Family family : families) {
            List<PolicyMatchReport> reports = family.reports().get();
            if (reports.isEmpty()) {
                continue;
            }
            Set<String> live = family.liveReports().get();
            List<String> stale = reports.stream().map(HasMetadata::getMetadata)
                    .map(m -> id(m.getNamespace(), m.getName()))
                    .filter(id -> !live.contains(id))
                    .toList();
            for (String id : stale) {
                int slash = id.indexOf('/');
                writer.delete(id.substring(0, slash), id.substring(slash + 1),
                        "its endpoint is gone or out of the report scope");
            }
            if (!stale.isEmpty()) {
                LOG.info("Removed {} stale report(s) of deleted or out-of-scope {}", stale.size(), family.what());
            }
            deleted.addAll(stale);
        }
        return deleted;
    }

    private static Set<String> ids(List<? extends HasMetadata> objects, Function<ObjectMeta, String> reportId) {
        return objects.stream().map(HasMetadata::getMetadata).map(reportId).collect(Collectors.toSet());
    }

    private static String id(String namespace, String name) {
        return namespace + "/" + name;
    }
}
