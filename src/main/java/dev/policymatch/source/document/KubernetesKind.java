package dev.policymatch.source.document;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * The Kubernetes kinds that Calico's Kubernetes datastore turns into Calico resources, and so the
 * ones PolicyMatch reads beside Calico's own. Each is named by apiVersion and kind together: a
 * {@code v1} document is a Kubernetes object only for these kinds, and calicoctl v1 otherwise.
 */
public enum KubernetesKind {
    /** Becomes a WorkloadEndpoint (unless host-networked or unscheduled). */
    POD("v1", "Pod", ResourceKind.WORKLOAD_ENDPOINT),
    /** Becomes the Profile {@code kns.<name>}. */
    NAMESPACE("v1", "Namespace", ResourceKind.PROFILE),
    /** Becomes the Profile {@code ksa.<namespace>.<name>}. */
    SERVICE_ACCOUNT("v1", "ServiceAccount", ResourceKind.PROFILE),
    /** Becomes the Calico NetworkPolicy {@code knp.default.<name>} in the same namespace. */
    NETWORK_POLICY("networking.k8s.io/v1", "NetworkPolicy", ResourceKind.NETWORK_POLICY);

    private final String apiVersion;
    private final String kindName;
    private final ResourceKind calicoKind;

    KubernetesKind(String apiVersion, String kindName, ResourceKind calicoKind) {
        this.apiVersion = apiVersion;
        this.kindName = kindName;
        this.calicoKind = calicoKind;
    }

    public String apiVersion() {
        return apiVersion;
    }

    /** The kind as Kubernetes spells it ({@code ServiceAccount}), as shown in messages. */
    public String kindName() {
        return kindName;
    }

    /** The Calico kind the object becomes. */
    public ResourceKind calicoKind() {
        return calicoKind;
    }

    /**
     * The kind of a document, when it is one of these. Kubernetes kinds are case-sensitive (the API
     * server refuses {@code kind: pod}), so they are matched exactly.
     */
    public static Optional<KubernetesKind> of(JsonNode document) {
        if (document == null || !document.isObject()) {
            return Optional.empty();
        }
        JsonNode apiVersion = document.path("apiVersion");
        JsonNode kind = document.path("kind");
        if (!apiVersion.isTextual() || !kind.isTextual()) {
            return Optional.empty();
        }
        for (KubernetesKind candidate : values()) {
            if (candidate.apiVersion.equals(apiVersion.asText()) && candidate.kindName.equals(kind.asText())) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
