package dev.policymatch.api;

import java.util.Objects;

/**
 * Where traffic of one direction ends that no policy of the normal stage decided: {@code action} {@code Deny}
 * with the {@code tier} at whose end it is dropped, {@code Profiles} when it goes on to the endpoint's
 * profiles, or {@code Deny} without a tier when no tier drops it and the endpoint has no profile (Felix then
 * drops it after the tiers).
 */
public class UndecidedTraffic {

    public static final String DENY = "Deny";
    public static final String PROFILES = "Profiles";

    private String action;
    private String tier;

    public UndecidedTraffic() {
    }

    public UndecidedTraffic(String action, String tier) {
        this.action = SharedStrings.of(action);
        this.tier = SharedStrings.of(tier);
    }

    public String getAction() {
        return action;
    }

    public void setAction(String action) {
        this.action = SharedStrings.of(action);
    }

    /** The tier whose end drops the traffic; null unless it is a tier's end. */
    public String getTier() {
        return tier;
    }

    public void setTier(String tier) {
        this.tier = SharedStrings.of(tier);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UndecidedTraffic other
                && Objects.equals(action, other.action)
                && Objects.equals(tier, other.tier);
    }

    @Override
    public int hashCode() {
        return Objects.hash(action, tier);
    }

    @Override
    public String toString() {
        return "UndecidedTraffic{action=" + action + ", tier=" + tier + "}";
    }
}
