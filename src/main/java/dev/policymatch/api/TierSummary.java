package dev.policymatch.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Objects;

/**
 * One tier of a direction's normal stage, by {@code name} ({@code status.tiers} gives its order and default
 * action, {@link ReportedTier}): how many enforced {@code policies} and {@code stagedPolicies} of it govern the
 * direction for the endpoint (the staged count is null when there are none), and {@code endOfTier}, what
 * happens there to traffic none of them decided: {@code Deny}, {@code Pass} (on to the next tier), or
 * {@code None} when the tier has staged policies only and Felix renders no end-of-tier action.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public class TierSummary {

    public static final String END_DENY = "Deny";
    public static final String END_PASS = "Pass";
    public static final String END_NONE = "None";

    private String name;
    private Integer policies;
    private Integer stagedPolicies;
    private String endOfTier;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = SharedStrings.of(name);
    }

    public Integer getPolicies() {
        return policies;
    }

    public void setPolicies(Integer policies) {
        this.policies = policies;
    }

    public Integer getStagedPolicies() {
        return stagedPolicies;
    }

    /** Zero is kept as null, so that a tier without staged policies has no such field. */
    public void setStagedPolicies(Integer stagedPolicies) {
        this.stagedPolicies = stagedPolicies == null || stagedPolicies == 0 ? null : stagedPolicies;
    }

    public String getEndOfTier() {
        return endOfTier;
    }

    public void setEndOfTier(String endOfTier) {
        this.endOfTier = SharedStrings.of(endOfTier);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TierSummary other
                && Objects.equals(name, other.name)
                && Objects.equals(policies, other.policies)
                && Objects.equals(stagedPolicies, other.stagedPolicies)
                && Objects.equals(endOfTier, other.endOfTier);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, policies, stagedPolicies, endOfTier);
    }

    @Override
    public String toString() {
        return "TierSummary{name=" + name + ", policies=" + policies + ", stagedPolicies=" + stagedPolicies + ", endOfTier=" + endOfTier + "}";
    }
}
