package dev.policymatch.match;

import dev.policymatch.model.EntityMatch;
import dev.policymatch.model.Policy;
import dev.policymatch.model.Rule;
import dev.policymatch.selector.Selector;
import dev.policymatch.selector.SelectorParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A policy with the selectors Calico really evaluates, built the way libcalico-go's update processors
 * ({@code networkpolicyprocessor.go}, {@code globalnetworkpolicyprocessor.go}, {@code rules.go}) turn a v3
 * policy into the v1 model Felix and calicoq work on.
 *
 * <p>Two compiled policies are equal when their policies are: everything else here is a function of
 * the policy. That keeps comparing match results as cheap as comparing the policies they hold, and
 * {@link #hashCode()} reads only the key (equal policies have equal keys), not the whole policy.
 *
 * @param selector     the policy's effective selector: which endpoints it applies to
 * @param ruleMatchers every rule side with an effective selector and every notSelector, in rule-match order (inbound before outbound, rule
 *                     number, then side); each is the {@link RuleMatch} reported for an endpoint it matches
 */
public record CompiledPolicy(PolicyKey key, Policy policy, Selector selector, List<RuleMatch> ruleMatchers) {

    public CompiledPolicy {
        ruleMatchers = List.copyOf(ruleMatchers);
    }

    /**
     * The policy's {@code selector} as written, {@code all()} when it has none: Calico defaults an empty
     * selector to {@code all()} (as calicoq prints it), so every rendering of a policy shows this.
     */
    public String writtenSelector() {
        return SelectorParts.present(policy.selector()) ? policy.selector() : Selector.ALL.toString();
    }

    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof CompiledPolicy compiled && policy.equals(compiled.policy);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    /**
     * Compiles a policy: its {@link SelectorParts} folded, for the policy and for every rule side.
     *
     * @throws InvalidPolicyException when a selector does not parse; the message says which one and why
     */
    public static CompiledPolicy compile(Policy policy) {
        List<SelectorParts.Part> parts = SelectorParts.ofPolicy(policy);
        Selector selector = SelectorParts.foldPolicy(parts);
        // A namespaced policy's rules are scoped to the namespace its selector is: parsed once for both.
        Selector namespace = parts.stream().filter(part -> part.role() == SelectorParts.Role.NAMESPACE)
                .map(SelectorParts.Part::effective).findFirst().orElse(null);
        List<RuleMatch> matchers = new ArrayList<>();
        addRules(policy, Direction.INBOUND, policy.ingress(), namespace, matchers);
        addRules(policy, Direction.OUTBOUND, policy.egress(), namespace, matchers);
        return new CompiledPolicy(PolicyKey.of(policy), policy, selector, matchers);
    }

    /** The parts of the policy's effective selector ({@code calicoq explain}). */
    public static List<SelectorParts.Part> parts(Policy policy) {
        return SelectorParts.ofPolicy(policy);
    }

    /** The parts of one rule side's effective selector; empty when it selects no endpoint by label. */
    public static List<SelectorParts.Part> ruleParts(Policy policy, Direction direction, int rule, RuleSide side) {
        return SelectorParts.ofRuleSide(policy, direction, rule, side);
    }

    private static void addRules(Policy policy, Direction direction, List<Rule> rules, Selector namespace,
            List<RuleMatch> out) {
        for (int i = 0; i < rules.size(); i++) {
            int number = i + 1;
            String where = SelectorParts.ruleWhere(direction, number);
            Rule rule = rules.get(i);
            addSide(policy, direction, number, RuleSide.SOURCE, where + "source", rule.source(), namespace, out);
            addSide(policy, direction, number, RuleSide.DESTINATION, where + "destination", rule.destination(),
                    namespace, out);
            addNot(policy, direction, number, RuleSide.NOT_SOURCE, where + "source", rule.source(), out);
            addNot(policy, direction, number, RuleSide.NOT_DESTINATION, where + "destination", rule.destination(),
                    out);
        }
    }

    /** A rule side matches through its effective selector whenever Calico builds a non-empty one. */
    private static void addSide(Policy policy, Direction direction, int number, RuleSide side, String where,
            EntityMatch entity, Selector namespace, List<RuleMatch> out) {
        String effective = SelectorParts.foldRule(SelectorParts.entity(where, entity, policy.namespace(), namespace));
        if (!effective.isEmpty()) {
            out.add(new RuleMatch(policy, direction, number, side, blankToNull(entity.selector()), effective,
                    SelectorParts.parse(where + " effective selector", effective)));
        }
    }

    private static void addNot(Policy policy, Direction direction, int number, RuleSide side, String where,
            EntityMatch entity, List<RuleMatch> out) {
        for (SelectorParts.Part not : SelectorParts.notSelector(where, entity)) {
            out.add(new RuleMatch(policy, direction, number, side, not.asWritten(), not.text(), not.effective()));
        }
    }

    /**
     * The effective {@code selector} of a rule side, the string libcalico-go's {@code rules.go} builds and
     * calicoq prints (see {@link SelectorParts#foldRule}); empty when the side selects no endpoints by label.
     */
    static String entitySelector(String where, EntityMatch entity, String policyNamespace) {
        return SelectorParts.foldRule(SelectorParts.entity(where, entity, policyNamespace, null));
    }

    private static String blankToNull(String selector) {
        return SelectorParts.present(selector) ? selector : null;
    }

    /** A policy with a selector that does not parse; it takes no part in matching. */
    public static final class InvalidPolicyException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        InvalidPolicyException(String message, SelectorParseException cause) {
            super(message, cause);
        }
    }
}
