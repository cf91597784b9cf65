package dev.policymatch.operator.reconcile;

import static dev.policymatch.operator.OperatorHarness.globalPolicy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.policymatch.api.PolicyMatchReport;
import dev.policymatch.api.ReportCondition;
import dev.policymatch.api.TierSummary;
import dev.policymatch.api.UndecidedTraffic;
import dev.policymatch.devcluster.RequestCounts;
import dev.policymatch.operator.OperatorHarness;
import dev.policymatch.operator.PolicyMatchOperator;
import dev.policymatch.operator.http.MetricsAndProbesServer;
import dev.policymatch.operator.metrics.DomainMetrics;
import dev.policymatch.source.document.ResourceKind;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.processing.Controller;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One report per pod with a workload endpoint, {@code pod.<name>} in the pod's namespace, on the embedded
 * API server: it appears, follows the pod, its namespace's labels and Kubernetes NetworkPolicies, and
 * goes away; host-networked and unscheduled pods have none.
 */
class PodReportsIT {

    @RegisterExtension
    final OperatorHarness harness = OperatorHarness.perTest();
    private KubernetesClient client;

    @BeforeEach
    void start() {
        client = harness.client();
    }

    @Test
    void reportFollowsItsPodFromCreateToDelete() {
        namespace("shop", Map.of("team", "shop"));
        harness.apply(ResourceKind.GLOBAL_NETWORK_POLICY, globalPolicy("api-only", 100, "app == 'api'"));
        harness.start();
        Pod created = client.pods().resource(pod("shop", "api-1", "node1", Map.of("app", "api"))).create();

        PolicyMatchReport report = awaitPolicies("shop", "pod.api-1", List.of("api-only"));
        assertThat(report.getSpec().getEndpoint().getKind()).isEqualTo("workload");
        assertThat(report.getSpec().getEndpoint().getName()).isEqualTo("api-1");
        assertThat(report.getSpec().getEndpoint().getNode()).isEqualTo("node1");
        assertThat(report.getSpec().getEndpoint().getFullName()).isEqualTo("node1/k8s/shop.api-1/eth0");
        assertThat(report.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
            assertThat(owner.getApiVersion()).isEqualTo("v1");
            assertThat(owner.getKind()).isEqualTo("Pod");
            assertThat(owner.getName()).isEqualTo("api-1");
            assertThat(owner.getUid()).isEqualTo(created.getMetadata().getUid());
        });
        assertThat(report.getStatus().getProfiles()).containsExactly("kns.shop", "ksa.shop.default");
        assertThat(report.getStatus().getLabels()).containsEntry("pcns.team", "shop")
                .containsEntry("projectcalico.org/namespace", "shop");
        assertThat(report.getStatus().condition(ReportCondition.MATCHED).getStatus()).isEqualTo("True");
        assertThat(report.getStatus().condition(ReportCondition.VALID).getStatus()).isEqualTo("True");
        assertThat(harness.reports()).as("nothing in the operator's namespace").isEmpty();

        client.pods().inNamespace("shop").withName("api-1")
                .edit(p -> new PodBuilder(p).editMetadata().addToLabels("app", "web").endMetadata().build());
        awaitPolicies("shop", "pod.api-1", List.of());

        client.pods().inNamespace("shop").withName("api-1").delete();
        await().atMost(OperatorHarness.WAIT).until(() -> report("shop", "pod.api-1") == null);
    }

    @Test
    void hostNetworkedAndUnscheduledPodsHaveNoReport() {
        namespace("shop", Map.of());
        harness.apply(ResourceKind.GLOBAL_NETWORK_POLICY, globalPolicy("all", 100, "all()"));
        harness.start();
        client.pods().resource(new PodBuilder(pod("shop", "exporter", "node1", Map.of()))
                .editSpec().withHostNetwork(true).endSpec().build()).create();
        client.pods().resource(pod("shop", "pending", null, Map.of())).create();
        client.pods().resource(pod("shop", "marker", "node1", Map.of())).create();
        // Reconciles run per pod in any order; once the last pod's report is there, give the others time.
        awaitPolicies("shop", "pod.marker", List.of("all"));
        await().pollDelay(Duration.ofSeconds(1)).atMost(OperatorHarness.WAIT).until(() -> true);
        assertThat(reportNames("shop")).containsExactly("pod.marker");

        // Scheduled: it gets one. Becomes host-networked (a mock allows the edit): it loses it.
        client.pods().inNamespace("shop").withName("pending")
                .edit(p -> new PodBuilder(p).editSpec().withNodeName("node2").endSpec().build());
        awaitPolicies("shop", "pod.pending", List.of("all"));
        client.pods().inNamespace("shop").withName("pending")
                .edit(p -> new PodBuilder(p).editSpec().withHostNetwork(true).endSpec().build());
        await().atMost(OperatorHarness.WAIT).until(() -> report("shop", "pod.pending") == null);
    }

    @Test
    void namespaceLabelChangeRewritesExactlyThePodReportsOfThatNamespace() {
        namespace("shop", Map.of("team", "shop"));
        namespace("lab", Map.of("team", "lab"));
        harness.apply(ResourceKind.GLOBAL_NETWORK_POLICY, """
                apiVersion: crd.projectcalico.org/v1
                kind: GlobalNetworkPolicy
                metadata:
                  name: shop-team
                spec:
                  order: 100
                  namespaceSelector: team == 'shop'
                  selector: all()
                  ingress:
                  - action: Allow
                """);
        for (String ns : List.of("shop", "lab")) {
            for (String name : List.of("a", "b")) {
                client.pods().resource(pod(ns, name, "node1", Map.of("app", name))).create();
            }
        }
        harness.start();
        for (String name : List.of("pod.a", "pod.b")) {
            awaitPolicies("shop", name, List.of("shop-team"));
            awaitPolicies("lab", name, List.of());
        }
        RequestCounts counts = harness.faults().counts();
        await().pollDelay(Duration.ofSeconds(1)).atMost(OperatorHarness.WAIT).until(() -> true);
        counts.reset();

        namespace("lab", Map.of("team", "shop"));
        for (String name : List.of("pod.a", "pod.b")) {
            PolicyMatchReport report = awaitPolicies("lab", name, List.of("shop-team"));
            assertThat(report.getStatus().getLabels()).containsEntry("pcns.team", "shop");
        }
        await().pollDelay(Duration.ofSeconds(1)).atMost(OperatorHarness.WAIT).untilAsserted(() ->
                assertThat(counts.writes("policymatchreports"))
                        .as("one status write for each of the two lab reports, none for shop's").isEqualTo(2));
    }

    @Test
    void kubernetesNetworkPolicyChangeRewritesTheSelectedPodsReports() {
        namespace("shop", Map.of());
        for (String app : List.of("api", "web", "db")) {
            client.pods().resource(pod("shop", app, "node1", Map.of("app", app))).create();
        }
        client.network().v1().networkPolicies().resource(networkPolicy("api")).create();
        harness.start();
        awaitPolicies("shop", "pod.api", List.of("only-app"));
        awaitPolicies("shop", "pod.web", List.of());
        PolicyMatchReport db = awaitPolicies("shop", "pod.db", List.of());
        assertThat(awaitPolicies("shop", "pod.api", List.of("only-app")).getStatus().getPolicies().get(0)
                .getSelector()).isEqualTo("projectcalico.org/orchestrator == 'k8s' && app == 'api'");
        assertThat(report("shop", "pod.api").getStatus().getPolicies().get(0).getKind())
                .isEqualTo("KubernetesNetworkPolicy");
        RequestCounts counts = harness.faults().counts();
        await().pollDelay(Duration.ofSeconds(1)).atMost(OperatorHarness.WAIT).until(() -> true);
        counts.reset();

        client.network().v1().networkPolicies().resource(networkPolicy("web")).update();
        awaitPolicies("shop", "pod.api", List.of());
        awaitPolicies("shop", "pod.web", List.of("only-app"));
        await().pollDelay(Duration.ofSeconds(1)).atMost(OperatorHarness.WAIT).untilAsserted(() ->
                assertThat(counts.writes("policymatchreports")).as("api's and web's reports only").isEqualTo(2));
        assertThat(report("shop", "pod.db").getMetadata().getResourceVersion())
                .isEqualTo(db.getMetadata().getResourceVersion());

        client.network().v1().networkPolicies().inNamespace("shop").withName("only-app").delete();
        awaitPolicies("shop", "pod.web", List.of());
    }

    /** Felix programs only a host endpoint's pre-DNAT chain; a workload's summary is of its normal tiers. */
    @Test
    void aPodSelectedByAPreDnatPolicyHasNoPreDnatTierInItsSummary() {
        namespace("shop", Map.of());
        harness.apply(ResourceKind.TIER, """
                apiVersion: crd.projectcalico.org/v1
                kind: Tier
                metadata:
                  name: edge
                spec:
                  order: 50
                  defaultAction: Deny
                """);
        harness.apply(ResourceKind.GLOBAL_NETWORK_POLICY, """
                apiVersion: crd.projectcalico.org/v1
                kind: GlobalNetworkPolicy
                metadata:
                  name: edge.block-scanners
                spec:
                  tier: edge
                  order: 10
                  selector: "app == 'api'"
                  preDNAT: true
                  applyOnForward: true
                  types: [Ingress]
                  ingress:
                  - action: Deny
                    source:
                      nets: [192.0.2.0/24]
                """);
        harness.apply(ResourceKind.GLOBAL_NETWORK_POLICY, globalPolicy("api-only", 100, "app == 'api'"));
        harness.start();
        client.pods().resource(pod("shop", "api-1", "node1", Map.of("app", "api"))).create();

        PolicyMatchReport report = awaitPolicies("shop", "pod.api-1", List.of("edge.block-scanners", "api-only"));
        assertThat(report.getStatus().getPolicies().get(0).getPreDNAT()).isTrue();
        assertThat(report.getStatus().getIngress().getTiers()).extracting(TierSummary::getName)
                .containsExactly("default");
        assertThat(report.getStatus().getIngress().getUndecided())
                .isEqualTo(new UndecidedTraffic(UndecidedTraffic.DENY, "default"));
        assertThat(report.getStatus().getEgress().getTiers()).isEmpty();
        assertThat(report.getStatus().getEgress().getUndecided())
                .isEqualTo(new UndecidedTraffic(UndecidedTraffic.PROFILES, null));
    }

    @Test
    void metricsCountPodsAsWorkloadEndpoints() {
        namespace("shop", Map.of());
        harness.start();
        client.pods().resource(pod("shop", "a", "node1", Map.of())).create();
        client.pods().resource(pod("shop", "b", "node2", Map.of())).create();
        await().atMost(OperatorHarness.WAIT).untilAsserted(() -> assertThat(harness.registry().scrape())
                .contains("policymatch_endpoints{kind=\"workload\",state=\"matched\"} 2.0")
                .contains("policymatch_endpoints{kind=\"host\",state=\"matched\"} 0.0"));
        client.pods().inNamespace("shop").withName("b").delete();
        await().atMost(OperatorHarness.WAIT).untilAsserted(() -> assertThat(harness.registry().scrape())
                .contains("policymatch_endpoints{kind=\"workload\",state=\"matched\"} 1.0"));
        // JOSDK's own series of the pod controller survive Prometheus' same-tag-keys rule.
        assertThat(harness.registry().scrape()).containsPattern("operator_sdk_events_received_total\\{[^}]*kind=\"Pod\"");
    }

    /**
     * JOSDK tags its reconcile timer {@code resource.group}, which it leaves out for the core group (Pod);
     * Prometheus keeps only one set of tag keys per name, so the pod controller's timer was dropped.
     */
    @Test
    void metricsEndpointHoldsTheReconcileTimerOfBothControllers() throws Exception {
        namespace("shop", Map.of());
        harness.apply(ResourceKind.HOST_ENDPOINT, OperatorHarness.hostEndpoint("node1-eth0", "node1", Map.of()));
        harness.start();
        client.pods().resource(pod("shop", "a", "node1", Map.of())).create();
        awaitPolicies("shop", "pod.a", List.of());
        try (MetricsAndProbesServer http = MetricsAndProbesServer.start(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), harness.registry(), () -> true)) {
            HttpClient web = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            await().atMost(OperatorHarness.WAIT).untilAsserted(() -> {
                String metrics = web.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port()
                        + "/metrics")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString())
                        .body();
                for (String controller : List.of(HostEndpointReconciler.NAME, PodReconciler.NAME)) {
                    assertThat(metrics).as(controller).containsPattern(
                            "operator_sdk_controllers_execution_reconcile_seconds_count\\{[^}]*controller=\""
                                    + controller + "\"[^}]*\\} [1-9]");
                }
                assertThat(metrics).containsPattern(
                        "operator_sdk_controllers_execution_reconcile_seconds_count\\{[^}]*resource_group=\"\"[^}]*"
                                + "resource_kind=\"Pod\"");
            });
        }
    }

    /**
     * Issue 14, item 11: the operator's pod cache keeps what the match needs, not whole pods (no
     * environment values, volumes or other annotations), and the report is what it would be anyway.
     */
    @Test
    void podsAreCachedWithoutTheirContainersAndTheReportIsTheSame() {
        namespace("shop", Map.of());
        harness.apply(ResourceKind.GLOBAL_NETWORK_POLICY, globalPolicy("api-only", 100, "app == 'api'"));
        harness.start();
        Pod fat = client.pods().resource(new PodBuilder(pod("shop", "fat", "node1", Map.of("app", "api")))
                .editMetadata().addToAnnotations("kubectl.kubernetes.io/last-applied-configuration", "{\"big\":1}")
                .endMetadata()
                .editSpec().editFirstContainer().addNewEnv().withName("DB_PASSWORD").withValue("s3cr3t").endEnv()
                .addNewVolumeMount().withName("data").withMountPath("/data").endVolumeMount().endContainer()
                .addNewVolume().withName("data").withNewEmptyDir().endEmptyDir().endVolume().endSpec()
                .build()).create();
        client.pods().resource(pod("shop", "lean", "node1", Map.of("app", "api"))).create();

        PolicyMatchReport fatReport = awaitPolicies("shop", "pod.fat", List.of("api-only"));
        PolicyMatchReport leanReport = awaitPolicies("shop", "pod.lean", List.of("api-only"));
        assertThat(fatReport.getStatus()).isEqualTo(leanReport.getStatus());
        assertThat(fatReport.getMetadata().getOwnerReferences().get(0).getUid()).isEqualTo(fat.getMetadata().getUid());

        @SuppressWarnings("unchecked")
        Controller<Pod> pods = (Controller<Pod>) harness.operator().operator()
                .getRegisteredController(PodReconciler.NAME).orElseThrow();
        Pod cached = pods.getEventSourceManager().getControllerEventSource()
                .get(new ResourceID("fat", "shop")).orElseThrow();
        assertThat(client.getKubernetesSerialization().asJson(cached))
                .doesNotContain("s3cr3t", "DB_PASSWORD", "busybox", "last-applied-configuration", "emptyDir");
        assertThat(cached.getSpec().getContainers()).isEmpty();
        assertThat(cached.getSpec().getVolumes()).isEmpty();
        assertThat(cached.getMetadata().getUid()).isEqualTo(fat.getMetadata().getUid());
        assertThat(cached.getMetadata().getResourceVersion()).isNotBlank();
        assertThat(cached.getMetadata().getLabels()).isEqualTo(Map.of("app", "api"));
        assertThat(cached.getSpec().getNodeName()).isEqualTo("node1");
        assertThat(cached.getStatus().getPodIP()).isEqualTo(fat.getStatus().getPodIP());
    }

    @Test
    void restartKeepsPodReportsAndRemovesTheStaleOne() {
        namespace("shop", Map.of());
        harness.apply(ResourceKind.GLOBAL_NETWORK_POLICY, globalPolicy("all", 100, "all()"));
        for (String name : List.of("a", "b", "c")) {
            client.pods().resource(pod("shop", name, "node1", Map.of())).create();
        }
        harness.start();
        for (String name : List.of("a", "b", "c")) {
            awaitPolicies("shop", "pod." + name, List.of("all"));
        }
        harness.stop();

        client.pods().inNamespace("shop").withName("c").delete();
        harness.start(PolicyMatchOperator.Settings.of(OperatorHarness.NAMESPACE).withResync(Duration.ofSeconds(2)));
        await().atMost(OperatorHarness.WAIT).until(() -> report("shop", "pod.c") == null);
        await().pollDelay(Duration.ofSeconds(3)).atMost(OperatorHarness.WAIT).until(() -> true);
        assertThat(reportNames("shop")).containsExactly("pod.a", "pod.b");
        DomainMetrics metrics = harness.operator().metrics();
        assertThat(metrics.writes(DomainMetrics.WriteResult.CREATED)).isZero();
        assertThat(metrics.writes(DomainMetrics.WriteResult.STATUS_UPDATED)).isZero();
        assertThat(metrics.writes(DomainMetrics.WriteResult.DELETED)).isEqualTo(1);
    }

    private void namespace(String name, Map<String, String> labels) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).withLabels(labels)
                .endMetadata().build()).createOr(op -> op.update());
    }

    static Pod pod(String namespace, String name, String node, Map<String, String> labels) {
        return new PodBuilder()
                .withNewMetadata().withNamespace(namespace).withName(name).withLabels(labels).endMetadata()
                .withNewSpec().withNodeName(node).addNewContainer().withName("c").withImage("busybox").endContainer()
                .endSpec()
                .withNewStatus().withPhase("Running").withPodIP("10.244.0." + (Math.abs(name.hashCode()) % 250 + 1))
                .endStatus()
                .build();
    }

    private static NetworkPolicy networkPolicy(String app) {
        return harnessYaml("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata:
                  name: only-app
                  namespace: shop
                spec:
                  podSelector:
                    matchLabels:
                      app: %s
                  policyTypes: [Ingress]
                """.formatted(app));
    }

    private static NetworkPolicy harnessYaml(String yaml) {
        return io.fabric8.kubernetes.client.utils.Serialization.unmarshal(yaml, NetworkPolicy.class);
    }

    private PolicyMatchReport report(String namespace, String name) {
        return client.resources(PolicyMatchReport.class).inNamespace(namespace).withName(name).get();
    }

    private List<String> reportNames(String namespace) {
        return client.resources(PolicyMatchReport.class).inNamespace(namespace).list().getItems().stream()
                .map(r -> r.getMetadata().getName()).sorted().toList();
    }

    private PolicyMatchReport awaitPolicies(String namespace, String name, List<String> policies) {
        Predicate<PolicyMatchReport> done = r -> r != null && r.getStatus() != null
                && r.getStatus().getPolicies().stream().map(p -> p.getName()).toList().equals(policies);
        return await().atMost(OperatorHarness.WAIT).until(() -> report(namespace, name), done::test);
    }
}
