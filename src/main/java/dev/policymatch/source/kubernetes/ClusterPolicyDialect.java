package dev.policymatch.source.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.policymatch.model.PolicyKind;
import dev.policymatch.model.Tier;
import dev.policymatch.source.document.Fields;
import dev.policymatch.source.document.ResourceFormatException;
import dev.policymatch.source.document.ResourceKind;
import dev.policymatch.text.Quoted;
import java.util.Map;
import java.util.Set;

/**
 * What sets apart the three cluster-wide Kubernetes policy kinds that Calico converts to GlobalNetworkPolicies:
 * the ClusterNetworkPolicy of Calico 3.32 ({@code libcalico-go/lib/backend/k8s/conversion/clusternetworkpolicy.go},
 * {@code policy.networking.k8s.io/v1alpha2}) and the AdminNetworkPolicy and BaselineAdminNetworkPolicy of Calico
 * 3.29–3.31 (v3.31.7 {@code conversion.go} {@code K8sAdminNetworkPolicyToCalico},
 * {@code K8sBaselineAdminNetworkPolicyToCalico}, {@code v1alpha1}): tier, order, actions, which failed rules
 * fail closed, and how a rule names its ports. Everything else they convert alike ({@link ClusterPolicyConverter}).
 */
enum ClusterPolicyDialect {
    CLUSTER_NETWORK_POLICY(PolicyKind.KUBERNETES_CLUSTER_NETWORK_POLICY, "cluster network policy",
            Map.of("Accept", "Allow", "Deny", "Deny", "Pass", "Pass"), Set.of("Deny", "Pass"), "protocols"),
    ADMIN_NETWORK_POLICY(PolicyKind.KUBERNETES_ADMIN_NETWORK_POLICY, "admin network policy",
            Map.of("Allow", "Allow", "Deny", "Deny", "Pass", "Pass"), Set.of("Deny", "Pass"), "ports"),
    /** Its failed Deny rules fail closed, and nothing else: it has no Pass. */
    BASELINE_ADMIN_NETWORK_POLICY(PolicyKind.KUBERNETES_BASELINE_ADMIN_NETWORK_POLICY, "admin network policy",
            Map.of("Allow", "Allow", "Deny", "Deny"), Set.of("Deny"), "ports");

    /** v3.32.1 {@code lib/names} {@code KubeAdminTierName}: the tier of {@code tier: Admin}. */
    static final String KUBE_ADMIN_TIER = Tier.KUBE_ADMIN;
    /** v3.32.1 {@code lib/names} {@code KubeBaselineTierName}: the tier of {@code tier: Baseline}. */
    static final String KUBE_BASELINE_TIER = Tier.KUBE_BASELINE;
    /** v3.31.7 {@code lib/names} {@code AdminNetworkPolicyTierName}. */
    static final String ADMIN_NETWORK_POLICY_TIER = Tier.ADMIN_NETWORK_POLICY;
    /** v3.31.7 {@code lib/names} {@code BaselineAdminNetworkPolicyTierName}. */
    static final String BASELINE_ADMIN_NETWORK_POLICY_TIER = Tier.BASELINE_ADMIN_NETWORK_POLICY;
    /** v3.31.7 {@code K8sBaselineAdminNetworkPolicyToCalico}: a BaselineAdminNetworkPolicy has no priority. */
    static final double BASELINE_ORDER = 1000.0;

    private final PolicyKind kind;
    private final String noun;
    private final Map<String, String> actions;
    private final Set<String> failClosed;
    private final String portsKey;

    ClusterPolicyDialect(PolicyKind kind, String noun, Map<String, String> actions, Set<String> failClosed,
            String portsKey) {
        this.kind = kind;
        this.noun = noun;
        this.actions = actions;
        this.failClosed = failClosed;
        this.portsKey = portsKey;
    }

    static ClusterPolicyDialect of(ResourceKind kind) {
        return switch (kind) {
            case CLUSTER_NETWORK_POLICY -> CLUSTER_NETWORK_POLICY;
            case ADMIN_NETWORK_POLICY -> ADMIN_NETWORK_POLICY;
            case BASELINE_ADMIN_NETWORK_POLICY -> BASELINE_ADMIN_NETWORK_POLICY;
            default -> throw new IllegalArgumentException(kind + " is not a cluster-wide Kubernetes policy kind");
        };
    }

    PolicyKind kind() {
        return kind;
    }

    /** The key of a rule's port list: {@code protocols} in v1alpha2, {@code ports} in v1alpha1. */
    String portsKey() {
        return portsKey;
    }

    /**
     * {@code clusterNetworkPolicyTier}: Admin or Baseline, anything else leaves the policy out (Calico logs
     * "Skipping malformed cluster network policy" and removes it); fixed for the v1alpha1 kinds.
     */
    String tier(Fields f, JsonNode spec) throws ResourceFormatException {
        return switch (this) {
            case ADMIN_NETWORK_POLICY -> ADMIN_NETWORK_POLICY_TIER;
            case BASELINE_ADMIN_NETWORK_POLICY -> BASELINE_ADMIN_NETWORK_POLICY_TIER;
            case CLUSTER_NETWORK_POLICY -> {
                String tier = f.text(spec, "tier", "spec.tier");
                if ("Admin".equals(tier)) {
                    yield KUBE_ADMIN_TIER;
                }
                if ("Baseline".equals(tier)) {
                    yield KUBE_BASELINE_TIER;
                }
                throw f.problem("spec.tier", "expected Admin or Baseline, got "
                        + (tier == null ? "nothing" : Quoted.of(tier)) + "; Calico leaves the policy out");
            }
        };
    }

    /** {@code spec.priority} (0 when absent, as Go reads it); a BaselineAdminNetworkPolicy's fixed order. */
    double order(Fields f, JsonNode spec) throws ResourceFormatException {
        if (this == BASELINE_ADMIN_NETWORK_POLICY) {
            return BASELINE_ORDER;
        }
        Integer priority = f.integer(spec, "priority", "spec.priority");
        return priority == null ? 0 : priority;
    }

    /** The Calico action of a rule's action, or null when Calico cannot convert it. */
    String calicoAction(String action) {
        return action == null ? null : actions.get(action);
    }

    /** {@code K8s…ActionToCalico}'s error, for a warning. */
    String unsupportedAction(String action) {
        return "unsupported " + noun + " action " + (action == null ? "(none)" : Quoted.of(action));
    }

    /**
     * {@code k8sClusterNetPolHandleFailedRules}, {@code k8sANPHandleFailedRules}, {@code k8sBANPHandleFailedRules}:
     * whether a rule Calico cannot convert is replaced by a deny-all rule (else it is dropped).
     */
    boolean failsClosed(String action) {
        return action != null && failClosed.contains(action);
    }
}
