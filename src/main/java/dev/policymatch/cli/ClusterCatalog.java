package dev.policymatch.cli;

import dev.policymatch.operator.KubernetesClientFactory;
import dev.policymatch.source.Catalog;
import dev.policymatch.source.ClusterReadException;
import dev.policymatch.source.ClusterReader;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The query commands' cluster input, kept in its own class so that Fabric8 is loaded only when no
 * {@code -f} is given: a manifest query starts without it.
 */
final class ClusterCatalog {
    /** A CLI should fail fast on an unreachable cluster: short connect timeout. */
    private static final KubernetesClientFactory CLIENTS =
            new KubernetesClientFactory(KubernetesClientFactory.DEFAULT_REQUEST_TIMEOUT, Duration.ofSeconds(5));

    private ClusterCatalog() {
    }

    private static boolean nothingToConfigureFrom() {
        String env = System.getenv("KUBECONFIG");
        return (env == null || env.isBlank())
                && !java.nio.file.Files.exists(Path.of(System.getProperty("user.home"), ".kube", "config"))
                && System.getenv("KUBERNETES_SERVICE_HOST") == null;
    }

    static Catalog read(GlobalOptions global) throws CliException {
        Path kubeconfig = global.kubeconfig() == null ? null : Path.of(global.kubeconfig());
        if (kubeconfig == null && nothingToConfigureFrom()) {
            // Fabric8 would fall back to https://kubernetes.default.svc and fail with "cannot connect".
            throw new CliException(CliException.FAILURE, "no manifests (-f) and no cluster: no kubeconfig "
                    + "($KUBECONFIG, ~/.kube/config or --kubeconfig) and not running in a pod");
        }
        try (KubernetesClient client = CLIENTS.oneShot(kubeconfig, global.context())) {
            return new ClusterReader(client).read();
        } catch (ClusterReadException e) {
            throw new CliException(CliException.FAILURE, e.getMessage());
        } catch (UncheckedIOException e) {
            String reason = e.getCause() instanceof java.nio.file.NoSuchFileException ? "no such file or directory"
                    : e.getCause().getMessage();
            throw new CliException(CliException.FAILURE, e.getMessage() + ": " + reason);
        } catch (KubernetesClientException | IllegalArgumentException e) {
            // A kubeconfig Fabric8 cannot use (no such context, malformed YAML).
            throw new CliException(CliException.FAILURE, "cannot use the kubeconfig"
                    + (kubeconfig == null ? "" : " " + kubeconfig) + ": " + e.getMessage());
        }
    }
}
