package dev.policymatch.devcluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.policymatch.api.PolicyMatchReport;
import dev.policymatch.api.SampleReports;
import dev.policymatch.kube.KubernetesClientFactory;
import dev.policymatch.operator.ShippedRbac;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code kubectl} against the embedded API server: what users of {@code make run} type.
 * Skipped when kubectl is not on the PATH.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KubectlIT {

    static final String NAMESPACE = EmbeddedApiServerIT.NAMESPACE;
    static final Path HEP = Path.of("src/test/resources/embedded/manifests/node1-eth0.yaml").toAbsolutePath();

    @TempDir
    static Path dir;
    static EmbeddedApiServer server;
    static KubernetesClient client;
    static Path kubeconfig;

    @BeforeAll
    static void start() {
        assumeTrue(onPath("kubectl"), "kubectl is not on the PATH");
        server = EmbeddedApiServer.start(0, new KubernetesClientFactory(Duration.ofSeconds(10), Duration.ofSeconds(5)));
        server.installCrds(EmbeddedApiServerIT.REPORT_CRD, EmbeddedApiServerIT.HOST_ENDPOINT_CRD);
        client = server.client();
        kubeconfig = server.writeKubeconfig(dir.resolve("kubeconfig"), NAMESPACE);
        var reports = client.resources(PolicyMatchReport.class).inNamespace(NAMESPACE);
        PolicyMatchReport created = reports.resource(SampleReports.matchedHostEndpoint()).create();
        created.setStatus(SampleReports.matchedHostEndpoint().getStatus());
        reports.resource(created).updateStatus();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void getShowsThePrinterColumns() throws Exception {
        List<String> lines = kubectl("get", "policymatchreports", "-A").lines().toList();
        assertThat(lines.get(0).split("\\s{2,}")).containsExactly(
                "NAMESPACE", "NAME", "ENDPOINT", "NODE", "POLICIES", "PROFILES", "RULE MATCHES", "MATCHED", "VALID", "AGE");
        assertThat(lines).hasSize(2);
        String[] row = lines.get(1).split("\\s+");
        assertThat(Arrays.copyOf(row, 9)).containsExactly(
                NAMESPACE, "hep.node1-eth0", "node1/node1-eth0", "node1", "2", "1", "1", "True", "True");
        assertThat(row[9]).matches("\\d+[smhdy].*");
    }

    /** The priority-1 columns: only {@code -o wide} asks kubectl to show them. */
    @Test
    @Order(1)
    void wideAddsWhereUndecidedTrafficEnds() throws Exception {
        List<String> lines = kubectl("get", "pmr", "-A", "-o", "wide").lines().toList();
        assertThat(lines.get(0).split("\\s{2,}")).containsExactly("NAMESPACE", "NAME", "ENDPOINT", "NODE", "POLICIES",
                "PROFILES", "RULE MATCHES", "MATCHED", "VALID", "AGE", "UNDECIDED INGRESS", "UNDECIDED EGRESS");
        String[] row = lines.get(1).split("\\s+");
        assertThat(row[row.length - 2]).isEqualTo("Deny");
        assertThat(row[row.length - 1]).isEqualTo("Profiles");
    }

    @Test
    @Order(2)
    void getByShortNameAsYaml() throws Exception {
        String yaml = kubectl("get", "pmr", "hep.node1-eth0", "-o", "yaml");
        assertThat(yaml).contains("kind: PolicyMatchReport", "fullName: node1/node1-eth0", "order: 500.5",
                "order: 500\n", "type: Matched");
        assertThat(kubectl("get", "policymatch")).contains("hep.node1-eth0");
    }

    @Test
    @Order(3)
    void applyLabelPatchAndDeleteAHostEndpoint() throws Exception {
        assertThat(kubectl("apply", "--validate=false", "-f", HEP.toString())).contains("created");
        assertThat(hostEndpoint().getMetadata().getLabels()).containsEntry("role", "db");

        assertThat(kubectl("get", "hostendpoints", "-l", "role=db", "-o", "name"))
                .isEqualTo("hostendpoint.crd.projectcalico.org/node1-eth0\n");
        assertThat(kubectl("get", "hostendpoints", "-l", "role=web", "-o", "name")).isEmpty();

        kubectl("label", "hostendpoint", "node1-eth0", "env=prod", "--overwrite");
        assertThat(hostEndpoint().getMetadata().getLabels()).containsEntry("env", "prod");

        kubectl("patch", "hostendpoint", "node1-eth0", "--type=merge", "-p", "{\"spec\":{\"interfaceName\":\"eth1\"}}");
        assertThat(hostEndpoint().getAdditionalProperties().toString()).contains("interfaceName=eth1");

        String reapplied = kubectl("apply", "--validate=false", "-f", HEP.toString());
        assertThat(reapplied).containsAnyOf("configured", "unchanged");
        assertThat(hostEndpoint().getAdditionalProperties().toString()).contains("interfaceName=eth0");

        assertThat(kubectl("delete", "-f", HEP.toString())).contains("deleted");
        assertThat(hostEndpoint()).isNull();
    }

    @Test
    @Order(4)
    void deleteAReport() throws Exception {
        assertThat(kubectl("delete", "pmr", "hep.node1-eth0")).contains("deleted");
        assertThat(client.resources(PolicyMatchReport.class).inNamespace(NAMESPACE).list().getItems()).isEmpty();
        assertThat(kubectl("get", "pmr", "-A")).isEmpty();
    }

    /**
     * {@code kubectl auth can-i} as the operator's service account ({@code --as}, impersonation)
     * answers from deploy/'s Roles in the store, as on a cluster after {@code kubectl apply -k deploy/}.
     */
    @Test
    @Order(5)
    void authCanIAnswersFromTheRolesInTheStore() throws Exception {
        ShippedRbac.apply(server);
        String as = "--as=" + ShippedRbac.OPERATOR;
        assertThat(kubectl("auth", "can-i", "patch", "leases/policymatch-operator", "-n", ShippedRbac.NAMESPACE, as))
                .isEqualTo("yes\n");
        Run patchReports = run("auth", "can-i", "patch", "policymatchreports", "-n", ShippedRbac.NAMESPACE, as);
        assertThat(patchReports.exit()).isEqualTo(1);
        assertThat(patchReports.stdout()).isEqualTo("no\n");
        assertThat(run("auth", "can-i", "get", "secrets", "-A", as).stdout()).isEqualTo("no\n");
        assertThat(kubectl("auth", "can-i", "update", "policymatchreports.policymatch.dev", "--subresource=status",
                "-n", "shop", as)).isEqualTo("yes\n");
        assertThat(kubectl("auth", "can-i", "delete", "secrets", "-A")).as("the administrator").isEqualTo("yes\n");

        List<String> rules = kubectl("auth", "can-i", "--list", "-n", ShippedRbac.NAMESPACE, as).lines().toList();
        assertThat(rules).anyMatch(l -> l.matches("leases\\.coordination\\.k8s\\.io\\s+\\[\\]\\s+\\[\\]\\s+\\[create\\]"))
                .anyMatch(l -> l.matches("leases\\.coordination\\.k8s\\.io\\s+\\[\\]\\s+\\[policymatch-operator\\]"
                        + "\\s+\\[get update patch\\]"))
                .noneMatch(l -> l.startsWith("*.*"));
    }

    /**
     * {@code --chunk-size} makes kubectl list in chunks and follow {@code metadata.continue} (its {@code -v=6}
     * log shows each request); every HostEndpoint is shown, in the table too.
     */
    @Test
    @Order(6)
    void getInChunksShowsEveryHostEndpoint() throws Exception {
        List<String> names = List.of("chunk-a", "chunk-b", "chunk-c", "chunk-d", "chunk-e");
        for (String name : names) {
            GenericKubernetesResource hep = new GenericKubernetesResource();
            hep.setApiVersion("crd.projectcalico.org/v1");
            hep.setKind("HostEndpoint");
            hep.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(name)
                    .addToLabels("chunked", "yes").build());
            hep.setAdditionalProperty("spec", java.util.Map.of("node", "node9", "interfaceName", name));
            client.genericKubernetesResources(EmbeddedApiServerIT.HOST_ENDPOINTS).resource(hep).create();
        }
        Run table = run("get", "hostendpoints", "-l", "chunked=yes", "--chunk-size=2", "-v=6");
        assertThat(table.exit()).as(table.stderr()).isZero();
        assertThat(table.stdout().lines().skip(1).map(l -> l.split("\\s+")[0]).toList())
                .containsExactlyElementsOf(names);
        assertThat(table.stderr().lines().filter(l -> l.contains("/hostendpoints?")).toList())
                .as("kubectl's requests").hasSize(3)
                .allMatch(l -> l.contains("limit=2"))
                .filteredOn(l -> l.contains("continue=")).hasSize(2);

        Run names2 = run("get", "hostendpoints", "-l", "chunked=yes", "--chunk-size=2", "-o", "name");
        assertThat(names2.stdout().lines().toList())
                .containsExactlyElementsOf(names.stream().map(n -> "hostendpoint.crd.projectcalico.org/" + n).toList());
    }

    private static GenericKubernetesResource hostEndpoint() {
        return client.genericKubernetesResources(EmbeddedApiServerIT.HOST_ENDPOINTS).withName("node1-eth0").get();
    }

    /** Runs kubectl against the server; fails the test on a non-zero exit or after 60 s. */
    static String kubectl(String... args) throws IOException, InterruptedException {
        Run run = run(args);
        assertThat(run.exit()).as("kubectl %s exited %s%nstdout:%n%s%nstderr:%n%s", List.of(args), run.exit(),
                run.stdout(), run.stderr()).isZero();
        return run.stdout();
    }

    /** What kubectl printed and its exit code (-1 after a 60 s timeout). */
    record Run(int exit, String stdout, String stderr) {
    }

    static Run run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString(),
                "--cache-dir", dir.resolve("cache").toString(), "--request-timeout=20s"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .redirectError(dir.resolve("kubectl.err").toFile())
                .start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        boolean exited = process.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        return new Run(exited ? process.exitValue() : -1, new String(out, StandardCharsets.UTF_8),
                Files.readString(dir.resolve("kubectl.err")));
    }

    static boolean onPath(String program) {
        String path = System.getenv("PATH");
        return path != null && Arrays.stream(path.split(File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, program)));
    }
}
