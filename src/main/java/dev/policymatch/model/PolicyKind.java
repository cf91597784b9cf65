package dev.policymatch.model;

import static dev.policymatch.model.CalicoVocabulary.ADMIN_NETWORK_POLICY_NAME_PREFIX;
import static dev.policymatch.model.CalicoVocabulary.BASELINE_ADMIN_NETWORK_POLICY_NAME_PREFIX;
import static dev.policymatch.model.CalicoVocabulary.CLUSTER_NETWORK_POLICY_NAME_PREFIX;
import static dev.policymatch.model.CalicoVocabulary.KUBERNETES_POLICY_NAME_PREFIX;
import static dev.policymatch.model.CalicoVocabulary.STAGED_POLICY_NAME_PREFIX;

/**
 * The kinds of policy Felix receives, by the names of Calico 3.32's policy model kinds
 * ({@code libcalico-go/lib/backend/model/policy.go} {@code KindIsStaged} and the kinds of {@code PolicyKey}; the
 * two admin kinds are those of v3.31's {@code model/kubeadminnetworkpolicy.go}). Each also knows the name Felix
 * gave its policies up to Calico 3.31 ({@code knp.default.<name>}, {@code staged:<name>}, …), which calicoq's
 * text prints and which tells policies of different kinds with the same own name apart.
 */
public enum PolicyKind {
    GLOBAL_NETWORK_POLICY("GlobalNetworkPolicy", false, false, ""),
    NETWORK_POLICY("NetworkPolicy", true, false, ""),
    KUBERNETES_NETWORK_POLICY("KubernetesNetworkPolicy", true, false, KUBERNETES_POLICY_NAME_PREFIX),
    STAGED_GLOBAL_NETWORK_POLICY("StagedGlobalNetworkPolicy", false, true, STAGED_POLICY_NAME_PREFIX),
    STAGED_NETWORK_POLICY("StagedNetworkPolicy", true, true, STAGED_POLICY_NAME_PREFIX),
    STAGED_KUBERNETES_NETWORK_POLICY("StagedKubernetesNetworkPolicy", true, true,
            STAGED_POLICY_NAME_PREFIX + KUBERNETES_POLICY_NAME_PREFIX),
    KUBERNETES_CLUSTER_NETWORK_POLICY("KubernetesClusterNetworkPolicy", false, false,
            CLUSTER_NETWORK_POLICY_NAME_PREFIX),
    KUBERNETES_ADMIN_NETWORK_POLICY("KubernetesAdminNetworkPolicy", false, false, ADMIN_NETWORK_POLICY_NAME_PREFIX),
    KUBERNETES_BASELINE_ADMIN_NETWORK_POLICY("KubernetesBaselineAdminNetworkPolicy", false, false,
            BASELINE_ADMIN_NETWORK_POLICY_NAME_PREFIX);

    private final String kindName;
    private final boolean namespaced;
    private final boolean staged;
    private final String legacyNamePrefix;

    PolicyKind(String kindName, boolean namespaced, boolean staged, String legacyNamePrefix) {
        this.kindName = kindName;
        this.namespaced = namespaced;
        this.staged = staged;
        this.legacyNamePrefix = legacyNamePrefix;
    }

    public String kindName() {
        return kindName;
    }

    /** Whether its policies live in a namespace. */
    public boolean namespaced() {
        return namespaced;
    }

    /** Whether its policies are staged: listed where they would act, never enforced. */
    public boolean staged() {
        return staged;
    }

    /** The name Felix gave a policy of this kind up to Calico 3.31, without the namespace. */
    public String legacyName(String name) {
        return legacyNamePrefix + name;
    }
}
