package dev.policymatch.match;

import dev.policymatch.model.Endpoint;
import dev.policymatch.model.EndpointKey;
import dev.policymatch.model.Policy;
import dev.policymatch.model.Profile;
import dev.policymatch.model.Tier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The baseline the index is checked and benchmarked against: every selector of every policy evaluated
 * against every endpoint, every result recomputed from scratch. Shares only the semantics (effective
 * selectors, effective labels, enforcement order) with {@link MatchIndex}, none of its indexes.
 */
public final class NaiveMatch {
    private NaiveMatch() {
    }

    /** Every endpoint's result, keyed and sorted by endpoint key. */
    public static SortedMap<EndpointKey, EndpointMatch> compute(
            Collection<? extends Endpoint> endpoints, Collection<Policy> policies, Collection<Profile> profiles,
            Collection<Tier> tiers) {
        Map<String, Profile> profilesByName = new HashMap<>();
        profiles.forEach(profile -> profilesByName.put(profile.name(), profile));
        Map<String, Tier> tiersByName = new HashMap<>();
        tiers.forEach(tier -> tiersByName.put(tier.name(), tier));
        EnforcementOrder order = new EnforcementOrder(tiersByName);
        List<CompiledPolicy> compiled = new ArrayList<>();
        for (Policy policy : policies) {
            try {
                compiled.add(CompiledPolicy.compile(policy));
            } catch (CompiledPolicy.InvalidPolicyException e) {
                // left out of matching, as the index does
            }
        }
        compiled.sort((a, b) -> order.compare(a.policy(), b.policy()));
        SortedMap<EndpointKey, EndpointMatch> results = new TreeMap<>();
        for (Endpoint endpoint : endpoints) {
            List<SortedMap<String, String>> inherited = new ArrayList<>();
            for (String name : endpoint.profiles()) {
                Profile profile = profilesByName.get(name);
                if (profile != null && !profile.labelsToApply().isEmpty()) {
                    inherited.add(profile.labelsToApply());
                }
            }
            EffectiveLabels labels = new EffectiveLabels(endpoint, inherited);
            List<CompiledPolicy> applied = new ArrayList<>();
            List<RuleMatch> ruleMatches = new ArrayList<>();
            for (CompiledPolicy policy : compiled) {
                if (policy.selector().matches(labels)) {
                    applied.add(policy);
                }
                for (RuleMatch rule : policy.ruleMatchers()) {
                    if (rule.effectiveSelector().matches(labels)) {
                        ruleMatches.add(rule);
                    }
                }
            }
            Map<String, EffectiveTier> appliedTiers = new HashMap<>();
            applied.forEach(policy -> appliedTiers.computeIfAbsent(policy.policy().tier(), order::tier));
            results.put(endpoint.key(), new EndpointMatch(endpoint, labels.toMap(), applied, endpoint.profiles(),
                    ruleMatches, appliedTiers));
        }
        return results;
    }
}
