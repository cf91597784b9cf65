package dev.policymatch.model;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A policy as Felix receives it, of any {@link PolicyKind}: Calico's own (global or namespaced, enforced or
 * staged) and those Calico converts from Kubernetes. One record for all because matching, ordering and
 * rendering treat them alike except for the namespace scope. {@code name} is the policy's own name (a
 * Kubernetes NetworkPolicy's is {@code x}, not {@code knp.default.x}); selectors are kept as written;
 * {@code order} is null when absent; {@code stagedAction} is set exactly for the staged kinds. {@code performanceHints}
 * are kept as written, for validation only: they tune Felix's computation, not which policies apply.
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
        String serviceAccountSelector,
        PolicyKind kind,
        StagedAction stagedAction,
        List<String> performanceHints) implements CalicoObject {

    public Policy {
        if (kind.namespaced() != (namespace != null)) {
            throw new IllegalArgumentException(kind.kindName() + " " + name + ": namespace " + namespace);
        }
        if (kind.staged() != (stagedAction != null)) {
            throw new IllegalArgumentException(kind.kindName() + " " + name + ": stagedAction " + stagedAction);
        }
        tier = tier == null || tier.isEmpty() ? Tier.DEFAULT : tier;
        ingress = Frozen.list(ingress);
        egress = Frozen.list(egress);
        performanceHints = Frozen.list(performanceHints);
        types = Collections.unmodifiableSet(EnumSet.copyOf(
                types == null || types.isEmpty() ? defaultTypes(ingress, egress) : types));
    }

    /** A policy of any kind without performance hints (only Calico's own kinds can carry them). */
    public Policy(String name, String namespace, String tier, Double order, String selector, Set<PolicyType> types,
            List<Rule> ingress, List<Rule> egress, boolean doNotTrack, boolean preDNAT, boolean applyOnForward,
            String namespaceSelector, String serviceAccountSelector, PolicyKind kind, StagedAction stagedAction) {
        this(name, namespace, tier, order, selector, types, ingress, egress, doNotTrack, preDNAT, applyOnForward,
                namespaceSelector, serviceAccountSelector, kind, stagedAction, null);
    }

    /** A Calico GlobalNetworkPolicy ({@code namespace == null}) or NetworkPolicy. */
    public Policy(String name, String namespace, String tier, Double order, String selector, Set<PolicyType> types,
            List<Rule> ingress, List<Rule> egress, boolean doNotTrack, boolean preDNAT, boolean applyOnForward,
            String namespaceSelector, String serviceAccountSelector) {
        this(name, namespace, tier, order, selector, types, ingress, egress, doNotTrack, preDNAT, applyOnForward,
                namespaceSelector, serviceAccountSelector,
                namespace == null ? PolicyKind.GLOBAL_NETWORK_POLICY : PolicyKind.NETWORK_POLICY, null, null);
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

    /**
     * The name Felix gave the policy up to Calico 3.31, as calicoq prints it: {@code <namespace>/} for a namespaced
     * one, then the kind's prefix ({@code knp.default.}, {@code staged:}, {@code kcnp.}, …) and the own name.
     */
    public String legacyName() {
        String legacy = kind.legacyName(name);
        return namespace == null ? legacy : namespace + "/" + legacy;
    }

    public boolean isStaged() {
        return kind.staged();
    }
}
