package dev.policymatch.operator.metrics;

import dev.policymatch.operator.customresource.ReportedEndpoint;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

/**
 * PolicyMatch's own metrics, the ones {@code deploy/prometheusrule.yaml} alerts on. Endpoint gauges are
 * derived from one map (endpoint → kind, state, node), so a series can never disagree with another;
 * the unmatched-endpoint info series is rebuilt from it on every change, which removes the series of an
 * endpoint that became matched or was deleted.
 */
public final class DomainMetrics {

    /** A report write's outcome, the {@code result} label of {@code policymatch_report_writes_total}. */
    public enum WriteResult {
        CREATED("created"), UPDATED("updated"), STATUS_UPDATED("status_updated"), DELETED("deleted"),
        CONFLICT("conflict"), FAILED("failed");

        private final String label;

        WriteResult(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private record Standing(String kind, EndpointState state, String node, String fullName) {
    }

    private final Map<String, Standing> endpoints = new ConcurrentHashMap<>();
    private final Map<WriteResult, Counter> writes = new ConcurrentHashMap<>();
    private final MultiGauge unmatched;
    private final Timer matchUpdate;
    private final MeterRegistry registry;

    public DomainMetrics(MeterRegistry registry, IntSupplier invalidPolicies) {
        this.registry = registry;
        for (String kind : List.of(ReportedEndpoint.HOST, ReportedEndpoint.WORKLOAD)) {
            for (EndpointState state : EndpointState.values()) {
                Gauge.builder("policymatch_endpoints", () -> count(kind, state))
                        .description("Endpoints by kind and state (matched, unmatched, invalid)")
                        .tags("kind", kind, "state", state.label())
                        .register(registry);
            }
        }
        Gauge.builder("policymatch_invalid_policies", invalidPolicies::getAsInt)
                .description("Policies left out of matching because a selector does not parse or a field is malformed")
                .register(registry);
        for (WriteResult result : WriteResult.values()) {
            writes.put(result, Counter.builder("policymatch_report_writes")
                    .description("Writes of PolicyMatchReports to the API server, by result")
                    .tag("result", result.label())
                    .register(registry));
        }
        unmatched = MultiGauge.builder("policymatch_unmatched_endpoint_info")
                .description("1 for each endpoint that no policy or profile applies to")
                .register(registry);
        matchUpdate = Timer.builder("policymatch_match_update")
                .description("Time to apply one change to the match index")
                .publishPercentileHistogram()
                .register(registry);
    }

    /** Records where an endpoint (by a key unique across kinds, e.g. its report id) stands now. */
    public void endpoint(String id, String kind, EndpointState state, String node, String fullName) {
        Standing now = new Standing(kind, state, node == null ? "" : node, fullName);
        Standing before = endpoints.put(id, now);
        if (!now.equals(before)) {
            refreshUnmatched();
        }
    }

    public void endpointGone(String id) {
        if (endpoints.remove(id) != null) {
            refreshUnmatched();
        }
    }

    public void write(WriteResult result) {
        writes.get(result).increment();
    }

    public double writes(WriteResult result) {
        return writes.get(result).count();
    }

    /** Total successful writes (creates, updates, status updates, deletes). */
    public double successfulWrites() {
        return writes(WriteResult.CREATED) + writes(WriteResult.UPDATED) + writes(WriteResult.STATUS_UPDATED)
                + writes(WriteResult.DELETED);
    }

    public Timer matchUpdate() {
        return matchUpdate;
    }

    public MeterRegistry registry() {
        return registry;
    }

    private int count(String kind, EndpointState state) {
        int n = 0;
        for (Standing standing : endpoints.values()) {
            if (standing.kind.equals(kind) && standing.state == state) {
                n++;
            }
        }
        return n;
    }

    private synchronized void refreshUnmatched() {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (Standing standing : endpoints.values()) {
            if (standing.state == EndpointState.UNMATCHED) {
                rows.add(MultiGauge.Row.of(Tags.of("endpoint", standing.fullName, "node", standing.node,
                        "kind", standing.kind), 1));
            }
        }
        unmatched.register(rows, true);
    }
}
