package dev.policymatch.match;

import dev.policymatch.model.Policy;
import dev.policymatch.model.Tier;
import java.util.Comparator;
import java.util.Map;

/**
 * The order Calico enforces policies in, as calicoq lists them: untracked ({@code doNotTrack}) policies
 * first, then the rest; within each, by tier, then by policy {@code order} (absent = after every number,
 * Felix uses +Inf), ties by qualified name.
 *
 * <p>Tiers sort as Felix's {@code TierLess} ({@code felix/calc/policy_sorter.go}): tiers that exist (have a
 * Tier resource) before tiers only named by policies; then by order, absent last; ties by name. The
 * {@code default} tier always exists in Calico, created with order 1,000,000
 * ({@code v3.DefaultTierOrder}); without a Tier resource for it, that is the order used.
 */
final class EnforcementOrder implements Comparator<Policy> {
    static final double DEFAULT_TIER_ORDER = 1_000_000d;

    private final Map<String, Tier> tiers;

    EnforcementOrder(Map<String, Tier> tiers) {
        this.tiers = tiers;
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
        return a.qualifiedName().compareTo(b.qualifiedName());
    }

    int compareTiers(String a, String b) {
        boolean aExists = exists(a);
        boolean bExists = exists(b);
        if (aExists != bExists) {
            return aExists ? -1 : 1;
        }
        int byOrder = Double.compare(tierOrder(a), tierOrder(b));
        return byOrder != 0 ? byOrder : a.compareTo(b);
    }

    private boolean exists(String tier) {
        return tiers.containsKey(tier) || tier.equals(Tier.DEFAULT);
    }

    private double tierOrder(String name) {
        Tier tier = tiers.get(name);
        if (tier == null) {
            return name.equals(Tier.DEFAULT) ? DEFAULT_TIER_ORDER : Double.POSITIVE_INFINITY;
        }
        return orderOf(tier.order());
    }

    private static double orderOf(Double order) {
        return order == null ? Double.POSITIVE_INFINITY : order;
    }
}
