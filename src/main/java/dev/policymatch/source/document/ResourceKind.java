package dev.policymatch.source.document;

import com.fasterxml.jackson.databind.JsonNode;
import dev.policymatch.model.CalicoObject.Family;
import dev.policymatch.text.Quoted;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.Optional;

/**
 * Every kind of resource PolicyMatch reads, described once: Calico's own kinds, and the Kubernetes kinds that
 * Calico's Kubernetes datastore turns into Calico resources. A row says where the kind lives in the API
 * (apiVersion, plural, scope), which model family it becomes, and who reads it: {@code calicoq}'s cluster
 * read lists every row that {@link #readFromCluster()}, the operator's inputs watch every row that
 * {@link #watchedAsInput()}, and the front door ({@code source.ResourceConverter}) picks the converter by row.
 * A new kind is a new row.
 *
 * <p>Described up front (plural, scope) instead of discovered, so a kind whose CRD is not installed answers
 * 404 on its first request. Calico's kinds are written here in the group of its Kubernetes datastore
 * ({@code crd.projectcalico.org/v1}); a cluster of Calico 3.32 or later may serve them as {@code projectcalico.org/v3}
 * CRDs instead ({@link CalicoApiGroup}, a parameter of {@link #context(CalicoApiGroup)}). The order of the rows is the
 * order of reading: a cluster read lists Pods after stored WorkloadEndpoints, the inputs load tiers first.
 */
public enum ResourceKind {
    TIER(ResourceKind.CALICO_API_VERSION, "Tier", "tiers", Scope.CLUSTER, Family.TIER, Reading.OPERATOR_INPUT),
    PROFILE(ResourceKind.CALICO_API_VERSION, "Profile", "profiles", Scope.CLUSTER, Family.PROFILE,
            Reading.OPERATOR_INPUT),
    HOST_ENDPOINT(ResourceKind.CALICO_API_VERSION, "HostEndpoint", "hostendpoints", Scope.CLUSTER,
            Family.HOST_ENDPOINT, Reading.OPERATOR_PRIMARY),
    GLOBAL_NETWORK_POLICY(ResourceKind.CALICO_API_VERSION, "GlobalNetworkPolicy", "globalnetworkpolicies",
            Scope.CLUSTER, Family.POLICY, Reading.OPERATOR_INPUT),
    NETWORK_POLICY(ResourceKind.CALICO_API_VERSION, "NetworkPolicy", "networkpolicies", Scope.NAMESPACED,
            Family.POLICY, Reading.OPERATOR_INPUT),
    /** A GlobalNetworkPolicy's spec and a {@code stagedAction} (Calico 3.30+): listed, never enforced. */
    STAGED_GLOBAL_NETWORK_POLICY(ResourceKind.CALICO_API_VERSION, "StagedGlobalNetworkPolicy",
            "stagedglobalnetworkpolicies", Scope.CLUSTER, Family.POLICY, Reading.OPERATOR_INPUT),
    /** A NetworkPolicy's spec and a {@code stagedAction}. */
    STAGED_NETWORK_POLICY(ResourceKind.CALICO_API_VERSION, "StagedNetworkPolicy", "stagednetworkpolicies",
            Scope.NAMESPACED, Family.POLICY, Reading.OPERATOR_INPUT),
    /**
     * A Calico kind holding a Kubernetes NetworkPolicy's spec and a {@code stagedAction}; converted as a
     * Kubernetes NetworkPolicy is.
     */
    STAGED_KUBERNETES_NETWORK_POLICY(ResourceKind.CALICO_API_VERSION, "StagedKubernetesNetworkPolicy",
            "stagedkubernetesnetworkpolicies", Scope.NAMESPACED, Family.POLICY, Reading.OPERATOR_INPUT),
    /**
     * Stored WorkloadEndpoints are those of non-Kubernetes workloads (a pod's endpoint is derived from the Pod,
     * never stored). {@code calicoq} lists them from a cluster; a pod's endpoint with the same key wins because
     * POD comes later. The operator watches none: it reports on HostEndpoints and Pods.
     */
    WORKLOAD_ENDPOINT(ResourceKind.CALICO_API_VERSION, "WorkloadEndpoint", "workloadendpoints", Scope.NAMESPACED,
            Family.WORKLOAD_ENDPOINT, Reading.CALICOQ_ONLY),
    /** Becomes the Profile {@code kns.<name>}. */
    NAMESPACE("v1", "Namespace", "namespaces", Scope.CLUSTER, PROFILE, Reading.OPERATOR_INPUT),
    /** Becomes the Profile {@code ksa.<namespace>.<name>}. */
    SERVICE_ACCOUNT("v1", "ServiceAccount", "serviceaccounts", Scope.NAMESPACED, PROFILE, Reading.OPERATOR_INPUT),
    /** Becomes a WorkloadEndpoint (unless host-networked or unscheduled). */
    POD("v1", "Pod", "pods", Scope.NAMESPACED, WORKLOAD_ENDPOINT, Reading.OPERATOR_PRIMARY),
    /** Becomes the Calico NetworkPolicy {@code knp.default.<name>} in the same namespace. */
    KUBERNETES_NETWORK_POLICY("networking.k8s.io/v1", "NetworkPolicy", "networkpolicies", Scope.NAMESPACED,
            NETWORK_POLICY, Reading.OPERATOR_INPUT),
    /** Becomes a GlobalNetworkPolicy in the tier {@code kube-admin} or {@code kube-baseline} (Calico 3.32). */
    CLUSTER_NETWORK_POLICY("policy.networking.k8s.io/v1alpha2", "ClusterNetworkPolicy", "clusternetworkpolicies",
            Scope.CLUSTER, GLOBAL_NETWORK_POLICY, Reading.OPERATOR_INPUT),
    /** Becomes a GlobalNetworkPolicy in the tier {@code adminnetworkpolicy} (Calico 3.29–3.31). */
    ADMIN_NETWORK_POLICY("policy.networking.k8s.io/v1alpha1", "AdminNetworkPolicy", "adminnetworkpolicies",
            Scope.CLUSTER, GLOBAL_NETWORK_POLICY, Reading.OPERATOR_INPUT),
    /** Becomes a GlobalNetworkPolicy in the tier {@code baselineadminnetworkpolicy} (Calico 3.30–3.31). */
    BASELINE_ADMIN_NETWORK_POLICY("policy.networking.k8s.io/v1alpha1", "BaselineAdminNetworkPolicy",
            "baselineadminnetworkpolicies", Scope.CLUSTER, GLOBAL_NETWORK_POLICY, Reading.OPERATOR_INPUT);

    /** The API group of Calico's Kubernetes datastore. */
    public static final String CALICO_GROUP = "crd.projectcalico.org";
    public static final String CALICO_VERSION = "v1";
    public static final String CALICO_API_VERSION = CALICO_GROUP + "/" + CALICO_VERSION;

    /** Who made the kind: Calico's own, read by the Calico converter, or Kubernetes', read by the Kubernetes one. */
    public enum Origin {
        CALICO, KUBERNETES
    }

    /** Whether a kind's objects live in a namespace. */
    public enum Scope {
        CLUSTER, NAMESPACED
    }

    /** Who reads a kind from a cluster. */
    private enum Reading {
        /** {@code calicoq}'s cluster read, and the operator's inputs (it becomes a policy, profile or tier). */
        OPERATOR_INPUT,
        /** {@code calicoq}'s cluster read, and an operator controller, as its primary resource (an endpoint). */
        OPERATOR_PRIMARY,
        /** {@code calicoq}'s cluster read only. */
        CALICOQ_ONLY
    }

    private final String apiVersion;
    private final String kindName;
    private final String plural;
    private final Scope scope;
    private final Family family;
    private final ResourceKind becomes;
    private final Reading reading;

    /** One of Calico's own kinds. */
    ResourceKind(String apiVersion, String kindName, String plural, Scope scope, Family family, Reading reading) {
        this.apiVersion = apiVersion;
        this.kindName = kindName;
        this.plural = plural;
        this.scope = scope;
        this.family = family;
        this.becomes = null;
        this.reading = reading;
    }

    /** A Kubernetes kind, and the Calico kind its objects become. */
    ResourceKind(String apiVersion, String kindName, String plural, Scope scope, ResourceKind becomes,
            Reading reading) {
        this.apiVersion = apiVersion;
        this.kindName = kindName;
        this.plural = plural;
        this.scope = scope;
        this.family = becomes.family;
        this.becomes = becomes;
        this.reading = reading;
    }

    public Origin origin() {
        return becomes == null ? Origin.CALICO : Origin.KUBERNETES;
    }

    /** The kind as written in manifests and shown in messages ({@code ServiceAccount}). */
    public String kindName() {
        return kindName;
    }

    public String apiVersion() {
        return apiVersion;
    }

    /** The API group, {@code ""} for the core group. */
    public String group() {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    public String version() {
        return apiVersion.substring(apiVersion.indexOf('/') + 1);
    }

    public boolean namespaced() {
        return scope == Scope.NAMESPACED;
    }

    /** The model family its objects become. */
    public Family family() {
        return family;
    }

    /** The Calico kind its objects become: itself for Calico's kinds, e.g. PROFILE for NAMESPACE. */
    public ResourceKind calicoKind() {
        return becomes == null ? this : becomes;
    }

    /** Whether {@code calicoq} lists it when it reads a cluster. */
    public boolean readFromCluster() {
        return switch (reading) {
            case OPERATOR_INPUT, OPERATOR_PRIMARY, CALICOQ_ONLY -> true;
        };
    }

    /**
     * Whether the operator watches it as an input of the match (a policy, profile or tier). Endpoints are the
     * controllers' primaries instead, and stored WorkloadEndpoints are not watched at all.
     */
    public boolean watchedAsInput() {
        return reading == Reading.OPERATOR_INPUT;
    }

    /**
     * Whether its objects hold a Kubernetes object's spec, so the Kubernetes converter reads them: the Kubernetes
     * kinds, and Calico's StagedKubernetesNetworkPolicy (a NetworkPolicy's spec and a {@code stagedAction}).
     */
    public boolean kubernetesShaped() {
        return origin() == Origin.KUBERNETES || this == STAGED_KUBERNETES_NETWORK_POLICY;
    }

    /**
     * {@code Kind}, or {@code Kind.group} for a Kubernetes kind outside the core group, so the two NetworkPolicy
     * kinds read apart in logs.
     */
    public String displayName() {
        return origin() == Origin.CALICO || group().isEmpty() ? kindName : kindName + "." + group();
    }

    /** {@code plural.group}, or the plural alone for the core group, as the API server names resources. */
    public String qualifiedPlural() {
        return qualifiedPlural(CalicoApiGroup.CRD_V1);
    }

    /** {@link #qualifiedPlural()} when the cluster serves Calico's kinds in {@code calicoGroup}. */
    public String qualifiedPlural(CalicoApiGroup calicoGroup) {
        String group = context(calicoGroup).getGroup();
        return group.isEmpty() ? plural : plural + "." + group;
    }

    /** {@code HostEndpoint "eth0"}, the way messages name a resource of this kind. */
    public String describe(String name) {
        return kindName + " " + Quoted.of(name);
    }

    /** Where the kind lives in the default Calico group, {@code crd.projectcalico.org/v1}. */
    public ResourceDefinitionContext context() {
        return context(CalicoApiGroup.CRD_V1);
    }

    /** Where the kind lives when the cluster serves Calico's kinds in {@code calicoGroup} (same plural, scope). */
    public ResourceDefinitionContext context(CalicoApiGroup calicoGroup) {
        String apiVersion = apiVersion(calicoGroup);
        int slash = apiVersion.indexOf('/');
        return new ResourceDefinitionContext.Builder().withGroup(slash < 0 ? "" : apiVersion.substring(0, slash))
                .withVersion(apiVersion.substring(slash + 1))
                .withKind(kindName).withPlural(plural).withNamespaced(namespaced()).build();
    }

    /** The apiVersion of its objects when the cluster serves Calico's kinds in {@code calicoGroup}. */
    public String apiVersion(CalicoApiGroup calicoGroup) {
        return origin() == Origin.CALICO ? calicoGroup.apiVersion() : apiVersion;
    }

    /**
     * The kind of a document that the Kubernetes converter reads: a Kubernetes kind ({@link #kubernetesKindOf}), or
     * a StagedKubernetesNetworkPolicy in one of Calico's v3 dialects (kind named case-insensitively, as calicoctl
     * does).
     */
    public static Optional<ResourceKind> kubernetesShapedKindOf(JsonNode document) {
        Optional<ResourceKind> kubernetes = kubernetesKindOf(document);
        if (kubernetes.isPresent() || document == null || !document.isObject()) {
            return kubernetes;
        }
        Dialect dialect = Dialect.fromApiVersion(document.path("apiVersion").asText(""));
        boolean v3 = dialect == Dialect.PROJECTCALICO_V3 || dialect == Dialect.CRD_V1;
        return v3 && STAGED_KUBERNETES_NETWORK_POLICY.kindName.equalsIgnoreCase(document.path("kind").asText(""))
                ? Optional.of(STAGED_KUBERNETES_NETWORK_POLICY) : Optional.empty();
    }

    /**
     * The Kubernetes kind of a document, when it is one of these. Named by apiVersion and kind together: a
     * {@code v1} document is a Kubernetes object only for these kinds, and calicoctl v1 otherwise. Kubernetes
     * kinds are case-sensitive (the API server refuses {@code kind: pod}), so they are matched exactly.
     */
    public static Optional<ResourceKind> kubernetesKindOf(JsonNode document) {
        if (document == null || !document.isObject()) {
            return Optional.empty();
        }
        JsonNode apiVersion = document.path("apiVersion");
        JsonNode kind = document.path("kind");
        if (!apiVersion.isTextual() || !kind.isTextual()) {
            return Optional.empty();
        }
        for (ResourceKind candidate : values()) {
            if (candidate.origin() == Origin.KUBERNETES && candidate.apiVersion.equals(apiVersion.asText())
                    && candidate.kindName.equals(kind.asText())) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
