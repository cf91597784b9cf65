package dev.policymatch.model;

/** Calico Tier; tiers are enforced by order (absent order last), ties by name. */
public record Tier(String name, Double order) {
    public static final String DEFAULT = "default";
}
