package dev.policymatch.match;

import dev.policymatch.model.Policy;
import dev.policymatch.selector.Selector;

/**
 * One selector of one policy rule that matches an endpoint: calicoq's
 * {@code Policy "<name>" <direction> rule <n> <side> match; selector "<calicoSelector>"}.
 *
 * @param ruleNumber        1-based within its direction
 * @param selector          the rule's {@code selector} (or {@code notSelector}) as written; null when the side
 *                          selects through {@code namespaceSelector}, {@code serviceAccounts} or the policy's
 *                          namespace alone
 * @param calicoSelector    the selector Calico evaluates, as libcalico-go's {@code rules.go} spells it and calicoq
 *                          prints it: for a source or destination, scoped to the policy's namespace or the
 *                          rule's {@code namespaceSelector} and ANDed with its {@code serviceAccounts}; for a
 *                          {@code notSelector}, the selector as written
 * @param effectiveSelector {@code calicoSelector} parsed: what matching evaluates
 */
public record RuleMatch(Policy policy, Direction direction, int ruleNumber, RuleSide side, String selector,
        String calicoSelector, Selector effectiveSelector) {
}
