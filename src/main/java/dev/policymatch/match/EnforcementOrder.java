package dev.policymatch.match;

import dev.policymatch.model.Policy;
import dev.policymatch.model.Tier;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

/**
 * The order Calico enforces policies in, as calicoq lists them: untracked ({@code doNotTrack}) policies
 * first, then the rest; within each, by tier, then by policy {@code order} (absent = after every number,
 * Felix uses +Inf), ties as Felix 3.32 breaks them.
 *
 * <p>Tiers sort as Felix's {@code TierLess} ({@code felix/calc/policy_sorter.go}): valid tiers (a Tier
 * resource, or a built-in tier every cluster has, see {@link EffectiveTier}) before tiers only named by
 * policies; then by order, absent last; ties by name.
 *
 * <p>Equal orders within a tier break as Calico 3.32's {@code PolKVLess}: the strings
 * {@code <name>/<namespace>/<kind>} (own name, no {@code knp.default.} or {@code staged:} prefix) compared
 * byte by byte. Calico 3.28 to 3.31 compared the v1 names ({@code <namespace>/knp.default.<name>}, ...)
 * instead; docs/kubernetes.md lists where the two differ. The 3.32 key is unique per policy, so this is a
 * total order consistent with {@link PolicyKey} equality, which {@link MatchIndex}'s binary searches rely on.
 */
final class EnforcementOrder implements Comparator<Policy> {
    private final Map<String, Tier> tiers;
    /**
     * The tier of each name asked for, one instance per name (results share them): comparing policies of two
     * tiers is on every sort and binary search of {@link MatchIndex}. {@link #forget} a name when its tier changes.
     */
    private final Map<String, EffectiveTier> effective = new HashMap<>();

    EnforcementOrder(Map<String, Tier> tiers) {
        this.tiers = tiers;
    }

    /** The tier of {@code name} changed (read, replaced or deleted): the next {@link #tier} resolves it again. */
    void forget(String name) {
        effective.remove(name);
    }

    /** The tier a policy of that tier name is in: the resource read, else the built-in one, else none. */
    EffectiveTier tier(String name) {
        EffectiveTier known = effective.get(name);
        if (known == null) {
            known = resolve(name);
            effective.put(name, known);
        }
        return known;
    }

    private EffectiveTier resolve(String name) {
        Tier read = tiers.get(name);
        if (read != null) {
            return new EffectiveTier(read, EffectiveTier.Source.RESOURCE);
        }
        return Tier.builtIn(name).map(builtIn -> new EffectiveTier(builtIn, EffectiveTier.Source.BUILT_IN))
                .orElseGet(() -> EffectiveTier.missing(name));
    }

    @Override
    public int compare(Policy a, Policy b) {
        if (a.doNotTrack() != b.doNotTrack()) {
            return a.doNotTrack() ? -1 : 1;
        }
        if (!a.tier().equals(b.tier())) {
            int byTier = compareTiers(a.tier(), b.tier());
            if (byTier != 0) {
                return byTier;
            }
        }
        int byOrder = Double.compare(orderOf(a.order()), orderOf(b.order()));
        if (byOrder != 0) {
            return byOrder;
        }
        int byKey = compareTieKeys(a, b);
        // Only names holding '/', which Kubernetes refuses, can give two policies the same tie key.
        return byKey != 0 ? byKey : PolicyKey.of(a).compareTo(PolicyKey.of(b));
    }

    int compareTiers(String a, String b) {
        return EffectiveTier.FELIX_ORDER.compare(tier(a), tier(b));
    }

    /**
     * {@code "<name>/<namespace>/<kind>"} of two policies compared as Go compares the strings, without
     * building them: this runs in every binary search of {@link MatchIndex}.
     */
    static int compareTieKeys(Policy a, Policy b) {
        int lengthA = tieKeyLength(a);
        int lengthB = tieKeyLength(b);
        int common = Math.min(lengthA, lengthB);
        for (int i = 0; i < common; i++) {
            char charA = tieKeyChar(a, i);
            char charB = tieKeyChar(b, i);
            if (charA != charB) {
                return charA - charB;
            }
        }
        return lengthA - lengthB;
    }

    private static int tieKeyLength(Policy policy) {
        String namespace = policy.namespace();
        return policy.name().length() + 2 + (namespace == null ? 0 : namespace.length())
                + policy.kind().kindName().length();
    }

    private static char tieKeyChar(Policy policy, int index) {
        String name = policy.name();
        if (index < name.length()) {
            return name.charAt(index);
        }
        int at = index - name.length();
        if (at == 0) {
            return '/';
        }
        at--;
        String namespace = policy.namespace() == null ? "" : policy.namespace();
        if (at < namespace.length()) {
            return namespace.charAt(at);
        }
        at -= namespace.length();
        return at == 0 ? '/' : policy.kind().kindName().charAt(at - 1);
    }

    private static double orderOf(Double order) {
        return order == null ? Double.POSITIVE_INFINITY : order;
    }
}
