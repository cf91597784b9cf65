package dev.policymatch.cli;

import dev.policymatch.kube.ClusterLookup;
import dev.policymatch.kube.KubernetesClientFactory;
import dev.policymatch.source.CalicoApiGroups;
import dev.policymatch.source.Catalog;
import dev.policymatch.source.ClusterReadException;
import dev.policymatch.source.ClusterReader;
import dev.policymatch.source.document.CalicoApiGroup;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

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

    /** A cluster's resources, and the API server they were read from. */
    record Read(Catalog catalog, String server) {
    }

    static Catalog read(GlobalOptions global, Consumer<String> warnings) throws CliException {
        return read(global.kubeconfig(), global.context(), global.calicoApiGroup(), warnings,
                "no manifests (-f) and no cluster").catalog();
    }

    /**
     * @param kubeconfig null for $KUBECONFIG, then ~/.kube/config, then the in-cluster account
     * @param noCluster  what the message says when there is none to read
     */
    static Read read(String kubeconfigPath, String context, Optional<CalicoApiGroup> group, Consumer<String> warnings,
            String noCluster) throws CliException {
        Path kubeconfig = kubeconfigPath == null ? null : Path.of(kubeconfigPath);
        ClusterLookup lookup = ClusterLookup.ofThisProcess();
        if (kubeconfig == null && !lookup.found()) {
            throw new CliException(CliException.FAILURE, noCluster + ": " + lookup.whereLooked());
        }
        try (KubernetesClient client = CLIENTS.oneShot(kubeconfig, context)) {
            Catalog catalog = new ClusterReader(client, CalicoApiGroups.choose(client, group), warnings).read();
            return new Read(catalog, client.getMasterUrl().toString());
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
