package dev.policymatch.operator.calico;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/**
 * The Calico kinds the operator reads, in Calico's Kubernetes-datastore group, which is what a
 * cluster running Calico stores (and what {@code crds/calico/} installs elsewhere).
 */
public enum CalicoKind {
    HOST_ENDPOINT("HostEndpoint", "hostendpoints", false),
    GLOBAL_NETWORK_POLICY("GlobalNetworkPolicy", "globalnetworkpolicies", false),
    NETWORK_POLICY("NetworkPolicy", "networkpolicies", true),
    PROFILE("Profile", "profiles", false),
    TIER("Tier", "tiers", false);

    public static final String GROUP = "crd.projectcalico.org";
    public static final String VERSION = "v1";
    public static final String API_VERSION = GROUP + "/" + VERSION;

    private final String kind;
    private final String plural;
    private final boolean namespaced;

    CalicoKind(String kind, String plural, boolean namespaced) {
        this.kind = kind;
        this.plural = plural;
        this.namespaced = namespaced;
    }

    public String kind() {
        return kind;
    }

    public boolean namespaced() {
        return namespaced;
    }

    public ResourceDefinitionContext context() {
        return new ResourceDefinitionContext.Builder()
                .withGroup(GROUP).withVersion(VERSION).withKind(kind).withPlural(plural).withNamespaced(namespaced)
                .build();
    }
}
