package dev.policymatch.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Rules of policies whose source or destination selector matches the endpoint, as calicoq's "Policies that
 * match endpoint in rules" lists them, grouped by what they have in common: the {@code direction}, the
 * {@code side}, the {@code selector} as written, the {@code effectiveSelector}, and the policies' {@code kind}
 * and {@code namespace} are stated once for all the {@code rules} that share them. Many policies name an
 * endpoint through the same peer selector (every NetworkPolicy of a namespace that allows {@code role == 'db'}),
 * so grouping by it keeps each selector and kind once per report. Each entry of {@code rules} is one rule match.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
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
    /** The policies' kind, as Calico 3.32 names it. */
    private String kind;
    /** The policies' namespace; null for global ones. */
    private String namespace;
    /** True for the rules of staged policies (never enforced); left out otherwise. */
    private Boolean staged;
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    private List<MatchingRule> rules = new ArrayList<>();

    public ReportedRuleMatch() {
    }

    /** What all the rules share, the group's key: direction, side, selectors and the policies' kind and namespace. */
    public record Key(String direction, String side, String selector, String effectiveSelector, String kind,
            String namespace, boolean staged) {
    }

    /** An {@code effectiveSelector} equal to the selector is kept as null, so that it is stated once. */
    public ReportedRuleMatch(Key key, List<MatchingRule> rules) {
        setDirection(key.direction());
        setSide(key.side());
        setSelector(key.selector());
        setEffectiveSelector(Objects.equals(key.selector(), key.effectiveSelector()) ? null : key.effectiveSelector());
        setKind(key.kind());
        setNamespace(key.namespace());
        setStaged(key.staged());
        setRules(rules);
    }

    /** The same group with other rules (for a cut). */
    public ReportedRuleMatch withRules(List<MatchingRule> rules) {
        ReportedRuleMatch copy = new ReportedRuleMatch();
        copy.direction = direction;
        copy.side = side;
        copy.selector = selector;
        copy.effectiveSelector = effectiveSelector;
        copy.kind = kind;
        copy.namespace = namespace;
        copy.staged = staged;
        copy.setRules(rules);
        return copy;
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

    /** False is kept as null, so that only staged policies' rules say so. */
    public void setStaged(Boolean staged) {
        this.staged = Boolean.TRUE.equals(staged) ? Boolean.TRUE : null;
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
                && Objects.equals(kind, other.kind)
                && Objects.equals(namespace, other.namespace)
                && Objects.equals(staged, other.staged)
                && Objects.equals(rules, other.rules);
    }

    @Override
    public int hashCode() {
        return Objects.hash(direction, side, selector, effectiveSelector, kind, namespace, staged, rules);
    }

    @Override
    public String toString() {
        return "ReportedRuleMatch{direction=" + direction + ", side=" + side + ", selector=" + selector
                + ", effectiveSelector=" + effectiveSelector + ", kind=" + kind + ", namespace=" + namespace
                + ", staged=" + staged + ", rules=" + rules + "}";
    }
}
