package dev.policymatch.api;

import java.util.Objects;

/**
 * A rule of some policy whose source or destination selector matches the endpoint, as calicoq's
 * "Policies that match endpoint in rules" lists them.
 */
public class ReportedRuleMatch {

    private String policy;
    /** {@code inbound} or {@code outbound}, calicoq's words for ingress and egress rules. */
    private String direction;
    /** The rule's number within its direction, from 1, as calicoq prints it. */
    private Integer rule;
    /** {@code source} or {@code destination}. */
    private String side;
    private String selector;

    public ReportedRuleMatch() {
    }

    public ReportedRuleMatch(String policy, String direction, Integer rule, String side, String selector) {
        this.policy = SharedStrings.of(policy);
        this.direction = SharedStrings.of(direction);
        this.rule = rule;
        this.side = SharedStrings.of(side);
        this.selector = SharedStrings.of(selector);
    }

    public String getPolicy() {
        return policy;
    }

    public void setPolicy(String policy) {
        this.policy = SharedStrings.of(policy);
    }

    public String getDirection() {
        return direction;
    }

    public void setDirection(String direction) {
        this.direction = SharedStrings.of(direction);
    }

    public Integer getRule() {
        return rule;
    }

    public void setRule(Integer rule) {
        this.rule = rule;
    }

    public String getSide() {
        return side;
    }

    public void setSide(String side) {
        this.side = SharedStrings.of(side);
    }

    public String getSelector() {
        return selector;
    }

    public void setSelector(String selector) {
        this.selector = SharedStrings.of(selector);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReportedRuleMatch other
                && Objects.equals(policy, other.policy)
                && Objects.equals(direction, other.direction)
                && Objects.equals(rule, other.rule)
                && Objects.equals(side, other.side)
                && Objects.equals(selector, other.selector);
    }

    @Override
    public int hashCode() {
        return Objects.hash(policy, direction, rule, side, selector);
    }

    @Override
    public String toString() {
        return "ReportedRuleMatch{policy=" + policy + ", direction=" + direction + ", rule=" + rule
                + ", side=" + side + ", selector=" + selector + "}";
    }
}
