package dev.policymatch.operator.robustness;

import static org.awaitility.Awaitility.await;

import dev.policymatch.api.PolicyMatchReport;
import dev.policymatch.api.PolicyMatchReportStatus;
import dev.policymatch.devcluster.ApiFaults;
import dev.policymatch.devcluster.EmbeddedApiServer;
import dev.policymatch.kube.KubernetesClientFactory;
import dev.policymatch.operator.PolicyMatchOperator;
import dev.policymatch.operator.ShippedRbac;
import dev.policymatch.operator.http.MetricsAndProbesServer;
import dev.policymatch.scale.EstateGenerator;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The embedded API server with a fault layer and deploy/'s RBAC, and an operator that runs as deploy/'s
 * service account and whose client does not retry by itself
 * (Fabric8 retries 5xx ten times with backoff, which would hide every short fault from the operator)
 * and times out after 2 s, so that faults reach the operator's own retry logic. Also serves
 * {@code /healthz} as a pod would.
 */
final class FaultyCluster implements AutoCloseable {

    static final String NAMESPACE = "policymatch-system";
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);

    final ApiFaults faults = new ApiFaults();
    final EmbeddedApiServer server;
    private final KubernetesClient operatorClient;
    private PolicyMatchOperator operator;
    private MetricsAndProbesServer http;

    FaultyCluster() {
        server = EmbeddedApiServer.start(0, new KubernetesClientFactory(Duration.ofSeconds(20), Duration.ofSeconds(5)),
                faults);
        server.installCrds(Path.of("crds"));
        String token = ShippedRbac.apply(server);
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl(server.url()).withNamespace(NAMESPACE)
                .withTrustCerts(true).withRequestRetryBackoffLimit(0).withOauthToken(token).build();
        operatorClient = new KubernetesClientFactory(REQUEST_TIMEOUT, Duration.ofSeconds(2)).build(config);
    }

    KubernetesClient client() {
        return server.client();
    }

    void load(EstateGenerator.Estate estate) {
        EstateGenerator.load(server, estate, 4);
    }

    PolicyMatchOperator start(Duration resync) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        operator = new PolicyMatchOperator(operatorClient,
                registry, PolicyMatchOperator.Settings.of(NAMESPACE).withResync(resync));
        http = MetricsAndProbesServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), registry,
                () -> operator != null && operator.isReady());
        operator.start();
        return operator;
    }

    PolicyMatchOperator start() {
        return start(Duration.ofMinutes(10));
    }

    void stop() {
        if (operator != null) {
            operator.close();
            operator = null;
        }
        if (http != null) {
            http.close();
            http = null;
        }
    }

    int healthz() {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + http.port() + "/healthz")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Report name → status, read from the API server (not from any cache). */
    Map<String, PolicyMatchReportStatus> reports() {
        return client().resources(PolicyMatchReport.class).inNamespace(NAMESPACE).list().getItems().stream()
                .collect(Collectors.toMap(r -> r.getMetadata().getName(), r -> statusOrEmpty(r), (a, b) -> {
                    throw new AssertionError("two reports with one name");
                }, TreeMap::new));
    }

    private static PolicyMatchReportStatus statusOrEmpty(PolicyMatchReport report) {
        return report.getStatus() == null ? new PolicyMatchReportStatus() : report.getStatus();
    }

    static Set<String> reportNames(EstateGenerator.Estate estate) {
        return estate.hostEndpoints().stream().map(GenericKubernetesResource::getMetadata)
                .map(m -> "hep." + m.getName()).collect(Collectors.toSet());
    }

    /** Waits until the stored reports equal {@code expected}. */
    void awaitReports(Map<String, PolicyMatchReportStatus> expected, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(500)).until(() -> reports().equals(expected));
    }

    /**
     * The reports a fault-free operator writes for the inputs now in the server: every report deleted,
     * a fresh operator started, and its result once there is one report per HostEndpoint and no write
     * for two seconds.
     */
    Map<String, PolicyMatchReportStatus> cleanRun(Set<String> names) {
        stop();
        faults.clear();
        client().resources(PolicyMatchReport.class).inNamespace(NAMESPACE).delete();
        await().atMost(Duration.ofSeconds(30)).until(() -> reports().isEmpty());
        start();
        Map<String, PolicyMatchReportStatus> result = awaitQuiet(names, Duration.ofSeconds(40));
        stop();
        return result;
    }

    /**
     * One report per name, each with a status, the operator ready (every informer watching), and no
     * report write for two seconds while it is. Readiness matters after an outage: an informer whose
     * re-lists failed backs off exponentially (Fabric8: 1 s doubling), so it may re-list seconds after
     * the others, with changes still to deliver; two quiet seconds alone would end the wait early.
     */
    Map<String, PolicyMatchReportStatus> awaitQuiet(Set<String> names, Duration atMost) {
        long[] last = {-1};
        long[] since = {System.nanoTime()};
        await().atMost(atMost).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (operator == null || !operator.isReady()) {
                since[0] = System.nanoTime();
                return false;
            }
            long writes = faults.counts().writes("policymatchreports");
            if (writes != last[0]) {
                last[0] = writes;
                since[0] = System.nanoTime();
                return false;
            }
            if (System.nanoTime() - since[0] < 2_000_000_000L) {
                return false;
            }
            Map<String, PolicyMatchReportStatus> now = reports();
            return now.keySet().equals(names) && now.values().stream().allMatch(s -> s.getConditions() != null
                    && !s.getConditions().isEmpty());
        });
        return reports();
    }

    /** Fails when deploy/'s RBAC refused the operator anything: faults aside, it runs as in a cluster. */
    @Override
    public void close() {
        stop();
        var refused = server.authorizations().denied(ShippedRbac.OPERATOR);
        operatorClient.close();
        server.close();
        if (!refused.isEmpty()) {
            throw new AssertionError("deploy/'s RBAC refused the operator (403): " + refused);
        }
    }
}
