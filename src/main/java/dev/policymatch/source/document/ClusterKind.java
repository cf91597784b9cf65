package dev.policymatch.source.document;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/**
 * Every kind PolicyMatch reads from a cluster, described once: Calico's Kubernetes-datastore kinds
 * ({@code crd.projectcalico.org/v1}) and the Kubernetes kinds Calico turns into endpoints, profiles and
 * policies. Described up front (plural, scope) instead of discovered, so a kind whose CRD is not
 * installed answers 404 on its first request. The cluster reader and the operator's informers use it.
 */
public enum ClusterKind {
    TIER(ClusterKind.CALICO_GROUP, "Tier", "tiers", false),
    PROFILE(ClusterKind.CALICO_GROUP, "Profile", "profiles", false),
    HOST_ENDPOINT(ClusterKind.CALICO_GROUP, "HostEndpoint", "hostendpoints", false),
    GLOBAL_NETWORK_POLICY(ClusterKind.CALICO_GROUP, "GlobalNetworkPolicy", "globalnetworkpolicies", false),
    NETWORK_POLICY(ClusterKind.CALICO_GROUP, "NetworkPolicy", "networkpolicies", true),
    WORKLOAD_ENDPOINT(ClusterKind.CALICO_GROUP, "WorkloadEndpoint", "workloadendpoints", true),
    NAMESPACE("", "Namespace", "namespaces", false),
    SERVICE_ACCOUNT("", "ServiceAccount", "serviceaccounts", true),
    POD("", "Pod", "pods", true),
    KUBERNETES_NETWORK_POLICY("networking.k8s.io", "NetworkPolicy", "networkpolicies", true);

    public static final String CALICO_GROUP = "crd.projectcalico.org";
    public static final String VERSION = "v1";

    private final String group;
    private final String kind;
    private final String plural;
    private final boolean namespaced;

    ClusterKind(String group, String kind, String plural, boolean namespaced) {
        this.group = group;
        this.kind = kind;
        this.plural = plural;
        this.namespaced = namespaced;
    }

    public String group() {
        return group;
    }

    public String kind() {
        return kind;
    }

    public boolean namespaced() {
        return namespaced;
    }

    /** One of Calico's own kinds, read by the Calico converter. */
    public boolean isCalico() {
        return group.equals(CALICO_GROUP);
    }

    public String apiVersion() {
        return group.isEmpty() ? VERSION : group + "/" + VERSION;
    }

    /** {@code plural.group}, or the plural alone for the core group, as the API server names resources. */
    public String qualifiedPlural() {
        return group.isEmpty() ? plural : plural + "." + group;
    }

    public ResourceDefinitionContext context() {
        return new ResourceDefinitionContext.Builder().withGroup(group).withVersion(VERSION)
                .withKind(kind).withPlural(plural).withNamespaced(namespaced).build();
    }
}
