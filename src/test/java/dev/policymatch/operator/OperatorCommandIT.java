package dev.policymatch.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.policymatch.api.PolicyMatchReport;
import dev.policymatch.cli.CalicoqCommand;
import dev.policymatch.devcluster.EmbeddedApiServer;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code calicoq operator --embedded --once}, as {@code make run-once} runs it, from the repository root. */
class OperatorCommandIT {

    @Test
    void embeddedRunPrintsTheReportsOfTheExamplesAndTheKubectlLine() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = CalicoqCommand.execute(new String[] {"operator", "--embedded", "--once", "--metrics-port", "0"},
                new ByteArrayInputStream(new byte[0]), new PrintWriter(out), new PrintWriter(err));

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains("NAMESPACE", "NAME", "ENDPOINT", "NODE", "POLICIES", "PROFILES", "RULE MATCHES", "MATCHED", "VALID")
                .contains("hep.edge1-eth0", "edge1/edge1-eth0")
                .contains("pod.web-6c9f7", "node1/k8s/shop.web-6c9f7/eth0", "pod.orders-7b5d2")
                .contains("kubectl --kubeconfig target/embedded/kubeconfig get policymatchreports -A");
        long rows = out.toString().lines().filter(line -> line.startsWith("policymatch-system ")
                && line.contains(" hep.")).count();
        long hostEndpoints = Files.readString(Path.of("examples/cluster/20-hostendpoints.yaml")).lines()
                .filter(line -> line.equals("kind: HostEndpoint")).count();
        assertThat(rows).isEqualTo(hostEndpoints);
        assertThat(out.toString().lines().filter(line -> line.startsWith("shop ") && line.contains(" pod.")))
                .as("the two pods of examples/cluster-pods with a workload endpoint").hasSize(2);
        assertThat(Path.of("target/embedded/kubeconfig")).exists();
    }

    /** On a cluster, --once waits for the reports through lists in pages and prints how many are current. */
    @Test
    void onceOnAClusterPrintsHowManyReportsAreCurrent(@TempDir Path dir) throws Exception {
        try (EmbeddedApiServer server = EmbeddedApiServer.start(0)) {
            server.installCrds(Path.of("crds"));
            server.apply("default", Path.of("examples/cluster"));
            Path kubeconfig = server.writeKubeconfig(dir.resolve("kubeconfig"), "default");
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();

            int exit = CalicoqCommand.execute(new String[] {"operator", "--once", "--metrics-port", "0",
                "--kubeconfig", kubeconfig.toString(), "--list-page-size", "2"},
                    new ByteArrayInputStream(new byte[0]), new PrintWriter(out), new PrintWriter(err));

            assertThat(exit).as(err.toString()).isZero();
            int reports = server.client().resources(PolicyMatchReport.class).inAnyNamespace().list().getItems().size();
            assertThat(reports).isPositive();
            assertThat(out.toString()).isEqualTo(reports + " reports are current\n");
        }
    }

    /** It used to ignore --context beside --kubeconfig and run on the kubeconfig's current cluster. */
    @Test
    void aContextTheKubeconfigDoesNotHaveFailsWithOneLine(@TempDir Path dir) throws Exception {
        Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), """
                apiVersion: v1
                kind: Config
                clusters:
                - {name: one, cluster: {server: "https://127.0.0.1:1"}}
                users:
                - {name: me, user: {token: secret}}
                contexts:
                - {name: first, context: {cluster: one, user: me}}
                current-context: first
                """);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = CalicoqCommand.execute(new String[] {"operator", "--once", "--metrics-port", "0",
            "--kubeconfig", kubeconfig.toString(), "--context", "second"},
                new ByteArrayInputStream(new byte[0]), new PrintWriter(out), new PrintWriter(err));

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).isEqualTo("calicoq: operator: no context \"second\" in the kubeconfig\n");
    }
}
