package dev.policymatch.match;

import dev.policymatch.model.Endpoint;
import dev.policymatch.model.EndpointKey;
import dev.policymatch.model.Policy;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * What applies to one endpoint, as Calico computes it. Immutable; two results are equal when everything a
 * report shows is equal, which is how {@link MatchIndex} decides that an endpoint changed. Policies come
 * compiled, so a renderer shows their effective selectors without parsing them again; compiled policies
 * are equal when their policies are, so comparing results costs what comparing the policies does.
 *
 * <p>Staged policies (Calico 3.30+) take their place in the order like any other, since Felix sorts them so
 * and calicoq's text lists them there, but are never enforced: {@link #enforcedPolicies()} and
 * {@link #stagedPolicies()} give them apart, and only enforced ones make an endpoint {@link #isMatched()}.
 *
 * @param effectiveLabels  the labels selectors see: the endpoint's own (with the labels Calico adds or
 *                         strips, see {@link MatchIndex}), then its profiles' {@code labelsToApply}
 * @param compiledPolicies the policies that apply, enforced and staged, in enforcement order (see
 *                         {@link EnforcementOrder})
 * @param profiles         every profile the endpoint lists, in its order, whether or not a Profile exists
 * @param ruleMatches      rule selectors of any policy, enforced or staged, that match this endpoint, in policy
 *                         enforcement order, then inbound before outbound, then rule number, then side
 * @param tiers            the tier of every policy in {@code compiledPolicies}, by tier name
 */
public record EndpointMatch(
        Endpoint endpoint,
        SortedMap<String, String> effectiveLabels,
        List<CompiledPolicy> compiledPolicies,
        List<String> profiles,
        List<RuleMatch> ruleMatches,
        Map<String, EffectiveTier> tiers) {

    public EndpointMatch {
        compiledPolicies = List.copyOf(compiledPolicies);
        profiles = List.copyOf(profiles);
        ruleMatches = List.copyOf(ruleMatches);
        tiers = Map.copyOf(tiers);
    }

    public EndpointKey key() {
        return endpoint.key();
    }

    /** The policies of {@link #compiledPolicies()}, as the model holds them. */
    public List<Policy> policies() {
        return compiledPolicies.stream().map(CompiledPolicy::policy).toList();
    }

    /** The policies Felix enforces, in order. */
    public List<CompiledPolicy> enforcedPolicies() {
        return compiledPolicies.stream().filter(compiled -> !compiled.policy().isStaged()).toList();
    }

    /** The staged policies, in the order they would take if enforced. */
    public List<CompiledPolicy> stagedPolicies() {
        return compiledPolicies.stream().filter(compiled -> compiled.policy().isStaged()).toList();
    }

    /** The tier a policy of this result is in. */
    public EffectiveTier tierOf(Policy policy) {
        return tiers.get(policy.tier());
    }

    /** Whether any enforced policy or profile applies: the operator's {@code Matched} condition. */
    public boolean isMatched() {
        return !profiles.isEmpty() || compiledPolicies.stream().anyMatch(compiled -> !compiled.policy().isStaged());
    }
}
