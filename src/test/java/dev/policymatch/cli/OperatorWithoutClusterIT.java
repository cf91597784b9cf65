package dev.policymatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code calicoq operator --once} in a process whose environment names no cluster (an empty home, no
 * {@code $KUBECONFIG}; once as a pod without its service-account token) fails with one line saying
 * where it looked, instead of quietly running on the in-memory demo server and exiting 0.
 */
class OperatorWithoutClusterIT {

    @TempDir
    Path home;

    @ParameterizedTest(name = "KUBERNETES_SERVICE_HOST={0}")
    @ValueSource(strings = {"", "10.96.0.1"})
    void failsWithOneLineNamingWhereItLooked(String serviceHost) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.home=" + home, "-cp", classPath(), CalicoqCommand.class.getName(),
                "operator", "--once", "--metrics-port", "0"));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        if (!serviceHost.isEmpty()) {
            builder.environment().put("KUBERNETES_SERVICE_HOST", serviceHost);
        }
        Path stdout = Files.createTempFile(home, "out", ".txt");
        Path stderr = Files.createTempFile(home, "err", ".txt");
        Process process = builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        boolean exited = process.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String err = Files.readString(stderr, StandardCharsets.UTF_8);
        assertThat(exited).as("exited; stderr: " + err).isTrue();
        assertThat(process.exitValue()).as(err).isEqualTo(CliException.FAILURE);
        assertThat(Files.readString(stdout)).isEmpty();
        assertThat(err.lines()).singleElement().isEqualTo("calicoq: operator: no cluster found (no --kubeconfig,"
                + " $KUBECONFIG not set, no " + home.resolve(".kube/config") + ", not in a pod with a service-account"
                + " token (" + (serviceHost.isEmpty() ? "$KUBERNETES_SERVICE_HOST not set, " : "")
                + "no /var/run/secrets/kubernetes.io/serviceaccount/token)); give --kubeconfig FILE, or --embedded"
                + " to try PolicyMatch on an in-memory API server");
    }

    /** Surefire runs tests from a manifest-only jar; it gives the real class path in its own property. */
    private static String classPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }
}
