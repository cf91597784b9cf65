package dev.policymatch.operator.calico;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/**
 * The kinds {@link CalicoInputs} watches: everything that becomes a policy, profile or tier in the
 * match. Calico's own kinds, and the Kubernetes kinds Calico's Kubernetes datastore turns into
 * profiles ({@code kns.<namespace>}, {@code ksa.<namespace>.<name>}) and policies
 * ({@code knp.default.<name>}). Endpoints (HostEndpoints, Pods) are the controllers' primaries.
 */
public enum InputKind {
    TIER(CalicoKind.TIER),
    PROFILE(CalicoKind.PROFILE),
    GLOBAL_NETWORK_POLICY(CalicoKind.GLOBAL_NETWORK_POLICY),
    NETWORK_POLICY(CalicoKind.NETWORK_POLICY),
    NAMESPACE("", "Namespace", "namespaces", false),
    SERVICE_ACCOUNT("", "ServiceAccount", "serviceaccounts", true),
    KUBERNETES_NETWORK_POLICY("networking.k8s.io", "NetworkPolicy", "networkpolicies", true);

    private final boolean calico;
    private final String group;
    private final String kind;
    private final ResourceDefinitionContext context;

    InputKind(CalicoKind calicoKind) {
        this.calico = true;
        this.group = CalicoKind.GROUP;
        this.kind = calicoKind.kind();
        this.context = calicoKind.context();
    }

    InputKind(String group, String kind, String plural, boolean namespaced) {
        this.calico = false;
        this.group = group;
        this.kind = kind;
        this.context = new ResourceDefinitionContext.Builder().withGroup(group).withVersion("v1").withKind(kind)
                .withPlural(plural).withNamespaced(namespaced).build();
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
