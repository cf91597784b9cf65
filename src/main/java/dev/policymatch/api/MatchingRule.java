package dev.policymatch.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Objects;

/**
 * One rule whose selector names the endpoint: the {@code policy} by its own name (its kind and namespace are
 * those of its {@link ReportedRuleMatch}) and the rule's number within its direction, from 1, as calicoq prints it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public class MatchingRule {

    private String policy;
    private Integer rule;

    public MatchingRule() {
    }

    public MatchingRule(String policy, Integer rule) {
        setPolicy(policy);
        this.rule = rule;
    }

    public String getPolicy() {
        return policy;
    }

    public void setPolicy(String policy) {
        this.policy = SharedStrings.of(policy);
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
                && Objects.equals(rule, other.rule);
    }

    @Override
    public int hashCode() {
        return Objects.hash(policy, rule);
    }

    @Override
    public String toString() {
        return "MatchingRule{policy=" + policy + ", rule=" + rule + "}";
    }
}
