package dev.policymatch.match;

import dev.policymatch.model.Policy;
import dev.policymatch.selector.Selector;

/**
 * One selector of one policy rule that matches an endpoint: calicoq's
 * {@code Policy "<name>" <direction> rule <n> <side> match; selector "<selector>"}.
 *
 * @param ruleNumber        1-based within its direction
 * @param selector          the selector as written in the rule ({@code selector} or {@code notSelector})
 * @param effectiveSelector what Calico actually evaluates: for {@code selector}, scoped to the policy's
 *                          namespace or to the rule's {@code namespaceSelector}, and ANDed with the rule's
 *                          {@code serviceAccounts}; for {@code notSelector}, the selector itself
 */
public record RuleMatch(
        Policy policy, Direction direction, int ruleNumber, RuleSide side, String selector, Selector effectiveSelector) {
}
