package dev.policymatch.operator.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.policymatch.api.PolicyMatchReportStatus;
import dev.policymatch.devcluster.ApiFaults;
import dev.policymatch.devcluster.ApiRequest;
import dev.policymatch.devcluster.ApiRequests;
import dev.policymatch.devcluster.ApiRequest.Verb;
import dev.policymatch.devcluster.Fault;
import dev.policymatch.scale.EstateGenerator;
import dev.policymatch.source.document.ResourceKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The operator under API server faults: errors, conflicts and timeouts on report writes,
 * failing lists and watches, dropped and expired watches, a stop in the middle of a cold start. In
 * each case it stays up ({@code /healthz} 200) and ends with exactly the reports a fault-free run
 * writes for the same inputs: one per HostEndpoint, none lost, none left over.
 */
class OperatorFaultsIT {

    private static final Predicate<ApiRequest> REPORT_WRITES = ApiRequests.writesTo("policymatchreports");
    private static final Predicate<ApiRequest> CALICO_READS = r -> ResourceKind.CALICO_GROUP.equals(r.group())
            && (r.verb() == Verb.LIST || r.verb() == Verb.WATCH);

    private FaultyCluster cluster;
    private EstateGenerator.Estate estate;

    @BeforeEach
    void start() {
        cluster = new FaultyCluster();
        estate = EstateGenerator.generate(new EstateGenerator.Size(120, 30), 7);
        cluster.load(estate);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void reportWritesFailingLongerThanOneRetryBudgetStillConverge() {
        Map<String, PolicyMatchReportStatus> expected = cluster.cleanRun(FaultyCluster.reportNames(estate));
        cluster.client().resources(dev.policymatch.api.PolicyMatchReport.class)
                .inNamespace(FaultyCluster.NAMESPACE).delete();
        await().atMost(Duration.ofSeconds(30)).until(() -> cluster.reports().isEmpty());

        // 500s for 20 s, then 409s for 6 s, then answers held back beyond the client's timeout (the write
        // lands, the operator does not learn it) for 6 s: 32 s in all, longer than the 26 s that JOSDK's
        // default retry (5 attempts, 2 s x 1.5^n) would keep trying.
        ApiFaults faults = cluster.faults;
        var errors = faults.failFor(Duration.ofSeconds(20), REPORT_WRITES, Fault.internalError());
        cluster.start();
        await().atMost(Duration.ofSeconds(25)).until(() -> !errors.isActive());
        var conflicts = faults.failFor(Duration.ofSeconds(6), REPORT_WRITES, Fault.conflict());
        await().atMost(Duration.ofSeconds(10)).until(() -> !conflicts.isActive());
        var timeouts = faults.failFor(Duration.ofSeconds(6), REPORT_WRITES, Fault.delay(Duration.ofSeconds(5)));
        assertThat(cluster.healthz()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> !timeouts.isActive());

        assertThat(errors.hits()).as("writes refused with 500").isPositive();
        // JOSDK's backoff decides when retries come: at least one lands in the 409 or the timeout window.
        assertThat(conflicts.hits() + timeouts.hits()).as("writes refused with 409 or timed out").isPositive();
        cluster.awaitReports(expected, Duration.ofSeconds(40));
        assertThat(cluster.healthz()).isEqualTo(200);
    }

    @Test
    void failingListsAndWatchesAndExpiredWatchesThenChangesMadeMeanwhileAreReported() {
        Set<String> names = new HashSet<>(FaultyCluster.reportNames(estate));
        cluster.start();
        cluster.awaitQuiet(names, Duration.ofSeconds(40));

        // Calico lists and watches fail for 8 s; every open watch is expired (410), so every informer must
        // re-list through the failures, and changes made meanwhile are only seen after a re-list.
        ApiFaults faults = cluster.faults;
        var outage = faults.failFor(Duration.ofSeconds(8), CALICO_READS, Fault.internalError());
        faults.expireWatches(ApiRequests.watches());
        GenericKubernetesResource gone = estate.hostEndpoints().get(0);
        cluster.client().genericKubernetesResources(ResourceKind.HOST_ENDPOINT.context())
                .withName(gone.getMetadata().getName()).delete();
        names.remove("hep." + gone.getMetadata().getName());
        GenericKubernetesResource policy = estate.globalNetworkPolicies().get(0);
        cluster.client().genericKubernetesResources(ResourceKind.GLOBAL_NETWORK_POLICY.context())
                .withName(policy.getMetadata().getName()).edit(p -> {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> spec = (Map<String, Object>) p.getAdditionalProperties().get("spec");
                    spec.put("selector", "role == 'db'");
                    return p;
                });
        GenericKubernetesResource relabelled = estate.hostEndpoints().get(1);
        cluster.client().genericKubernetesResources(ResourceKind.HOST_ENDPOINT.context())
                .withName(relabelled.getMetadata().getName()).edit(h -> {
                    h.getMetadata().getLabels().put("role", "db");
                    return h;
                });
        assertThat(cluster.healthz()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(15)).until(() -> !outage.isActive());
        // A dropped watch on top, after recovery: the informers re-watch.
        faults.dropWatches(ApiRequests.watches());

        Map<String, PolicyMatchReportStatus> converged = cluster.awaitQuiet(names, Duration.ofSeconds(40));
        assertThat(outage.hits()).as("lists and watches refused").isPositive();
        assertThat(cluster.healthz()).isEqualTo(200);
        assertThat(converged).isEqualTo(cluster.cleanRun(names));
    }

    @Test
    void stoppedMidwayThroughAColdStartThenRestartedWithAnEndpointDeletedMeanwhile() {
        Set<String> names = new HashSet<>(FaultyCluster.reportNames(estate));
        cluster.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> cluster.faults.counts()
                .succeeded(Verb.CREATE, "policymatchreports") >= 30);
        cluster.stop();
        Set<String> written = cluster.reports().keySet();
        assertThat(written).as("stopped midway").hasSizeBetween(30, names.size() - 1);

        // While it is down: an endpoint whose report exists goes away, and one not yet reported.
        String reported = written.iterator().next().substring("hep.".length());
        String unreported = names.stream().filter(n -> !written.contains(n)).findFirst().orElseThrow()
                .substring("hep.".length());
        for (String name : List.of(reported, unreported)) {
            cluster.client().genericKubernetesResources(ResourceKind.HOST_ENDPOINT.context()).withName(name).delete();
            names.remove("hep." + name);
        }

        cluster.start();
        Map<String, PolicyMatchReportStatus> converged = cluster.awaitQuiet(names, Duration.ofSeconds(40));
        assertThat(converged.keySet()).isEqualTo(names).doesNotContain("hep." + reported);
        assertThat(converged).isEqualTo(cluster.cleanRun(names));
    }
}
