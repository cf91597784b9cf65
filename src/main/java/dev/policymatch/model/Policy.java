package dev.policymatch.model;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A Calico GlobalNetworkPolicy ({@code namespace == null}) or NetworkPolicy (namespaced). One record
 * for both because matching, ordering and rendering treat them alike except for the namespace scope.
 * Selectors are kept as written; {@code order} is null when absent.
 */
public record Policy(
        String name,
        String namespace,
        String tier,
        Double order,
        String selector,
        Set<PolicyType> types,
        List<Rule> ingress,
        List<Rule> egress,
        boolean doNotTrack,
        boolean preDNAT,
        boolean applyOnForward,
        String namespaceSelector,
        String serviceAccountSelector) implements CalicoObject {

    public Policy {
        tier = tier == null || tier.isEmpty() ? Tier.DEFAULT : tier;
        ingress = Frozen.list(ingress);
        egress = Frozen.list(egress);
        types = Collections.unmodifiableSet(EnumSet.copyOf(
                types == null || types.isEmpty() ? defaultTypes(ingress, egress) : types));
    }

    /**
     * Calico's defaulting when {@code types} is not given: Ingress when there are no egress rules,
     * Egress when there are only egress rules, both when there are both.
     */
    static Set<PolicyType> defaultTypes(List<Rule> ingress, List<Rule> egress) {
        if (egress.isEmpty()) {
            return EnumSet.of(PolicyType.INGRESS);
        }
        return ingress.isEmpty() ? EnumSet.of(PolicyType.EGRESS) : EnumSet.of(PolicyType.INGRESS, PolicyType.EGRESS);
    }

    @Override
    public Family family() {
        return Family.POLICY;
    }

    public boolean isNamespaced() {
        return namespace != null;
    }

    /** {@code <namespace>/<name>} for a NetworkPolicy, the name for a global one, as calicoq prints it. */
    public String qualifiedName() {
        return namespace == null ? name : namespace + "/" + name;
    }

    public PolicyKind kind() {
        return namespace == null ? PolicyKind.GLOBAL_NETWORK_POLICY : PolicyKind.NETWORK_POLICY;
    }
}
