package dev.policymatch.model;

/** Calico Tier; tiers are enforced by order (absent order last), ties by name. */
public record Tier(String name, Double order) implements CalicoObject {
    public static final String DEFAULT = "default";

    @Override
    public Family family() {
        return Family.TIER;
    }
}
