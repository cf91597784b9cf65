package dev.policymatch.api;

import java.util.Objects;

/**
 * A rule of some policy whose source or destination selector matches the endpoint, as calicoq's
 * "Policies that match endpoint in rules" lists them. The policy is named by its own name, {@code kind} and
 * {@code namespace}; {@code staged} is true for a staged policy's rule (left out otherwise).
 */
public class ReportedRuleMatch {

    private String policy;
    private String kind;
    private String namespace;
    private Boolean staged;
    /** {@code inbound} or {@code outbound}, calicoq's words for ingress and egress rules. */
    private String direction;
    /** The rule's number within its direction, from 1, as calicoq prints it. */
    private Integer rule;
    /** {@code source} or {@code destination}. */
    private String side;
    /** The rule's selector as written; null when the side selects through its namespace or service accounts. */
    private String selector;
    /** What Calico evaluates, as libcalico-go's {@code rules.go} spells it and calicoq prints it. */
    private String effectiveSelector;

    public ReportedRuleMatch() {
    }

    public ReportedRuleMatch(String policy, String kind, String namespace, Boolean staged, String direction,
            Integer rule, String side, String selector, String effectiveSelector) {
        this.policy = SharedStrings.of(policy);
        this.kind = SharedStrings.of(kind);
        this.namespace = SharedStrings.of(namespace);
        this.staged = staged;
        this.direction = SharedStrings.of(direction);
        this.rule = rule;
        this.side = SharedStrings.of(side);
        this.selector = SharedStrings.of(selector);
        this.effectiveSelector = SharedStrings.of(effectiveSelector);
    }

    public String getPolicy() {
        return policy;
    }

    public void setPolicy(String policy) {
        this.policy = SharedStrings.of(policy);
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = SharedStrings.of(kind);
    }

    public String getNamespace() {
        return namespace;
    }

    public void setNamespace(String namespace) {
        this.namespace = SharedStrings.of(namespace);
    }

    public Boolean getStaged() {
        return staged;
    }

    public void setStaged(Boolean staged) {
        this.staged = staged;
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

    public String getEffectiveSelector() {
        return effectiveSelector;
    }

    public void setEffectiveSelector(String effectiveSelector) {
        this.effectiveSelector = SharedStrings.of(effectiveSelector);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReportedRuleMatch other
                && Objects.equals(policy, other.policy)
                && Objects.equals(kind, other.kind)
                && Objects.equals(namespace, other.namespace)
                && Objects.equals(staged, other.staged)
                && Objects.equals(direction, other.direction)
                && Objects.equals(rule, other.rule)
                && Objects.equals(side, other.side)
                && Objects.equals(selector, other.selector)
                && Objects.equals(effectiveSelector, other.effectiveSelector);
    }

    @Override
    public int hashCode() {
        return Objects.hash(policy, kind, namespace, staged, direction, rule, side, selector, effectiveSelector);
    }

    @Override
    public String toString() {
        return "ReportedRuleMatch{policy=" + policy + ", kind=" + kind + ", namespace=" + namespace + ", staged="
                + staged + ", direction=" + direction + ", rule=" + rule + ", side=" + side + ", selector=" + selector
                + ", effectiveSelector=" + effectiveSelector + "}";
    }
}
