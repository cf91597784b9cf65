package dev.policymatch.operator.metrics;

import dev.policymatch.model.EndpointKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.core.metrics.Info;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

/**
 * PolicyMatch's own metrics, the ones {@code deploy/prometheusrule.yaml} alerts on. Endpoint gauges are
 * derived from one map (endpoint → kind, state, node), so a series can never disagree with another;
 * the unmatched-endpoint info series follows each change of that map: an endpoint that becomes
 * unmatched gains its series, one that becomes matched or is deleted loses it. (Rebuilding the series
 * from the whole map on every change made a cold start of n endpoints cost O(n²).)
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

    /** @param reported whether the endpoint is in the report scope, so gets a report */
    private record Standing(String kind, EndpointState state, String node, String fullName, boolean reported) {
    }

    private final Map<String, Standing> endpoints = new ConcurrentHashMap<>();
    /**
     * How many endpoints show each unmatched row (endpoint, node, kind). Updates of one endpoint may be
     * applied here in another order than in {@link #endpoints}; counts commute, so the end state is the
     * same, and a row is shown while its count is positive.
     */
    private final Map<List<String>, Integer> unmatchedRows = new HashMap<>();
    private final Map<WriteResult, Counter> writes = new ConcurrentHashMap<>();
    private final UnmatchedSeries unmatched;
    private final Timer matchUpdate;
    private final MeterRegistry registry;

    public DomainMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (EndpointKind kind : EndpointKind.values()) {
            for (EndpointState state : EndpointState.values()) {
                Gauge.builder("policymatch_endpoints", () -> count(kind.label(), state))
                        .description("Endpoints by kind and state (matched, unmatched, invalid)")
                        .tags("kind", kind.label(), "state", state.label())
                        .register(registry);
            }
            Gauge.builder("policymatch_reported_endpoints", () -> reported(kind.label()))
                    .description("Endpoints that get a report (the report scope, --reports and "
                            + "--report-namespace-selector), by kind")
                    .tags("kind", kind.label())
                    .register(registry);
        }
        for (WriteResult result : WriteResult.values()) {
            writes.put(result, Counter.builder("policymatch_report_writes")
                    .description("Writes of PolicyMatchReports to the API server, by result")
                    .tag("result", result.label())
                    .register(registry));
        }
        unmatched = registry instanceof PrometheusMeterRegistry prometheus
                ? new InfoSeries(prometheus) : new GaugeSeries(registry);
        matchUpdate = Timer.builder("policymatch_match_update")
                .description("Time to apply one change to the match index")
                .publishPercentileHistogram()
                .register(registry);
    }

    /** Registers {@code policymatch_invalid_policies}, read from {@code invalidPolicies} at each scrape. */
    public void trackInvalidPolicies(IntSupplier invalidPolicies) {
        Gauge.builder("policymatch_invalid_policies", invalidPolicies::getAsInt)
                .description("Policies left out of matching because a selector does not parse or a field is malformed")
                .register(registry);
    }

    /**
     * Records where an endpoint (by a key unique across kinds, e.g. its report id) stands now, and
     * whether it gets a report.
     */
    public void endpoint(String id, String kind, EndpointState state, String node, String fullName, boolean reported) {
        Standing now = new Standing(kind, state, node == null ? "" : node, fullName, reported);
        Standing before = endpoints.put(id, now);
        if (!now.equals(before)) {
            moved(before, now);
        }
    }

    public void endpointGone(String id) {
        Standing before = endpoints.remove(id);
        if (before != null) {
            moved(before, null);
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

    private int reported(String kind) {
        int n = 0;
        for (Standing standing : endpoints.values()) {
            if (standing.kind.equals(kind) && standing.reported) {
                n++;
            }
        }
        return n;
    }

    private synchronized void moved(Standing before, Standing now) {
        if (before != null && before.state == EndpointState.UNMATCHED) {
            count(List.of(before.fullName, before.node, before.kind), -1);
        }
        if (now != null && now.state == EndpointState.UNMATCHED) {
            count(List.of(now.fullName, now.node, now.kind), +1);
        }
    }

    private void count(List<String> row, int delta) {
        int old = unmatchedRows.getOrDefault(row, 0);
        int updated = old + delta;
        if (updated == 0) {
            unmatchedRows.remove(row);
        } else {
            unmatchedRows.put(row, updated);
        }
        if (old <= 0 && updated > 0) {
            unmatched.appeared(row);
        } else if (old > 0 && updated <= 0) {
            unmatched.disappeared(row);
        }
    }

    /** One series per unmatched endpoint, labelled endpoint, node, kind. */
    private interface UnmatchedSeries {
        String NAME = "policymatch_unmatched_endpoint";
        String HELP = "1 for each endpoint that no policy or profile applies to";

        void appeared(List<String> row);

        void disappeared(List<String> row);
    }

    /**
     * Prometheus reserves the {@code _info} suffix for its info type and strips it from a gauge's name,
     * so the series the alert names, {@code policymatch_unmatched_endpoint_info}, is an info metric
     * registered on the Prometheus registry under Micrometer.
     */
    private static final class InfoSeries implements UnmatchedSeries {
        private final Info info;

        InfoSeries(PrometheusMeterRegistry registry) {
            info = Info.builder().name(NAME).help(HELP).labelNames("endpoint", "node", "kind")
                    .register(registry.getPrometheusRegistry());
        }

        @Override
        public void appeared(List<String> row) {
            info.addLabelValues(row.toArray(String[]::new));
        }

        @Override
        public void disappeared(List<String> row) {
            info.remove(row.toArray(String[]::new));
        }
    }

    /** For registries other than Prometheus. */
    private static final class GaugeSeries implements UnmatchedSeries {
        private final MultiGauge gauge;
        private final Set<List<String>> rows = new HashSet<>();

        GaugeSeries(MeterRegistry registry) {
            gauge = MultiGauge.builder(NAME + "_info").description(HELP).register(registry);
        }

        @Override
        public void appeared(List<String> row) {
            rows.add(row);
            show();
        }

        @Override
        public void disappeared(List<String> row) {
            rows.remove(row);
            show();
        }

        /** A MultiGauge is set whole: this costs O(unmatched endpoints) per change, on non-Prometheus registries only. */
        private void show() {
            List<MultiGauge.Row<?>> gaugeRows = new ArrayList<>();
            rows.forEach(row -> gaugeRows.add(MultiGauge.Row.of(
                    Tags.of("endpoint", row.get(0), "node", row.get(1), "kind", row.get(2)), 1)));
            gauge.register(gaugeRows, true);
        }
    }
}
