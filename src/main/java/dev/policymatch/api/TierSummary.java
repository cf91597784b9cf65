package dev.policymatch.api;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One tier of a direction's normal stage: its {@code order} (as {@link PolicyOrder} writes it; null when it has
 * none), {@code defaultAction}, how many enforced {@code policies} and {@code stagedPolicies} of it govern the
 * direction for the endpoint (the staged count is null when there are none), and {@code endOfTier}, what
 * happens there to traffic none of them decided: {@code Deny}, {@code Pass} (on to the next tier), or
 * {@code None} when the tier has staged policies only and Felix renders no end-of-tier action.
 */
public class TierSummary {

    public static final String END_DENY = "Deny";
    public static final String END_PASS = "Pass";
    public static final String END_NONE = "None";

    private String name;
    private BigDecimal order;
    private String defaultAction;
    private Integer policies;
    private Integer stagedPolicies;
    private String endOfTier;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = SharedStrings.of(name);
    }

    public BigDecimal getOrder() {
        return order;
    }

    public void setOrder(BigDecimal order) {
        this.order = PolicyOrder.decimal(order);
    }

    /** The model's {@code Double} tier order, as {@link PolicyOrder#decimal(Double)} writes it. */
    public void setOrderValue(Double order) {
        this.order = PolicyOrder.decimal(order);
    }

    public String getDefaultAction() {
        return defaultAction;
    }

    public void setDefaultAction(String defaultAction) {
        this.defaultAction = SharedStrings.of(defaultAction);
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
                && Objects.equals(order, other.order)
                && Objects.equals(defaultAction, other.defaultAction)
                && Objects.equals(policies, other.policies)
                && Objects.equals(stagedPolicies, other.stagedPolicies)
                && Objects.equals(endOfTier, other.endOfTier);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, order, defaultAction, policies, stagedPolicies, endOfTier);
    }

    @Override
    public String toString() {
        return "TierSummary{name=" + name + ", order=" + order + ", defaultAction=" + defaultAction + ", policies="
                + policies + ", stagedPolicies=" + stagedPolicies + ", endOfTier=" + endOfTier + "}";
    }
}
