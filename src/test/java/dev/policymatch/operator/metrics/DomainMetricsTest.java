package dev.policymatch.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The unmatched-endpoint series follows each endpoint's changes, on Prometheus and on other registries. */
class DomainMetricsTest {

    private static final String SERIES = "policymatch_unmatched_endpoint_info";

    @Test
    void anEndpointHasAnUnmatchedSeriesExactlyWhileItIsUnmatched() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        DomainMetrics metrics = new DomainMetrics(registry);

        metrics.endpoint("hep.a", "host", EndpointState.UNMATCHED, "node1", "node1/a", true);
        metrics.endpoint("hep.b", "host", EndpointState.MATCHED, "node2", "node2/b", true);
        assertThat(unmatchedLines(registry)).containsExactly(
                SERIES + "{endpoint=\"node1/a\",kind=\"host\",node=\"node1\"} 1");
        assertThat(registry.scrape()).contains("policymatch_endpoints{kind=\"host\",state=\"unmatched\"} 1")
                .contains("policymatch_endpoints{kind=\"host\",state=\"matched\"} 1");

        metrics.endpoint("hep.a", "host", EndpointState.UNMATCHED, "node3", "node3/a", true);   // moved node
        metrics.endpoint("hep.b", "host", EndpointState.UNMATCHED, "node2", "node2/b", true);
        assertThat(unmatchedLines(registry)).containsExactlyInAnyOrder(
                SERIES + "{endpoint=\"node3/a\",kind=\"host\",node=\"node3\"} 1",
                SERIES + "{endpoint=\"node2/b\",kind=\"host\",node=\"node2\"} 1");

        metrics.endpoint("hep.a", "host", EndpointState.MATCHED, "node3", "node3/a", true);
        metrics.endpointGone("hep.b");
        metrics.endpointGone("hep.never-seen");
        assertThat(unmatchedLines(registry)).isEmpty();
    }

    @Test
    void otherRegistriesGetTheSameSeriesAsAMultiGauge() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        DomainMetrics metrics = new DomainMetrics(registry);
        metrics.endpoint("pod.shop/web", "workload", EndpointState.UNMATCHED, "node1", "node1/k8s/shop.web/eth0",
                true);
        metrics.endpoint("hep.a", "host", EndpointState.UNMATCHED, "node1", "node1/a", true);
        metrics.endpoint("hep.a", "host", EndpointState.INVALID, "node1", "node1/a", true);
        assertThat(registry.find(SERIES).gauges()).extracting(g -> g.getId().getTag("endpoint"))
                .containsExactly("node1/k8s/shop.web/eth0");
    }

    @Test
    void endpointsOutOfTheReportScopeAreCountedButNotAsReported() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        DomainMetrics metrics = new DomainMetrics(registry);
        metrics.endpoint("hep.a", "host", EndpointState.MATCHED, "node1", "node1/a", true);
        metrics.endpoint("shop/pod.web", "workload", EndpointState.MATCHED, "node1", "node1/k8s/shop.web/eth0", false);
        metrics.endpoint("lab/pod.db", "workload", EndpointState.MATCHED, "node1", "node1/k8s/lab.db/eth0", true);
        assertThat(registry.scrape())
                .contains("policymatch_endpoints{kind=\"workload\",state=\"matched\"} 2.0")
                .contains("policymatch_reported_endpoints{kind=\"workload\"} 1.0")
                .contains("policymatch_reported_endpoints{kind=\"host\"} 1.0");

        metrics.endpoint("shop/pod.web", "workload", EndpointState.MATCHED, "node1", "node1/k8s/shop.web/eth0", true);
        metrics.endpoint("hep.a", "host", EndpointState.MATCHED, "node1", "node1/a", false);
        metrics.endpointGone("lab/pod.db");
        assertThat(registry.scrape())
                .contains("policymatch_endpoints{kind=\"host\",state=\"matched\"} 1.0")
                .contains("policymatch_reported_endpoints{kind=\"workload\"} 1.0")
                .contains("policymatch_reported_endpoints{kind=\"host\"} 0.0");
    }

    @Test
    void concurrentChangesOfManyEndpointsEndInTheRightSeries() throws InterruptedException {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        DomainMetrics metrics = new DomainMetrics(registry);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 2_000; i++) {
            int n = i;
            pool.execute(() -> {
                String id = "hep.e" + n;
                metrics.endpoint(id, "host", EndpointState.UNMATCHED, "node", "node/e" + n, true);
                metrics.endpoint(id, "host", n % 3 == 0 ? EndpointState.UNMATCHED : EndpointState.MATCHED, "node",
                        "node/e" + n, true);
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(unmatchedLines(registry)).hasSize(667);
    }

    private static List<String> unmatchedLines(PrometheusMeterRegistry registry) {
        return registry.scrape().lines().filter(l -> l.startsWith(SERIES + "{")).toList();
    }
}
