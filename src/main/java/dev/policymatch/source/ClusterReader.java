package dev.policymatch.source;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.policymatch.kube.ApiErrors;
import dev.policymatch.source.document.CalicoApiGroup;
import dev.policymatch.source.document.Conversion;
import dev.policymatch.source.document.ResourceFormatException;
import dev.policymatch.source.document.ResourceKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Reads the Calico resources of a live cluster into a {@link Catalog}, read-only: one list call per kind
 * of Calico's API group (its Kubernetes datastore's {@code crd.projectcalico.org/v1}, or the
 * {@code projectcalico.org/v3} CRDs of Calico 3.32 and later: {@link CalicoApiGroup}) and per Kubernetes kind that
 * Calico turns into Calico resources (Namespaces, ServiceAccounts, Pods, NetworkPolicies), across all
 * namespaces. Each object goes through the same {@link ResourceConverter} as a manifest, so the cluster and
 * {@code -f examples/cluster} give the same catalog.
 *
 * <p>The kinds are the rows of {@link ResourceKind} that it {@link ResourceKind#readFromCluster() reads from a
 * cluster}; a kind whose CRD is not installed answers 404, which
 * means "none of that kind" (a cluster without tiers, say). Anything else (unreachable server, 401/403) is a {@link ClusterReadException}.
 */
public final class ClusterReader {
    private final KubernetesClient client;
    private final CalicoApiGroup calicoGroup;
    private final Consumer<String> warnings;
    private final ResourceConverter converter = new ResourceConverter();

    /**
     * Reads Calico's kinds from {@code calicoGroup} (see {@link CalicoApiGroups#choose}); {@code warnings} receives
     * one line per part of an object that Calico converts other than as written.
     */
    public ClusterReader(KubernetesClient client, CalicoApiGroup calicoGroup, Consumer<String> warnings) {
        this.client = Objects.requireNonNull(client);
        this.calicoGroup = Objects.requireNonNull(calicoGroup);
        this.warnings = Objects.requireNonNull(warnings);
    }

    public Catalog read() throws ClusterReadException {
        Catalog.Builder catalog = new Catalog.Builder();
        for (ResourceKind kind : ResourceKind.values()) {
            if (kind.readFromCluster() && calicoGroup.serves(kind)) {
                for (GenericKubernetesResource item : list(kind)) {
                    add(kind, item, catalog);
                }
            }
        }
        return catalog.build();
    }

    private List<GenericKubernetesResource> list(ResourceKind kind) throws ClusterReadException {
        try {
            var resources = client.genericKubernetesResources(kind.context(calicoGroup));
            return (kind.namespaced() ? resources.inAnyNamespace().list() : resources.list()).getItems();
        } catch (KubernetesClientException e) {
            if (ApiErrors.isNotFound(e)) {
                return List.of();
            }
            throw new ClusterReadException("cannot list " + kind.qualifiedPlural(calicoGroup) + " from the cluster at "
                    + client.getMasterUrl() + ": " + reason(e), e);
        }
    }

    private void add(ResourceKind kind, GenericKubernetesResource item, Catalog.Builder catalog) {
        String namespace = item.getMetadata().getNamespace();
        String name = (namespace == null ? "" : namespace + "/") + item.getMetadata().getName();
        SourceLocation location = new SourceLocation("cluster:" + kind.kindName() + "/" + name, 0);
        try {
            ObjectNode node = client.getKubernetesSerialization().convertValue(item, ObjectNode.class);
            // Anything else is a pod without a workload endpoint, which Calico's datastore does not list either.
            if (converter.convert(kind, calicoGroup, node) instanceof Conversion.Converted converted) {
                catalog.add(converted.resource(), location);
                converted.warnings().forEach(warning -> warnings.accept(location.file() + ": " + warning));
            }
        } catch (ResourceFormatException e) {
            catalog.addProblem(new ManifestProblem(location, e.resource(), e.fieldMessage()));
        }
    }

    /** The most telling message: for an unreachable server that is the connection error, not the wrapper. */
    private static String reason(KubernetesClientException e) {
        if (e.getCode() > 0) {
            String status = e.getStatus() == null ? null : e.getStatus().getMessage();
            return "HTTP " + e.getCode() + (status == null || status.isBlank() ? "" : ": " + status);
        }
        // The JDK client wraps a refused connection as ConnectException over ClosedChannelException: name
        // the connection problem, not the innermost class.
        Throwable root = e;
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof java.net.ConnectException) {
                return "cannot connect" + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
            }
            if (cause instanceof java.net.UnknownHostException) {
                return "unknown host " + cause.getMessage();
            }
            if (cause instanceof java.net.http.HttpTimeoutException || cause instanceof java.net.SocketTimeoutException) {
                return "timed out";
            }
            root = cause;
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }
}
