package dev.policymatch.operator.inputs;

import dev.policymatch.source.document.ClusterKind;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/**
 * The kinds {@link CalicoInputs} watches: everything that becomes a policy, profile or tier in the
 * match. Calico's own kinds, and the Kubernetes kinds Calico's Kubernetes datastore turns into
 * profiles ({@code kns.<namespace>}, {@code ksa.<namespace>.<name>}) and policies
 * ({@code knp.default.<name>}). Endpoints (HostEndpoints, Pods) are the controllers' primaries.
 */
public enum InputKind {
    TIER(ClusterKind.TIER),
    PROFILE(ClusterKind.PROFILE),
    GLOBAL_NETWORK_POLICY(ClusterKind.GLOBAL_NETWORK_POLICY),
    NETWORK_POLICY(ClusterKind.NETWORK_POLICY),
    NAMESPACE(ClusterKind.NAMESPACE),
    SERVICE_ACCOUNT(ClusterKind.SERVICE_ACCOUNT),
    KUBERNETES_NETWORK_POLICY(ClusterKind.KUBERNETES_NETWORK_POLICY);

    private final boolean calico;
    private final String group;
    private final String kind;
    private final ResourceDefinitionContext context;

    InputKind(ClusterKind described) {
        this.calico = described.isCalico();
        this.group = described.group();
        this.kind = described.kind();
        this.context = described.context();
    }

    /** A Calico kind in {@code crd.projectcalico.org}, read by the Calico converter. */
    public boolean calico() {
        return calico;
    }

    /** {@code Kind} or {@code Kind.group}, so the two NetworkPolicy kinds read apart in logs. */
    public String displayName() {
        return group.isEmpty() || calico ? kind : kind + "." + group;
    }

    public String group() {
        return group;
    }

    public boolean namespaced() {
        return context.isNamespaceScoped();
    }

    public ResourceDefinitionContext context() {
        return context;
    }
}
