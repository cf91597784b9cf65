package dev.policymatch.operator.reconcile;

import dev.policymatch.operator.customresource.PolicyMatchReport;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which endpoint an event on a report is for, decided from the report's name and the endpoints the
 * controller knows, never from the report's owner reference: anyone who may edit a report can point
 * that at another endpoint, and the report would then be repaired only by the next resync (issue 14).
 * Mapped by name, an edited report reconciles its own endpoint, which writes it back at once.
 *
 * <p>A report name that is not shortened names its endpoint (the naming is one-to-one, see
 * {@code ReportNames}). A shortened one cannot be read back, so the primary cache keeps an index of
 * the shortened report names of its endpoints; it holds only endpoints with very long or hash-like
 * names, so it costs next to nothing.
 */
final class ReportToEndpointMapper<P extends HasMetadata> implements SecondaryToPrimaryMapper<PolicyMatchReport> {

    /** How one controller names reports: an endpoint's report, and the endpoint a plain report name gives. */
    interface Naming<P> {
        ResourceID reportOf(P endpoint);

        /** Empty when {@code report} is shortened or is no report name of this controller's. */
        Optional<ResourceID> endpointNamed(ResourceID report);
    }

    private static final String SHORTENED_REPORT_NAMES = "shortened-report-names";

    private final Naming<P> naming;
    private final IndexerResourceCache<P> endpoints;

    /** Adds the index to the controller's primary cache: call from {@code prepareEventSources}. */
    ReportToEndpointMapper(EventSourceContext<P> context, Naming<P> naming) {
        this.naming = naming;
        this.endpoints = context.getPrimaryCache();
        endpoints.addIndexer(SHORTENED_REPORT_NAMES, endpoint -> {
            ResourceID report = naming.reportOf(endpoint);
            return naming.endpointNamed(report).isPresent() ? List.of() : List.of(key(report));
        });
    }

    @Override
    public Set<ResourceID> toPrimaryResourceIDs(PolicyMatchReport report) {
        ResourceID id = ResourceID.fromResource(report);
        return naming.endpointNamed(id).map(Set::of).orElseGet(() -> endpoints
                .byIndex(SHORTENED_REPORT_NAMES, key(id)).stream()
                .map(ResourceID::fromResource)
                .collect(Collectors.toSet()));
    }

    /** The report of {@code endpoint}, for the report informer's primary-to-secondary mapper. */
    Set<ResourceID> reportsOf(P endpoint) {
        return Set.of(naming.reportOf(endpoint));
    }

    private static String key(ResourceID report) {
        return report.getNamespace().orElse("") + "/" + report.getName();
    }
}
