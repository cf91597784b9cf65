package dev.policymatch.api;

import java.util.Objects;

/**
 * One rule whose selector names the endpoint ({@link ReportedRuleMatch} says which selector): the policy by its
 * own name, {@code kind} and {@code namespace} (null for a global one), {@code staged} true for a staged policy's
 * rule (left out otherwise), and the rule's number within its direction, from 1, as calicoq prints it.
 */
public class MatchingRule {

    private String policy;
    private String kind;
    private String namespace;
    private Boolean staged;
    private Integer rule;

    public MatchingRule() {
    }

    public MatchingRule(String policy, String kind, String namespace, Boolean staged, Integer rule) {
        setPolicy(policy);
        setKind(kind);
        setNamespace(namespace);
        setStaged(staged);
        this.rule = rule;
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

    /** False is kept as null, so that only a staged policy's rule says so. */
    public void setStaged(Boolean staged) {
        this.staged = Boolean.TRUE.equals(staged) ? Boolean.TRUE : null;
    }

    public Integer getRule() {
        return rule;
    }

    public void setRule(Integer rule) {
        this.rule = rule;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MatchingRule other
                && Objects.equals(policy, other.policy)
                && Objects.equals(kind, other.kind)
                && Objects.equals(namespace, other.namespace)
                && Objects.equals(staged, other.staged)
                && Objects.equals(rule, other.rule);
    }

    @Override
    public int hashCode() {
        return Objects.hash(policy, kind, namespace, staged, rule);
    }

    @Override
    public String toString() {
        return "MatchingRule{policy=" + policy + ", kind=" + kind + ", namespace=" + namespace + ", staged=" + staged
                + ", rule=" + rule + "}";
    }
}
