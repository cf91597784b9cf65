package dev.policymatch.devcluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.policymatch.api.PolicyMatchReport;
import dev.policymatch.api.SampleReports;
import dev.policymatch.devcluster.ApiRequest.Verb;
import dev.policymatch.kube.KubernetesClientFactory;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each fault of {@link ApiFaults} as a Fabric8 client and informer see it, and the request counts. */
class ApiFaultsIT {

    static final Path CALICO_HOST_ENDPOINTS = Path.of("crds/calico/crd.projectcalico.org_hostendpoints.yaml");
    static final Predicate<ApiRequest> HEP_WATCHES = ApiRequests.on("hostendpoints", Verb.WATCH);

    private final ApiFaults faults = new ApiFaults();
    private EmbeddedApiServer server;
    /** No retries of its own, short timeouts, quick watch reconnects: every fault shows. */
    private KubernetesClient client;

    @BeforeEach
    void start() {
        KubernetesClientFactory clients = new KubernetesClientFactory(Duration.ofSeconds(1), Duration.ofSeconds(1));
        server = EmbeddedApiServer.start(0, KubernetesClientFactory.withDefaultTimeouts(), faults);
        server.installCrds(EmbeddedApiServerIT.REPORT_CRD, CALICO_HOST_ENDPOINTS);
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl(server.url()).withNamespace("default")
                .withRequestRetryBackoffLimit(0).withWatchReconnectInterval(100).build();
        client = clients.build(config);
        faults.counts().reset();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void anInternalErrorSurfacesAsA500AndTheNextRequestSucceeds() {
        create("node1-eth0", Map.of("role", "db"));
        var rule = faults.failNext(1, ApiRequests.on("hostendpoints", Verb.GET), Fault.internalError());

        assertThatThrownBy(() -> hostEndpoints().withName("node1-eth0").get())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(500);
                    assertThat(e.getStatus().getReason()).isEqualTo("InternalError");
                });
        assertThat(rule.hits()).isEqualTo(1);
        assertThat(rule.isActive()).isFalse();
        assertThat(hostEndpoints().withName("node1-eth0").get()).isNotNull();
    }

    @Test
    void errorsForAWhileThenRecovery() {
        create("node1-eth0", Map.of());
        var rule = faults.failFor(Duration.ofMillis(700), ApiRequests.on("hostendpoints"), Fault.unavailable());
        assertThatThrownBy(() -> hostEndpoints().list())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(503));
        await().atMost(Duration.ofSeconds(3)).until(() -> !rule.isActive());
        assertThat(hostEndpoints().list().getItems()).hasSize(1);
        assertThat(faults.counts().received(Verb.LIST, "hostendpoints")).isEqualTo(2);
        assertThat(faults.counts().succeeded(Verb.LIST, "hostendpoints")).isEqualTo(1);
    }

    @Test
    void theClientsOwnRetriesAbsorbAFew5xxWhenRetriesAreOn() {
        create("node1-eth0", Map.of());
        // Fabric8 retries 429 and 5xx itself (requestRetryBackoffLimit, 10 by default, from 100 ms
        // doubling): brief 500s never reach the operator's code.
        Config retrying = new ConfigBuilder(Config.empty()).withMasterUrl(server.url())
                .withRequestRetryBackoffLimit(3).withRequestRetryBackoffInterval(10).build();
        try (KubernetesClient patient = new KubernetesClientFactory(Duration.ofSeconds(2), Duration.ofSeconds(1))
                .build(retrying)) {
            var rule = faults.failNext(2, ApiRequests.on("hostendpoints", Verb.GET), Fault.internalError());
            assertThat(patient.genericKubernetesResources(EmbeddedApiServerIT.HOST_ENDPOINTS)
                    .withName("node1-eth0").get()).isNotNull();
            assertThat(rule.hits()).isEqualTo(2);
            assertThat(faults.counts().received(Verb.GET, "hostendpoints")).isEqualTo(3);
        }
    }

    @Test
    void aConflictCarriesAKubernetesStatus() {
        GenericKubernetesResource hep = create("node1-eth0", Map.of("role", "db"));
        faults.failNext(1, ApiRequests.writesTo("hostendpoints"), Fault.conflict());
        hep.getMetadata().setLabels(Map.of("role", "web"));

        assertThatThrownBy(() -> hostEndpoints().resource(hep).update())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(409);
                    assertThat(e.getStatus().getKind()).isEqualTo("Status");
                    assertThat(e.getStatus().getStatus()).isEqualTo("Failure");
                    assertThat(e.getStatus().getReason()).isEqualTo("Conflict");
                    assertThat(e.getStatus().getMessage()).isEqualTo(
                            "Operation cannot be fulfilled on hostendpoints.crd.projectcalico.org \"node1-eth0\": "
                                    + "the object has been modified; please apply your changes to the latest "
                                    + "version and try again");
                    assertThat(e.getStatus().getDetails().getName()).isEqualTo("node1-eth0");
                    assertThat(e.getStatus().getDetails().getGroup()).isEqualTo("crd.projectcalico.org");
                    assertThat(e.getStatus().getDetails().getKind()).isEqualTo("hostendpoints");
                });
        // Refused: the store is unchanged and the write is not counted as one.
        assertThat(hostEndpoints().withName("node1-eth0").get().getMetadata().getLabels()).containsEntry("role", "db");
        assertThat(faults.counts().writeAttempts("hostendpoints")).isEqualTo(2);
        assertThat(faults.counts().writes("hostendpoints")).isEqualTo(1);
    }

    @Test
    void aDelayBeyondTheRequestTimeoutTimesOutButTheWriteLands() {
        faults.failNext(1, ApiRequests.writesTo("hostendpoints"), Fault.delay(Duration.ofSeconds(4)));
        long start = System.nanoTime();
        assertThatThrownBy(() -> create("node1-eth0", Map.of()))
                .isInstanceOf(KubernetesClientException.class)
                .hasStackTraceContaining("Timeout");
        Duration waited = Duration.ofNanos(System.nanoTime() - start);
        // Fabric8 waits the request timeout (1 s) plus as much again at most before giving up.
        assertThat(waited).isBetween(Duration.ofMillis(900), Duration.ofMillis(3500));
        // The server did the write; only the answer was late, as with a partitioned server.
        assertThat(hostEndpoints().withName("node1-eth0").get()).isNotNull();
    }

    @Test
    void aDroppedWatchIsReopenedAndTheInformerSeesLaterChanges() {
        create("node1-eth0", Map.of("role", "db"));
        SharedIndexInformer<GenericKubernetesResource> informer = hostEndpoints().inform();
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> faults.openWatches(HEP_WATCHES) == 1);
            assertThat(informer.getStore().list()).hasSize(1);

            assertThat(faults.dropWatches(HEP_WATCHES)).isEqualTo(1);
            await().atMost(Duration.ofSeconds(5)).until(() -> faults.counts().received(Verb.WATCH, "hostendpoints") == 2
                    && faults.openWatches(HEP_WATCHES) == 1);
            create("node2-eth0", Map.of("role", "web"));
            GenericKubernetesResource first = hostEndpoints().withName("node1-eth0").get();
            first.getMetadata().setLabels(Map.of("role", "web"));
            hostEndpoints().resource(first).update();

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(informer.getStore().list())
                    .extracting(h -> h.getMetadata().getName() + "=" + h.getMetadata().getLabels().get("role"))
                    .containsExactlyInAnyOrder("node1-eth0=web", "node2-eth0=web"));
            // A re-watch, not a re-list: one list in all.
            assertThat(faults.counts().received(Verb.LIST, "hostendpoints")).isEqualTo(1);
        } finally {
            informer.close();
        }
    }

    @Test
    void theMockForgetsDeletionsMissedByADroppedWatchAndAnExpiredWatchMakesTheInformerRelist() {
        create("node1-eth0", Map.of());
        create("node2-eth0", Map.of());
        SharedIndexInformer<GenericKubernetesResource> informer = hostEndpoints().inform();
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> faults.openWatches(HEP_WATCHES) == 1);
            // Keep the informer from re-watching while node2 is deleted.
            var down = faults.failUntilLifted(HEP_WATCHES, Fault.unavailable());
            faults.dropWatches(HEP_WATCHES);
            hostEndpoints().withName("node2-eth0").delete();
            await().atMost(Duration.ofSeconds(5)).until(() -> down.hits() >= 1);
            down.lift();
            await().atMost(Duration.ofSeconds(10)).until(() -> faults.openWatches(HEP_WATCHES) == 1);
            create("node3-eth0", Map.of());
            await().atMost(Duration.ofSeconds(5)).until(() -> informer.getStore().getByKey("node3-eth0") != null);
            // The mock replays current objects on a new watch but no deletions: node2 is a ghost.
            assertThat(informer.getStore().getByKey("node2-eth0")).isNotNull();

            assertThat(faults.expireWatches(HEP_WATCHES)).isEqualTo(1);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(informer.getStore().listKeys())
                    .containsExactlyInAnyOrder("node1-eth0", "node3-eth0"));
            assertThat(faults.counts().received(Verb.LIST, "hostendpoints")).isEqualTo(2);
        } finally {
            informer.close();
        }
    }

    @Test
    void countsRequestsByVerbAndResource() {
        var reports = client.resources(PolicyMatchReport.class).inNamespace(EmbeddedApiServerIT.NAMESPACE);
        PolicyMatchReport report = SampleReports.matchedHostEndpoint();
        PolicyMatchReport created = reports.resource(report).create();
        created.setStatus(report.getStatus());
        reports.resource(created).updateStatus();
        reports.withName(created.getMetadata().getName()).get();
        reports.list();
        reports.withName("no-such-report").get();

        RequestCounts counts = faults.counts();
        assertThat(counts.received(Verb.CREATE, "policymatchreports")).isEqualTo(1);
        assertThat(counts.received(Verb.UPDATE, "policymatchreports/status")).isEqualTo(1);
        assertThat(counts.received(Verb.GET, "policymatchreports")).isEqualTo(2);
        assertThat(counts.succeeded(Verb.GET, "policymatchreports")).isEqualTo(1);
        assertThat(counts.received(Verb.LIST, "policymatchreports")).isEqualTo(1);
        assertThat(counts.writes("policymatchreports")).isEqualTo(2);
        assertThat(counts.all("policymatchreports")).isEqualTo(5);
        assertThat(counts.snapshot()).containsEntry(
                new RequestCounts.Key(Verb.UPDATE, "policymatchreports/status"), 1L);

        counts.reset();
        reports.list();
        assertThat(counts.writes("policymatchreports")).isZero();
    }

    private io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<GenericKubernetesResource,
            io.fabric8.kubernetes.api.model.GenericKubernetesResourceList,
            io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource>> hostEndpoints() {
        return client.genericKubernetesResources(EmbeddedApiServerIT.HOST_ENDPOINTS);
    }

    private GenericKubernetesResource create(String name, Map<String, String> labels) {
        GenericKubernetesResource hep = new GenericKubernetesResourceBuilder()
                .withApiVersion("crd.projectcalico.org/v1").withKind("HostEndpoint")
                .withNewMetadata().withName(name).withLabels(labels).endMetadata()
                .addToAdditionalProperties("spec", Map.of("node", name.split("-")[0], "interfaceName", "eth0"))
                .build();
        return hostEndpoints().resource(hep).create();
    }
}
