package dev.policymatch.operator.inputs;

import dev.policymatch.source.document.ClusterKind;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/**
 * The Calico kinds the operator reads, in Calico's Kubernetes-datastore group, which is what a
 * cluster running Calico stores (and what {@code crds/calico/} installs elsewhere). Described in
 * {@link ClusterKind}, the one table of the kinds PolicyMatch reads.
 */
public enum CalicoKind {
    HOST_ENDPOINT(ClusterKind.HOST_ENDPOINT),
    GLOBAL_NETWORK_POLICY(ClusterKind.GLOBAL_NETWORK_POLICY),
    NETWORK_POLICY(ClusterKind.NETWORK_POLICY),
    PROFILE(ClusterKind.PROFILE),
    TIER(ClusterKind.TIER);

    public static final String GROUP = ClusterKind.CALICO_GROUP;
    public static final String VERSION = ClusterKind.VERSION;
    public static final String API_VERSION = GROUP + "/" + VERSION;

    private final ClusterKind described;

    CalicoKind(ClusterKind described) {
        this.described = described;
    }

    public ClusterKind described() {
        return described;
    }

    public String kind() {
        return described.kind();
    }

    public boolean namespaced() {
        return described.namespaced();
    }

    public ResourceDefinitionContext context() {
        return described.context();
    }
}
