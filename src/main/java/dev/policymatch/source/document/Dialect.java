package dev.policymatch.source.document;

/**
 * The manifest formats that carry Calico resources: three Calico ones, and the Kubernetes objects
 * (Pod, Namespace, ServiceAccount, NetworkPolicy) that Calico's Kubernetes datastore turns into
 * Calico resources.
 */
public enum Dialect {
    /** calicoctl v1 ({@code apiVersion: v1}, kinds like {@code hostEndpoint}, node in metadata). */
    CALICOCTL_V1("v1"),
    /** calicoctl v3 / the Calico API server ({@code projectcalico.org/v3}). */
    PROJECTCALICO_V3("projectcalico.org/v3"),
    /** The Kubernetes-datastore CRDs ({@code crd.projectcalico.org/v1}), what a Calico cluster stores. */
    CRD_V1("crd.projectcalico.org/v1"),
    /**
     * Kubernetes objects ({@code v1} Pod, Namespace, ServiceAccount; {@code networking.k8s.io/v1}
     * NetworkPolicy), converted by {@code KubernetesResourceConverter}. Recognised by apiVersion and
     * kind together ({@link ResourceKind#kubernetesKindOf}), never by {@link #fromApiVersion}: {@code v1}
     * alone is calicoctl v1.
     */
    KUBERNETES("v1");

    private final String apiVersion;

    Dialect(String apiVersion) {
        this.apiVersion = apiVersion;
    }

    public String apiVersion() {
        return apiVersion;
    }

    /** The Calico dialect of an {@code apiVersion}, or null when it is not a Calico one. */
    public static Dialect fromApiVersion(String apiVersion) {
        for (Dialect dialect : values()) {
            if (dialect != KUBERNETES && dialect.apiVersion.equals(apiVersion)) {
                return dialect;
            }
        }
        return null;
    }
}
