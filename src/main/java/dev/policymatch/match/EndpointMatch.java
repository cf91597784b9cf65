package dev.policymatch.match;

import dev.policymatch.model.Endpoint;
import dev.policymatch.model.EndpointKey;
import dev.policymatch.model.Policy;
import java.util.List;
import java.util.SortedMap;

/**
 * What applies to one endpoint, as Calico computes it. Immutable; two results are equal when everything a
 * report shows is equal, which is how {@link MatchIndex} decides that an endpoint changed. Policies come
 * compiled, so a renderer shows their effective selectors without parsing them again; compiled policies
 * are equal when their policies are, so comparing results costs what comparing the policies does.
 *
 * @param effectiveLabels  the labels selectors see: the endpoint's own (with the labels Calico adds or
 *                         strips, see {@link MatchIndex}), then its profiles' {@code labelsToApply}
 * @param compiledPolicies the policies that apply, in enforcement order (see {@link EnforcementOrder})
 * @param profiles         every profile the endpoint lists, in its order, whether or not a Profile exists
 * @param ruleMatches      rule selectors of any policy that match this endpoint, in policy enforcement
 *                         order, then inbound before outbound, then rule number, then side
 */
public record EndpointMatch(
        Endpoint endpoint,
        SortedMap<String, String> effectiveLabels,
        List<CompiledPolicy> compiledPolicies,
        List<String> profiles,
        List<RuleMatch> ruleMatches) {

    public EndpointMatch {
        compiledPolicies = List.copyOf(compiledPolicies);
        profiles = List.copyOf(profiles);
        ruleMatches = List.copyOf(ruleMatches);
    }

    public EndpointKey key() {
        return endpoint.key();
    }

    /** The policies of {@link #compiledPolicies()}, as the model holds them. */
    public List<Policy> policies() {
        return compiledPolicies.stream().map(CompiledPolicy::policy).toList();
    }

    /** Whether any policy or profile applies: the operator's {@code Matched} condition. */
    public boolean isMatched() {
        return !compiledPolicies.isEmpty() || !profiles.isEmpty();
    }
}
