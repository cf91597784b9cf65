package dev.policymatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.policymatch.devcluster.EmbeddedApiServer;
import dev.policymatch.model.CalicoObject;
import dev.policymatch.source.Catalog;
import dev.policymatch.source.ClusterReader;
import dev.policymatch.source.Located;
import dev.policymatch.source.ManifestReader;
import dev.policymatch.source.document.CalicoApiGroup;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The query commands on a live cluster: the in-process API server with Calico's CRDs and
 * {@code examples/cluster} applied must give, through {@code --kubeconfig}, exactly the output that
 * {@code -f examples/cluster} gives.
 */
class CalicoqClusterIT {
    static final Path EXAMPLES = Path.of("examples/cluster");

    static EmbeddedApiServer server;
    static Path kubeconfig;

    @BeforeAll
    static void startCluster(@TempDir Path dir) {
        server = EmbeddedApiServer.start(0);
        server.installCrds(Path.of("crds"));
        server.apply("default", EXAMPLES);
        kubeconfig = server.writeKubeconfig(dir.resolve("kubeconfig"), "default");
    }

    @AfterAll
    static void stopCluster() {
        if (server != null) {
            server.close();
        }
    }

    record Run(int exit, String out, String err) {
    }

    static Run calicoq(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = CalicoqCommand.execute(args, new ByteArrayInputStream(new byte[0]), new PrintWriter(out),
                new PrintWriter(err));
        return new Run(exit, out.toString(), err.toString());
    }

    static Stream<List<String>> queries() {
        return Stream.of(
                List.of("endpoint", "/"),
                List.of("endpoint", "eth0", "-s"),
                List.of("host", "edge1", "-r"),
                List.of("policy", "security.allow-ssh-from-bastion"),
                List.of("policy", "shop/allow-frontend-to-api"),
                List.of("eval", "has(role)"),
                List.of("-o", "json", "endpoint", "shop"),
                List.of("-o", "yaml", "policy", "untracked-bgp"),
                List.of("explain", "edge1-eth0"),
                List.of("explain", "shop.api", "--policy", "allow-postgres-from-shop-api", "-o", "json"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("queries")
    void clusterGivesTheOutputOfTheManifests(List<String> query) {
        List<String> fromCluster = new ArrayList<>(List.of("--kubeconfig", kubeconfig.toString()));
        fromCluster.addAll(query);
        List<String> fromFiles = new ArrayList<>(List.of("-f", EXAMPLES.toString()));
        fromFiles.addAll(query);

        Run cluster = calicoq(fromCluster.toArray(String[]::new));
        Run files = calicoq(fromFiles.toArray(String[]::new));

        assertThat(cluster.exit()).as(cluster.err()).isZero();
        assertThat(cluster.err()).isEmpty();
        assertThat(cluster.out()).isNotBlank().isEqualTo(files.out());
    }

    @Test
    void readerGivesTheResourcesOfTheManifests() throws Exception {
        Catalog cluster = new ClusterReader(server.client(), CalicoApiGroup.CRD_V1, warning -> { }).read();
        Catalog files = new ManifestReader(warning -> { }).read(List.of(EXAMPLES.toString()));

        assertThat(cluster.problems()).isEmpty();
        assertThat(sorted(cluster.hostEndpoints())).isEqualTo(sorted(files.hostEndpoints()));
        assertThat(sorted(cluster.workloadEndpoints())).isEqualTo(sorted(files.workloadEndpoints()));
        assertThat(sorted(cluster.policies())).isEqualTo(sorted(files.policies()));
        // The cluster also has the namespace "default", which Calico (and so the reader) sees as kns.default.
        assertThat(sorted(cluster.profiles().stream()
                .filter(profile -> !profile.resource().name().equals("kns.default")).toList()))
                .isEqualTo(sorted(files.profiles()));
        assertThat(cluster.profiles()).extracting(profile -> profile.resource().name()).contains("kns.default");
        assertThat(sorted(cluster.tiers())).isEqualTo(sorted(files.tiers()));
    }

    @Test
    void aMissingCrdMeansNoneOfThatKind(@TempDir Path dir) throws Exception {
        try (EmbeddedApiServer bare = EmbeddedApiServer.start(0)) {
            bare.installCrds(Path.of("crds/calico/crd.projectcalico.org_hostendpoints.yaml"));
            bare.apply("default", EXAMPLES.resolve("20-hostendpoints.yaml"));
            Path config = bare.writeKubeconfig(dir.resolve("kubeconfig"), "default");

            Run run = calicoq("--kubeconfig", config.toString(), "endpoint", "edge1-eth0", "-s");

            assertThat(run.err()).isEmpty();
            assertThat(run.exit()).isZero();
            assertThat(run.out()).isEqualTo("""
                    Policies that match each endpoint:

                    Host endpoint edge1-eth0
                      Policies:
                      Profiles:
                        Profile edge
                    """);
        }
    }

    @Test
    void anUnreachableClusterIsOneLineAndExitOne(@TempDir Path dir) throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Path config = dir.resolve("kubeconfig");
        Files.writeString(config, Files.readString(kubeconfig).replace(":" + server.port(), ":" + closedPort));

        Run run = calicoq("--kubeconfig", config.toString(), "endpoint", "x");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("calicoq: cannot list tiers.crd.projectcalico.org from the cluster at http://")
                .endsWith("\n").hasLineCount(1);
    }

    @Test
    void anUnknownContextIsOneLineAndExitOne() {
        Run run = calicoq("--kubeconfig", kubeconfig.toString(), "--context", "no-such-context", "eval", "all()");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).startsWith("calicoq: ").hasLineCount(1);
    }

    @Test
    void anUnreadableKubeconfigIsOneLineAndExitOne(@TempDir Path dir) {
        Run run = calicoq("--kubeconfig", dir.resolve("missing").toString(), "eval", "all()");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).startsWith("calicoq: cannot read kubeconfig ").hasLineCount(1);
    }

    private static <T extends CalicoObject> List<Located<T>> sorted(List<Located<T>> resources) {
        // Locations differ (file:line vs cluster:Kind/name); the resources and names must not.
        return resources.stream()
                .map(l -> new Located<>(l.resource(), l.kind(), l.name(), null))
                .sorted(Comparator.comparing(l -> l.kind() + "/" + l.name()))
                .toList();
    }
}
