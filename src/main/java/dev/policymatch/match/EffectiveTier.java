package dev.policymatch.match;

import dev.policymatch.model.DefaultAction;
import dev.policymatch.model.Tier;
import java.util.Comparator;

/**
 * A tier as Felix sees it when ordering and ending policies: the Tier resource read, else the built-in tier
 * of that name ({@link Tier#BUILT_IN}), else a tier only named by policies. Felix keeps such a tier but marks
 * it invalid ({@code felix/calc/policy_resolver.go} "Tier %v invalid, skipping" only logs), sorts it after
 * every valid tier ({@code policy_sorter.go} {@code TierLess}) and, its default action being unset, denies at
 * its end.
 */
public record EffectiveTier(Tier tier, Source source) {

    /**
     * Felix's {@code TierLess} ({@code felix/calc/policy_sorter.go}): valid tiers before those only named by
     * policies, then by order (none last), then by name.
     */
    public static final Comparator<EffectiveTier> FELIX_ORDER = Comparator
            .comparing((EffectiveTier tier) -> !tier.valid())
            .thenComparingDouble(tier -> tier.order() == null ? Double.POSITIVE_INFINITY : tier.order())
            .thenComparing(EffectiveTier::name);

    /** Where the tier's order and default action come from. */
    public enum Source {
        /** A Tier resource was read. */
        RESOURCE("resource"),
        /** No Tier resource was read; Calico creates this one in every cluster. */
        BUILT_IN("built-in"),
        /** No Tier resource: Felix sorts the tier after every other and denies at its end. */
        NONE("none");

        private final String label;

        Source(String label) {
            this.label = label;
        }

        /** As the JSON/YAML documents and the report write it. */
        public String label() {
            return label;
        }
    }

    static EffectiveTier missing(String name) {
        return new EffectiveTier(new Tier(name, null, DefaultAction.DENY), Source.NONE);
    }

    public String name() {
        return tier.name();
    }

    /** Null when the tier has no order (it sorts after every ordered tier). */
    public Double order() {
        return tier.order();
    }

    public DefaultAction defaultAction() {
        return tier.defaultAction();
    }

    /** Felix's {@code Valid}: a Tier resource or a built-in tier stands behind it. */
    public boolean valid() {
        return source != Source.NONE;
    }
}
