package dev.policymatch.api;

import java.util.Objects;

/**
 * How many entries of each list a report left out to stay under its size budget; null where none
 * were. The lists keep their first entries, so {@code status.counts} (the totals) minus these are
 * the entries shown.
 */
public class ReportOmissions {

    private Integer ruleMatches;
    private Integer labels;
    private Integer policies;
    private Integer stagedPolicies;
    private Integer tiers;
    private Integer profiles;
    private Integer violations;

    public Integer getRuleMatches() {
        return ruleMatches;
    }

    public void setRuleMatches(Integer ruleMatches) {
        this.ruleMatches = ruleMatches;
    }

    public Integer getLabels() {
        return labels;
    }

    public void setLabels(Integer labels) {
        this.labels = labels;
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

    public void setStagedPolicies(Integer stagedPolicies) {
        this.stagedPolicies = stagedPolicies;
    }

    /**
     * Of the entries of {@code ingress.tiers} followed by those of {@code egress.tiers}: how many were left out,
     * from the end.
     */
    public Integer getTiers() {
        return tiers;
    }

    public void setTiers(Integer tiers) {
        this.tiers = tiers;
    }

    public Integer getProfiles() {
        return profiles;
    }

    public void setProfiles(Integer profiles) {
        this.profiles = profiles;
    }

    public Integer getViolations() {
        return violations;
    }

    public void setViolations(Integer violations) {
        this.violations = violations;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReportOmissions other
                && Objects.equals(ruleMatches, other.ruleMatches)
                && Objects.equals(labels, other.labels)
                && Objects.equals(policies, other.policies)
                && Objects.equals(stagedPolicies, other.stagedPolicies)
                && Objects.equals(tiers, other.tiers)
                && Objects.equals(profiles, other.profiles)
                && Objects.equals(violations, other.violations);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ruleMatches, labels, policies, stagedPolicies, tiers, profiles, violations);
    }

    @Override
    public String toString() {
        return "ReportOmissions{ruleMatches=" + ruleMatches + ", labels=" + labels + ", policies=" + policies
                + ", stagedPolicies=" + stagedPolicies + ", tiers=" + tiers + ", profiles=" + profiles
                + ", violations=" + violations + "}";
    }
}
