package dev.policymatch.operator.reconcile;

import dev.policymatch.api.PolicyMatchReport;
import dev.policymatch.api.PolicyMatchReportSpec;
import dev.policymatch.api.Reasons;
import dev.policymatch.api.ReportedEndpoint;
import dev.policymatch.match.EndpointMatch;
import dev.policymatch.match.MatchIndex;
import dev.policymatch.model.EndpointKind;
import dev.policymatch.operator.metrics.DomainMetrics;
import dev.policymatch.operator.metrics.EndpointState;
import dev.policymatch.operator.report.ReportWriter;
import dev.policymatch.render.ReportComposer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnAddFilter;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The part of reconciling that is the same for every endpoint kind: record where the endpoint stands in
 * the metrics, then, when the {@link ReportScope} covers it, compose its report from its match, write it
 * (only when it differs) and tell the report informer about our own write, else delete the report it
 * had; or withdraw the report when the endpoint is gone. The reconcilers only know how to read their
 * primary and name its report.
 */
public final class EndpointReports {

    /** Where one endpoint's report goes and what it says about the endpoint. */
    public record Target(String namespace, String name, Map<String, String> labels, ReportedEndpoint endpoint) {
        /** The key of the endpoint in {@link DomainMetrics}: unique across kinds and namespaces. */
        String metricsId() {
            return namespace + "/" + name;
        }
    }

    /**
     * For the report informers: an added report triggers no reconcile. It is one of ours, just created by
     * reconciling its endpoint, or one listed when the informer starts, when every endpoint is reconciled
     * anyway (restarts reconciled every endpoint twice). A report someone else creates under one of our
     * names is put right at its endpoint's next reconcile (any change, or the resync); edits and deletes
     * of reports still trigger one at once.
     */
    static final OnAddFilter<PolicyMatchReport> IGNORE_ADDED_REPORTS = report -> false;

    private final MatchIndex index;
    private final ReportWriter writer;
    private final DomainMetrics metrics;
    private final ReportScope scope;
    private final Function<String, Map<String, String>> namespaceLabels;

    /** @param namespaceLabels a Namespace's labels by its name, for the scope's namespace selector */
    public EndpointReports(MatchIndex index, ReportWriter writer, DomainMetrics metrics, ReportScope scope,
            Function<String, Map<String, String>> namespaceLabels) {
        this.index = index;
        this.writer = writer;
        this.metrics = metrics;
        this.scope = scope;
        this.namespaceLabels = namespaceLabels;
    }

    public ReportScope scope() {
        return scope;
    }

    /** Whether the report scope covers an endpoint of {@code kind} ({@code namespace}: a pod's, else null). */
    boolean covers(EndpointKind kind, String namespace) {
        return scope.covers(kind, namespace, namespaceLabels);
    }

    /** A new cache for a report informer, which keeps of each report what deciding its next write needs. */
    ItemStore<PolicyMatchReport> newReportCache() {
        return writer.newReportCache();
    }

    /**
     * Records the state of the endpoint of {@code intake} in the metrics and returns it; makes
     * {@code target}'s report, owned by {@code owner}, say what applies to the endpoint when the scope
     * covers it, and deletes the report otherwise.
     */
    public <P extends HasMetadata> EndpointState publish(P owner, Target target, Intake<?> intake,
            Context<P> context, InformerEventSource<PolicyMatchReport, P> reports) {
        Optional<EndpointMatch> match = intake.key().flatMap(index::match);
        EndpointState state = stateOf(match, intake);
        boolean covered = covers(kindOf(target), target.namespace());
        ReportedEndpoint endpoint = target.endpoint();
        metrics.endpoint(target.metricsId(), endpoint.getKind(), state, endpoint.getNode(), endpoint.getFullName(),
                covered);
        PolicyMatchReport stored = context.getSecondaryResource(PolicyMatchReport.class).orElse(null);
        if (covered) {
            write(owner, target, intake, match, stored, reports);
        } else if (stored != null) {
            writer.delete(target.namespace(), target.name(), "its endpoint is out of the report scope");
        }
        return state;
    }

    private <P extends HasMetadata> void write(P owner, Target target, Intake<?> intake,
            Optional<EndpointMatch> match, PolicyMatchReport stored, InformerEventSource<PolicyMatchReport, P> reports) {
        PolicyMatchReport written = writer.write(desiredReport(owner, target),
                generation -> ReportComposer.status(match, intake.violations(), generation, invalidReason(target)),
                stored);
        if (written != stored) {
            ResourceID primary = ResourceID.fromResource(owner);
            if (stored == null) {
                reports.handleRecentResourceCreate(primary, written);
            } else {
                reports.handleRecentResourceUpdate(primary, written, stored);
            }
        }
    }

    private static EndpointState stateOf(Optional<EndpointMatch> match, Intake<?> intake) {
        if (!intake.violations().isEmpty()) {
            return EndpointState.INVALID;
        }
        return match.map(EndpointMatch::isMatched).orElse(false) ? EndpointState.MATCHED : EndpointState.UNMATCHED;
    }

    /**
     * Forgets an endpoint that is gone (or no longer an endpoint) in the metrics and deletes its
     * report, unless the caller knows there is none (which spares a request per pending pod).
     */
    public void withdraw(String namespace, String name, boolean reportMayExist) {
        metrics.endpointGone(namespace + "/" + name);
        if (reportMayExist) {
            writer.delete(namespace, name, "its endpoint is gone");
        }
    }

    private static EndpointKind kindOf(Target target) {
        return EndpointKind.WORKLOAD_LABEL.equals(target.endpoint().getKind()) ? EndpointKind.WORKLOAD
                : EndpointKind.HOST;
    }

    private static String invalidReason(Target target) {
        return kindOf(target) == EndpointKind.WORKLOAD ? Reasons.INVALID_WORKLOAD_ENDPOINT
                : Reasons.INVALID_HOST_ENDPOINT;
    }

    static PolicyMatchReport desiredReport(HasMetadata owner, Target target) {
        PolicyMatchReport report = new PolicyMatchReport();
        report.getMetadata().setName(target.name());
        report.getMetadata().setNamespace(target.namespace());
        report.getMetadata().setLabels(new HashMap<>(target.labels()));
        report.getMetadata().setOwnerReferences(List.of(new OwnerReferenceBuilder()
                .withApiVersion(owner.getApiVersion())
                .withKind(owner.getKind())
                .withName(owner.getMetadata().getName())
                .withUid(owner.getMetadata().getUid())
                .build()));
        report.setSpec(new PolicyMatchReportSpec(target.endpoint()));
        return report;
    }
}
