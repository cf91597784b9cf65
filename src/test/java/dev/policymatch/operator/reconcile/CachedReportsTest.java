package dev.policymatch.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class CachedReportsTest {

    private static final ResourceID LIVE_IN_SCOPE = new ResourceID("a", "shop");
    private static final ResourceID LIVE_OUT_OF_SCOPE = new ResourceID("a", "lab");
    private static final ResourceID GONE = new ResourceID("gone", "shop");

    /** Pods by id, each with whether the scope covers it; report {@code pod.x} belongs to pod {@code x}. */
    private final Map<ResourceID, Boolean> pods = Map.of(LIVE_IN_SCOPE, true, LIVE_OUT_OF_SCOPE, false);
    private final CachedReports<ResourceID> family = new CachedReports<>("pods", Stream::empty,
            report -> report.getName().startsWith("pod.")
                    ? Set.of(new ResourceID(report.getName().substring(4), report.getNamespace().orElseThrow()))
                    : Set.of(),
            id -> pods.containsKey(id) ? Optional.of(id) : Optional.empty(),
            pods::get);

    @Test
    void aReportIsStaleUnlessACoveredEndpointInTheCacheHasIt() {
        assertThat(family.isStale(new ResourceID("pod.a", "shop"))).isFalse();
        assertThat(family.isStale(new ResourceID("pod.a", "lab"))).as("endpoint out of the scope").isTrue();
        assertThat(family.isStale(new ResourceID("pod." + GONE.getName(), "shop"))).as("endpoint gone").isTrue();
        assertThat(family.isStale(new ResourceID("not-a-report-name", "shop"))).isTrue();
    }
}
