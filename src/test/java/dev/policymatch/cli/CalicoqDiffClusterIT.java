package dev.policymatch.cli;

import static dev.policymatch.cli.CalicoqClusterIT.calicoq;
import static org.assertj.core.api.Assertions.assertThat;

import dev.policymatch.cli.CalicoqClusterIT.Run;
import dev.policymatch.devcluster.EmbeddedApiServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code calicoq diff} with the cluster as the base: the in-process API server with {@code examples/cluster} applied,
 * and an overlay of the change; the diff must be the one of the same estates read from files.
 */
class CalicoqDiffClusterIT {
    private static final String OVERLAY = "src/test/resources/ci/overlay";
    private static final String EXAMPLES = CalicoqClusterIT.EXAMPLES.toString();

    static EmbeddedApiServer server;
    static Path kubeconfig;

    @BeforeAll
    static void startCluster(@TempDir Path dir) {
        server = EmbeddedApiServer.start(0);
        server.installCrds(Path.of("crds"));
        server.apply("default", CalicoqClusterIT.EXAMPLES);
        kubeconfig = server.writeKubeconfig(dir.resolve("kubeconfig"), "default");
    }

    @AfterAll
    static void stopCluster() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theClusterWithTheOverlayGivesTheDiffOfTheFiles() {
        Run files = calicoq("diff", "--base", EXAMPLES, "-f", EXAMPLES, "-f", OVERLAY, "--exit-code");
        Run global = calicoq("--kubeconfig", kubeconfig.toString(), "diff", "-f", OVERLAY, "--exit-code");
        Run base = calicoq("diff", "--base-kubeconfig", kubeconfig.toString(), "--base-context", EmbeddedApiServer.CONTEXT_NAME,
                "-f", OVERLAY, "--exit-code");

        assertThat(files.exit()).as(files.err()).isEqualTo(3);
        assertThat(files.out()).contains("Host endpoint db3/db3-eth0: added");
        for (Run cluster : new Run[] {global, base}) {
            assertThat(cluster.exit()).as(cluster.err()).isEqualTo(3);
            assertThat(cluster.err()).isEmpty();
            assertThat(cluster.out()).isEqualTo(files.out());
        }
    }

    @Test
    void theDocumentNamesTheServerAndTheClusterResourcesHaveNoFile() {
        Run run = calicoq("--kubeconfig", kubeconfig.toString(), "diff", "-f", OVERLAY, "-o", "yaml");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("base:\n  source: cluster\n  server: " + server.url())
                .contains("head:\n  source: cluster+manifests\n  paths:\n  - " + OVERLAY + "\n  server: ");
    }

    @Test
    void aBaseContextThatDoesNotExistIsOne() {
        Run run = calicoq("diff", "--base-kubeconfig", kubeconfig.toString(), "--base-context", "nowhere", "-f",
                OVERLAY);
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).startsWith("calicoq: cannot use the kubeconfig " + kubeconfig).contains("nowhere");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void theCalicoApiGroupOptionIsHonoured() {
        // The server serves crd.projectcalico.org only: asking for projectcalico.org/v3 finds no such kinds.
        Run run = calicoq("--kubeconfig", kubeconfig.toString(), "--calico-api-group", "projectcalico.org/v3", "diff",
                "-f", OVERLAY);
        Run auto = calicoq("--kubeconfig", kubeconfig.toString(), "diff", "-f", OVERLAY);
        assertThat(run.out()).isNotEqualTo(auto.out());
        assertThat(auto.out()).contains("3 of 9 endpoints affected");
    }
}
