package dev.policymatch.operator.reconcile;

import dev.policymatch.operator.report.ReportFamily;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A controller's reports and endpoints as its caches hold them.
 *
 * @param reportKeys       the keys of the report cache
 * @param endpointsOf      the endpoints a report name belongs to ({@link ReportToEndpointMapper#endpointsOf})
 * @param endpointCache    an endpoint from the controller's primary cache
 * @param covered          whether the report scope covers an endpoint
 */
record CachedReports<P>(String endpoints, Supplier<Stream<ResourceID>> reportKeys,
        Function<ResourceID, Set<ResourceID>> endpointsOf, Function<ResourceID, Optional<P>> endpointCache,
        Predicate<P> covered) implements ReportFamily {

    @Override
    public Stream<ResourceID> reports() {
        return reportKeys.get();
    }

    @Override
    public boolean isStale(ResourceID report) {
        return endpointsOf.apply(report).stream()
                .map(endpointCache)
                .flatMap(Optional::stream)
                .noneMatch(covered);
    }
}
