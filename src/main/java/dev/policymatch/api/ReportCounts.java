package dev.policymatch.api;

import java.util.Objects;

/** The list sizes, kept as fields so that printer columns can show them. */
public class ReportCounts {

    private Integer policies;
    private Integer stagedPolicies;
    private Integer profiles;
    private Integer ruleMatches;

    public ReportCounts() {
    }

    public ReportCounts(Integer policies, Integer stagedPolicies, Integer profiles, Integer ruleMatches) {
        this.policies = policies;
        this.stagedPolicies = stagedPolicies;
        this.profiles = profiles;
        this.ruleMatches = ruleMatches;
    }

    public Integer getPolicies() {
        return policies;
    }

    public void setPolicies(Integer policies) {
        this.policies = policies;
    }

    /** The staged policies (never enforced), apart from {@link #getPolicies()}. */
    public Integer getStagedPolicies() {
        return stagedPolicies;
    }

    public void setStagedPolicies(Integer stagedPolicies) {
        this.stagedPolicies = stagedPolicies;
    }

    public Integer getProfiles() {
        return profiles;
    }

    public void setProfiles(Integer profiles) {
        this.profiles = profiles;
    }

    public Integer getRuleMatches() {
        return ruleMatches;
    }

    public void setRuleMatches(Integer ruleMatches) {
        this.ruleMatches = ruleMatches;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReportCounts other
                && Objects.equals(policies, other.policies)
                && Objects.equals(stagedPolicies, other.stagedPolicies)
                && Objects.equals(profiles, other.profiles)
                && Objects.equals(ruleMatches, other.ruleMatches);
    }

    @Override
    public int hashCode() {
        return Objects.hash(policies, stagedPolicies, profiles, ruleMatches);
    }

    @Override
    public String toString() {
        return "ReportCounts{policies=" + policies + ", stagedPolicies=" + stagedPolicies + ", profiles=" + profiles + ", ruleMatches=" + ruleMatches + "}";
    }
}
