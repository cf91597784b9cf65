package dev.policymatch.operator.reconcile;

import dev.policymatch.api.PolicyMatchReport;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Which endpoint an event on a report is for, decided from the report's name and the endpoints the
 * controller knows, never from the report's owner reference: anyone who may edit a report can point
 * that at another endpoint, and the report would then be repaired only by the next resync.
 * Mapped by name, an edited report reconciles its own endpoint, which writes it back at once.
 *
 * <p>A report name that is not shortened names its endpoint (the naming is one-to-one, see
 * {@code ReportNames}). A shortened one cannot be read back, so the primary cache keeps an index of
 * the shortened report names of its endpoints; it holds only endpoints with very long or hash-like
 * names, so it costs next to nothing.
 */
final class ReportToEndpointMapper<P extends HasMetadata> implements SecondaryToPrimaryMapper<PolicyMatchReport> {

    private static final String SHORTENED_REPORT_NAMES = "shortened-report-names";

    private final Function<P, ResourceID> reportOf;
    private final Function<ResourceID, Optional<ResourceID>> endpointNamed;
    private final IndexerResourceCache<P> endpoints;

    /**
     * Adds the index to the controller's primary cache: call from {@code prepareEventSources}.
     *
     * @param reportOf      the report of an endpoint
     * @param endpointNamed the endpoint a report name gives when it is not shortened; empty for a
     *                      shortened name or one that is no report name of this controller's
     */
    ReportToEndpointMapper(EventSourceContext<P> context, Function<P, ResourceID> reportOf,
            Function<ResourceID, Optional<ResourceID>> endpointNamed) {
        this.reportOf = reportOf;
        this.endpointNamed = endpointNamed;
        this.endpoints = context.getPrimaryCache();
        endpoints.addIndexer(SHORTENED_REPORT_NAMES, endpoint -> {
            ResourceID report = reportOf.apply(endpoint);
            return endpointNamed.apply(report).isPresent() ? List.of() : List.of(key(report));
        });
    }

    @Override
    public Set<ResourceID> toPrimaryResourceIDs(PolicyMatchReport report) {
        return endpointsOf(ResourceID.fromResource(report));
    }

    /** The endpoints whose report is {@code report}: one, or none for a name that is no report of theirs. */
    Set<ResourceID> endpointsOf(ResourceID report) {
        return endpointNamed.apply(report).map(Set::of).orElseGet(() -> endpoints
                .byIndex(SHORTENED_REPORT_NAMES, key(report)).stream()
                .map(ResourceID::fromResource)
                .collect(Collectors.toSet()));
    }

    /** The report of {@code endpoint}, for the report informer's primary-to-secondary mapper. */
    Set<ResourceID> reportsOf(P endpoint) {
        return Set.of(reportOf.apply(endpoint));
    }

    private static String key(ResourceID report) {
        return report.getNamespace().orElse("") + "/" + report.getName();
    }
}
