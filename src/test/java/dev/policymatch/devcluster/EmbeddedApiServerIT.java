package dev.policymatch.devcluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.policymatch.api.PolicyMatchReport;
import dev.policymatch.api.ReportCondition;
import dev.policymatch.api.SampleReports;
import dev.policymatch.kube.KubernetesClientFactory;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedApiServerIT {

    static final Path REPORT_CRD = Path.of("crds/policymatch.dev_policymatchreports.yaml");
    static final Path HOST_ENDPOINT_CRD = Path.of("src/test/resources/embedded/hostendpoint-crd.yaml");
    static final Path MANIFESTS = Path.of("src/test/resources/embedded/manifests");
    static final String NAMESPACE = "policymatch-system";
    static final ResourceDefinitionContext HOST_ENDPOINTS = new ResourceDefinitionContext.Builder()
            .withGroup("crd.projectcalico.org").withVersion("v1").withKind("HostEndpoint")
            .withPlural("hostendpoints").withNamespaced(false).build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private EmbeddedApiServer server;
    private KubernetesClient client;

    @BeforeEach
    void start() {
        server = EmbeddedApiServer.start(0,
                new KubernetesClientFactory(Duration.ofSeconds(10), Duration.ofSeconds(5)));
        server.installCrds(REPORT_CRD, HOST_ENDPOINT_CRD);
        client = server.client();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void answersDiscoveryFromTheStoredCrds() throws Exception {
        assertThat(get("/version").path("gitVersion").asText()).isEqualTo(Discovery.SERVER_VERSION);
        assertThat(get("/api").path("versions").toString()).isEqualTo("[\"v1\"]");
        assertThat(names(get("/api/v1").path("resources")))
                .contains("namespaces", "events", "pods", "services", "serviceaccounts", "configmaps");
        assertThat(get("/apis").path("groups").findValuesAsText("name"))
                .contains("policymatch.dev", "crd.projectcalico.org", "coordination.k8s.io", "apiextensions.k8s.io");

        JsonNode reports = get("/apis/policymatch.dev/v1alpha1");
        assertThat(reports.path("groupVersion").asText()).isEqualTo("policymatch.dev/v1alpha1");
        JsonNode pmr = reports.path("resources").get(0);
        assertThat(pmr.path("name").asText()).isEqualTo("policymatchreports");
        assertThat(pmr.path("kind").asText()).isEqualTo("PolicyMatchReport");
        assertThat(pmr.path("namespaced").asBoolean()).isTrue();
        assertThat(pmr.path("shortNames").toString()).isEqualTo("[\"pmr\"]");
        assertThat(pmr.path("categories").toString()).isEqualTo("[\"policymatch\"]");
        assertThat(names(reports.path("resources"))).contains("policymatchreports/status");
        assertThat(names(get("/apis/coordination.k8s.io/v1").path("resources"))).containsExactly("leases");

        assertThat(status("/apis/nothing.example/v1")).isEqualTo(404);
    }

    @Test
    void discoveryFollowsCrdsAddedAndDeleted() throws Exception {
        assertThat(get("/apis").path("groups").findValuesAsText("name")).doesNotContain("example.dev");
        Path crd = Files.writeString(Files.createTempFile("widgets", ".yaml"), """
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: widgets.example.dev}
                spec:
                  group: example.dev
                  names: {kind: Widget, plural: widgets, singular: widget}
                  scope: Namespaced
                  versions: [{name: v1, served: true, storage: true}]
                """);
        server.installCrds(crd);
        assertThat(names(get("/apis/example.dev/v1").path("resources"))).containsExactly("widgets");
        client.apiextensions().v1().customResourceDefinitions().withName("widgets.example.dev").delete();
        assertThat(get("/apis").path("groups").findValuesAsText("name")).doesNotContain("example.dev");
    }

    @Test
    void storesReportsWithTheirStatusAndSelectsByLabel() {
        PolicyMatchReport report = SampleReports.matchedHostEndpoint();
        report.getMetadata().setLabels(java.util.Map.of("policymatch.dev/kind", "host"));
        var reports = client.resources(PolicyMatchReport.class).inNamespace(NAMESPACE);
        PolicyMatchReport created = reports.resource(report).create();
        // As on a real server, create ignores the status: it is written through /status.
        created.setStatus(report.getStatus());
        reports.resource(created).updateStatus();

        PolicyMatchReport stored = reports.withName("hep.node1-eth0").get();
        assertThat(stored.getStatus()).isEqualTo(report.getStatus());
        assertThat(reports.withLabel("policymatch.dev/kind", "host").list().getItems()).hasSize(1);
        assertThat(reports.withLabel("policymatch.dev/kind", "workload").list().getItems()).isEmpty();
    }

    @Test
    void appliesAStatusPatchThatCarriesAFieldManager() throws Exception {
        var reports = client.resources(PolicyMatchReport.class).inNamespace(NAMESPACE);
        reports.resource(SampleReports.matchedHostEndpoint()).create();
        String path = "/apis/policymatch.dev/v1alpha1/namespaces/" + NAMESPACE
                + "/policymatchreports/hep.node1-eth0/status?fieldManager=policymatch";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.url() + path))
                .method("PATCH", HttpRequest.BodyPublishers.ofString(
                        "{\"status\":{\"observedGeneration\":7}}"))
                .header("Content-Type", "application/merge-patch+json")
                .timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isBetween(200, 299);
        assertThat(reports.withName("hep.node1-eth0").get().getStatus().getObservedGeneration()).isEqualTo(7L);
    }

    @Test
    void replacesAListWithAJsonPatch() {
        var reports = client.resources(PolicyMatchReport.class).inNamespace(NAMESPACE);
        PolicyMatchReport created = reports.resource(SampleReports.matchedHostEndpoint()).create();
        created.setStatus(SampleReports.matchedHostEndpoint().getStatus());
        reports.resource(created).updateStatus();

        reports.withName("hep.node1-eth0").subresource("status").patch(PatchContext.of(PatchType.JSON),
                "[{\"op\":\"replace\",\"path\":\"/status/profiles\",\"value\":[\"kns.prod\"]}]");
        assertThat(reports.withName("hep.node1-eth0").get().getStatus().getProfiles()).containsExactly("kns.prod");
    }

    @Test
    void mergePatchReplacesListsAsARealServerDoes() {
        var reports = client.resources(PolicyMatchReport.class).inNamespace(NAMESPACE);
        PolicyMatchReport created = reports.resource(SampleReports.matchedHostEndpoint()).create();
        created.setStatus(SampleReports.matchedHostEndpoint().getStatus());
        reports.resource(created).updateStatus();

        reports.withName("hep.node1-eth0").subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"status\":{\"profiles\":[\"kns.prod\"],\"labels\":{\"role\":null,\"env\":\"prod\"}}}");
        PolicyMatchReport patched = reports.withName("hep.node1-eth0").get();
        assertThat(patched.getStatus().getProfiles()).containsExactly("kns.prod");
        assertThat(patched.getStatus().getLabels()).containsExactly(java.util.Map.entry("env", "prod"));
        assertThat(patched.getStatus().getPolicies()).hasSize(2);
    }

    @Test
    void appliesManifestsFromADirectory() {
        List<HasMetadata> applied = server.apply(NAMESPACE, MANIFESTS);
        assertThat(applied).extracting(h -> h.getKind() + "/" + h.getMetadata().getName())
                .containsExactly("HostEndpoint/node1-eth0", "HostEndpoint/node2-eth0", "ConfigMap/settings");

        GenericKubernetesResource hep = client.genericKubernetesResources(HOST_ENDPOINTS).withName("node1-eth0").get();
        assertThat(hep.getMetadata().getLabels()).containsEntry("role", "db");
        assertThat(hep.getMetadata().getNamespace()).isNull();
        assertThat(client.configMaps().inNamespace(NAMESPACE).withName("settings").get().getData())
                .containsEntry("mode", "demo");
        assertThat(client.namespaces().list().getItems()).extracting(n -> n.getMetadata().getName())
                .containsExactlyInAnyOrder("default", NAMESPACE);

        // Applying again replaces rather than fails.
        assertThat(server.apply(NAMESPACE, MANIFESTS)).hasSize(3);
        assertThat(client.genericKubernetesResources(HOST_ENDPOINTS).list().getItems()).hasSize(2);
    }

    @Test
    void refusesWhatItCannotStore() throws IOException {
        assertThatThrownBy(() -> server.installCrds(MANIFESTS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a CustomResourceDefinition");
        Path unknown = Files.writeString(Files.createTempFile("unknown", ".yaml"),
                "apiVersion: example.dev/v1\nkind: Gadget\nmetadata: {name: g}\n");
        assertThatThrownBy(() -> server.apply(NAMESPACE, unknown))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("install its CRD first");
        assertThatThrownBy(() -> server.apply(NAMESPACE, Path.of("no/such/dir")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no such file");
    }

    /** kube-apiserver reads at most 3 MiB of a body (MaxRequestBodyBytes) and answers 413 beyond. */
    @Test
    void refusesABodyOverTheApiServersLimitWith413() throws Exception {
        HttpResponse<String> tooLarge = post("/api/v1/namespaces/default/configmaps",
                configMap("huge", (int) SizeLimits.MAX_REQUEST_BODY_BYTES));
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        JsonNode status = Serialization.jsonMapper().readTree(tooLarge.body());
        assertThat(status.path("reason").asText()).isEqualTo("RequestEntityTooLarge");
        assertThat(status.path("message").asText()).isEqualTo("Request entity too large: limit is 3145728");
        assertThat(client.configMaps().inNamespace("default").withName("huge").get()).isNull();
    }

    /**
     * etcd refuses a request over 1.5 MiB; kube-apiserver passes that on as a 500 without a reason.
     * A patch that makes an object too large is refused the same way and leaves it as it was.
     */
    @Test
    void refusesAnObjectOverEtcdsLimitAsARealServerDoes() throws Exception {
        int limit = (int) SizeLimits.MAX_STORED_OBJECT_BYTES;
        HttpResponse<String> tooLarge = post("/api/v1/namespaces/default/configmaps", configMap("big", limit));
        assertThat(tooLarge.statusCode()).isEqualTo(500);
        JsonNode status = Serialization.jsonMapper().readTree(tooLarge.body());
        assertThat(status.path("message").asText()).isEqualTo("etcdserver: request is too large");
        assertThat(status.has("reason")).isFalse();
        assertThat(client.configMaps().inNamespace("default").withName("big").get()).isNull();

        assertThat(post("/api/v1/namespaces/default/configmaps", configMap("fits", limit - 1_000)).statusCode())
                .isEqualTo(201);
        HttpResponse<String> grown = http.send(HttpRequest.newBuilder(URI.create(server.url()
                        + "/api/v1/namespaces/default/configmaps/fits"))
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"data\":{\"more\":\"" + "y".repeat(2_000) + "\"}}"))
                .header("Content-Type", "application/merge-patch+json").timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(grown.statusCode()).isEqualTo(500);
        assertThat(client.configMaps().inNamespace("default").withName("fits").get().getData()).containsOnlyKeys("v");
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A ConfigMap whose JSON is {@code bytes} long, give or take a byte. */
    private static String configMap(String name, int bytes) {
        String start = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name
                + "\",\"namespace\":\"default\"},\"data\":{\"v\":\"";
        String end = "\"}}";
        return start + "x".repeat(bytes + 1 - start.length() - end.length()) + end;
    }

    @Test
    void answersRequestsItCannotHandleInsteadOfHanging() throws Exception {
        HttpResponse<String> broken = http.send(HttpRequest.newBuilder(
                        URI.create(server.url() + "/api/v1/namespaces/default/configmaps"))
                .POST(HttpRequest.BodyPublishers.ofString("\u0000"))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(broken.statusCode()).isEqualTo(500);
        assertThat(broken.body()).contains("\"kind\":\"Status\"");

        HttpResponse<String> protobuf = http.send(HttpRequest.newBuilder(
                        URI.create(server.url() + "/api/v1/namespaces"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {'k', '8', 's', 0}))
                .header("Content-Type", "application/vnd.kubernetes.protobuf")
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(protobuf.statusCode()).isEqualTo(415);
    }

    @Test
    void servesTablesWithThePrinterColumns() throws Exception {
        var reports = client.resources(PolicyMatchReport.class).inNamespace(NAMESPACE);
        PolicyMatchReport created = reports.resource(SampleReports.matchedHostEndpoint()).create();
        created.setStatus(SampleReports.matchedHostEndpoint().getStatus());
        reports.resource(created).updateStatus();

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(server.url() + "/apis/policymatch.dev/v1alpha1/policymatchreports"))
                .header("Accept", "application/json;as=Table;v=v1;g=meta.k8s.io,application/json")
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode table = Serialization.jsonMapper().readTree(response.body());
        assertThat(table.path("kind").asText()).isEqualTo("Table");
        assertThat(table.path("columnDefinitions").findValuesAsText("name")).containsExactly(
                "Name", "Endpoint", "Node", "Policies", "Profiles", "Rule Matches", "Matched", "Valid", "Age",
                "Undecided Ingress", "Undecided Egress");
        // As a real API server does, every column is sent with its priority; kubectl shows priority 1 only when wide.
        assertThat(table.path("columnDefinitions").findValuesAsText("priority"))
                .containsExactly("0", "0", "0", "0", "0", "0", "0", "0", "0", "1", "1");
        JsonNode cells = table.path("rows").get(0).path("cells");
        assertThat(cells.get(9).asText()).isEqualTo("Deny");
        assertThat(cells.get(10).asText()).isEqualTo("Profiles");
        assertThat(cells.get(0).asText()).isEqualTo("hep.node1-eth0");
        assertThat(cells.get(1).asText()).isEqualTo("node1/node1-eth0");
        assertThat(cells.get(3).asInt()).isEqualTo(2);
        assertThat(cells.get(6).asText()).isEqualTo("True");
        assertThat(table.path("rows").get(0).path("object").path("metadata").path("namespace").asText())
                .isEqualTo(NAMESPACE);
    }

    @Test
    void writesAKubeconfigThatPointsAtIt(@TempDir Path dir) throws IOException {
        Path kubeconfig = server.writeKubeconfig(dir.resolve("embedded/kubeconfig"), NAMESPACE);
        assertThat(Files.readString(kubeconfig)).contains("server: " + server.url());
        try (KubernetesClient fromFile = new KubernetesClientFactory(Duration.ofSeconds(10), Duration.ofSeconds(5))
                .fromKubeconfig(kubeconfig)) {
            assertThat(fromFile.getMasterUrl().toString()).startsWith(server.url());
            assertThat(fromFile.getNamespace()).isEqualTo(NAMESPACE);
            assertThat(fromFile.apiextensions().v1().customResourceDefinitions().list().getItems())
                    .extracting(c -> c.getMetadata().getName())
                    .contains(PolicyMatchReport.CRD_NAME, "hostendpoints.crd.projectcalico.org");
        }
    }

    @Test
    void conditionsSurviveStorage() {
        var reports = client.resources(PolicyMatchReport.class).inNamespace(NAMESPACE);
        PolicyMatchReport created = reports.resource(SampleReports.invalidHostEndpoint()).create();
        created.setStatus(SampleReports.invalidHostEndpoint().getStatus());
        reports.resource(created).updateStatus();
        assertThat(reports.withName("hep.bad").get().getStatus().condition(ReportCondition.VALID).getStatus())
                .isEqualTo(ReportCondition.FALSE);
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.url() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return Serialization.jsonMapper().readTree(response.body());
    }

    private int status(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static List<String> names(JsonNode resources) {
        return resources.findValuesAsText("name");
    }
}
