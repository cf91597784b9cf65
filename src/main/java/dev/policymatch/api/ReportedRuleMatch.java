package dev.policymatch.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Rules of policies whose source or destination selector matches the endpoint, as calicoq's "Policies that
 * match endpoint in rules" lists them, grouped by what they match with: the {@code direction}, the
 * {@code side}, the {@code selector} as written and the {@code effectiveSelector} are stated once for all
 * the {@code rules} that share them. Many policies name an endpoint through the same peer selector (every
 * NetworkPolicy of a namespace that allows {@code role == 'db'}), so grouping by it keeps each selector once
 * per report. Each entry of {@code rules} is one rule match.
 */
public class ReportedRuleMatch {

    /** {@code inbound} or {@code outbound}, calicoq's words for ingress and egress rules. */
    private String direction;
    /** {@code source} or {@code destination}. */
    private String side;
    /** The rules' selector as written; null when the side selects through its namespace or service accounts. */
    private String selector;
    /**
     * What Calico evaluates, as libcalico-go's {@code rules.go} spells it and calicoq prints it; null (left out)
     * when it is {@link #selector} as written.
     */
    private String effectiveSelector;
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    private List<MatchingRule> rules = new ArrayList<>();

    public ReportedRuleMatch() {
    }

    /** {@code effectiveSelector} equal to {@code selector} is kept as null, so that it is stated once. */
    public ReportedRuleMatch(String direction, String side, String selector, String effectiveSelector,
            List<MatchingRule> rules) {
        setDirection(direction);
        setSide(side);
        setSelector(selector);
        setEffectiveSelector(Objects.equals(selector, effectiveSelector) ? null : effectiveSelector);
        setRules(rules);
    }

    public String getDirection() {
        return direction;
    }

    public void setDirection(String direction) {
        this.direction = SharedStrings.of(direction);
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

    public List<MatchingRule> getRules() {
        return rules;
    }

    public void setRules(List<MatchingRule> rules) {
        this.rules = rules == null ? new ArrayList<>() : new ArrayList<>(rules);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReportedRuleMatch other
                && Objects.equals(direction, other.direction)
                && Objects.equals(side, other.side)
                && Objects.equals(selector, other.selector)
                && Objects.equals(effectiveSelector, other.effectiveSelector)
                && Objects.equals(rules, other.rules);
    }

    @Override
    public int hashCode() {
        return Objects.hash(direction, side, selector, effectiveSelector, rules);
    }

    @Override
    public String toString() {
        return "ReportedRuleMatch{direction=" + direction + ", side=" + side + ", selector=" + selector
                + ", effectiveSelector=" + effectiveSelector + ", rules=" + rules + "}";
    }
}
