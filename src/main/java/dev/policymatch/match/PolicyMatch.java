package dev.policymatch.match;

import dev.policymatch.model.Endpoint;
import dev.policymatch.model.EndpointKey;
import dev.policymatch.model.Policy;
import java.util.List;
import java.util.SortedMap;

/**
 * What {@code calicoq policy <name>} shows: the endpoints a policy applies to, and the endpoints its rule
 * selectors match with the matching rule selectors.
 *
 * @param tier        the tier the policy is in
 * @param appliesTo   sorted by {@link EndpointKey}
 * @param ruleMatches for each endpoint some rule selector matches (sorted by key), the matching rule
 *                    selectors in rule order
 */
public record PolicyMatch(
        CompiledPolicy compiled, EffectiveTier tier, List<Endpoint> appliesTo,
        SortedMap<EndpointKey, List<RuleMatch>> ruleMatches) {

    public PolicyMatch {
        appliesTo = List.copyOf(appliesTo);
    }

    public Policy policy() {
        return compiled.policy();
    }
}
