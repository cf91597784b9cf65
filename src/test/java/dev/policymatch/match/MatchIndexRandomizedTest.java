package dev.policymatch.match;

import static dev.policymatch.match.RandomEstates.ORDERS;
import static dev.policymatch.match.RandomEstates.TIERS;
import static dev.policymatch.match.RandomEstates.endpoint;
import static dev.policymatch.match.RandomEstates.pick;
import static dev.policymatch.match.RandomEstates.policy;
import static dev.policymatch.match.RandomEstates.profile;
import static dev.policymatch.match.RandomEstates.relabel;
import static org.assertj.core.api.Assertions.assertThat;

import dev.policymatch.model.Endpoint;
import dev.policymatch.model.EndpointKey;
import dev.policymatch.model.Policy;
import dev.policymatch.model.Profile;
import dev.policymatch.model.Tier;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Long random sequences of upserts and removes: after every step the index must hold exactly what a full
 * naive recompute gives, and the step must have reported exactly the endpoints whose result changed.
 */
class MatchIndexRandomizedTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42, 1234})
    void incrementalEqualsNaive(long seed) {
        Random random = new Random(seed);
        Map<EndpointKey, Endpoint> endpoints = new LinkedHashMap<>();
        Map<PolicyKey, Policy> policies = new LinkedHashMap<>();
        Map<String, Profile> profiles = new LinkedHashMap<>();
        Map<String, Tier> tiers = new LinkedHashMap<>();
        // Start from a cold build of a random catalog, so the builder is checked too.
        for (int i = 0; i < 20; i++) {
            Endpoint endpoint = endpoint(random);
            endpoints.put(endpoint.key(), endpoint);
        }
        for (int i = 0; i < 15; i++) {
            Policy policy = policy(random);
            policies.put(PolicyKey.of(policy), policy);
        }
        MatchIndex index = MatchIndex.builder().endpoints(endpoints.values()).policies(policies.values()).build();
        SortedMap<EndpointKey, EndpointMatch> expected = naive(endpoints, policies, profiles, tiers);
        assertThat(results(index)).isEqualTo(expected);

        for (int step = 0; step < 1500; step++) {
            Set<EndpointKey> reported;
            String description;
            int choice = random.nextInt(100);
            if (choice < 30) {
                Endpoint endpoint = random.nextInt(4) == 0 && !endpoints.isEmpty()
                        ? relabel(random, pick(random, endpoints.values())) : endpoint(random);
                endpoints.put(endpoint.key(), endpoint);
                description = "upsert " + endpoint;
                reported = index.upsertEndpoint(endpoint);
            } else if (choice < 40 && !endpoints.isEmpty()) {
                EndpointKey key = pick(random, endpoints.keySet());
                endpoints.remove(key);
                description = "remove " + key;
                reported = index.removeEndpoint(key);
            } else if (choice < 70) {
                Policy policy = policy(random);
                policies.put(PolicyKey.of(policy), policy);
                description = "upsert " + policy;
                reported = index.upsertPolicy(policy);
            } else if (choice < 78 && !policies.isEmpty()) {
                PolicyKey key = pick(random, policies.keySet());
                policies.remove(key);
                description = "remove " + key;
                reported = index.removePolicy(key);
            } else if (choice < 88) {
                Profile profile = profile(random);
                profiles.put(profile.name(), profile);
                description = "upsert " + profile;
                reported = index.upsertProfile(profile);
            } else if (choice < 92 && !profiles.isEmpty()) {
                String name = pick(random, profiles.keySet());
                profiles.remove(name);
                description = "remove profile " + name;
                reported = index.removeProfile(name);
            } else if (choice < 97) {
                Tier tier = new Tier(TIERS[random.nextInt(TIERS.length - 1)], ORDERS[random.nextInt(ORDERS.length)]);
                tiers.put(tier.name(), tier);
                description = "upsert " + tier;
                reported = index.upsertTier(tier);
            } else {
                String name = TIERS[random.nextInt(TIERS.length)];
                tiers.remove(name);
                description = "remove tier " + name;
                reported = index.removeTier(name);
            }
            SortedMap<EndpointKey, EndpointMatch> next = naive(endpoints, policies, profiles, tiers);
            assertThat(results(index)).as("step %d: %s", step, description).isEqualTo(next);
            assertThat(reported).as("changes reported by step %d: %s", step, description)
                    .containsExactlyInAnyOrderElementsOf(changed(expected, next));
            expected = next;
        }
        assertThat(index.invalidPolicies().keySet()).isEqualTo(invalidKeys(policies));
    }

    private static SortedMap<EndpointKey, EndpointMatch> naive(Map<EndpointKey, Endpoint> endpoints,
            Map<PolicyKey, Policy> policies, Map<String, Profile> profiles, Map<String, Tier> tiers) {
        return NaiveMatch.compute(endpoints.values(), policies.values(), profiles.values(), tiers.values());
    }

    private static SortedMap<EndpointKey, EndpointMatch> results(MatchIndex index) {
        SortedMap<EndpointKey, EndpointMatch> results = new TreeMap<>();
        index.matches().forEach(match -> results.put(match.key(), match));
        return results;
    }

    private static Set<EndpointKey> changed(Map<EndpointKey, EndpointMatch> before, Map<EndpointKey, EndpointMatch> after) {
        Set<EndpointKey> changed = new HashSet<>();
        Set<EndpointKey> keys = new HashSet<>(before.keySet());
        keys.addAll(after.keySet());
        for (EndpointKey key : keys) {
            if (!java.util.Objects.equals(before.get(key), after.get(key))) {
                changed.add(key);
            }
        }
        return changed;
    }

    private static Set<PolicyKey> invalidKeys(Map<PolicyKey, Policy> policies) {
        Set<PolicyKey> invalid = new java.util.TreeSet<>();
        policies.forEach((key, policy) -> {
            try {
                CompiledPolicy.compile(policy);
            } catch (CompiledPolicy.InvalidPolicyException e) {
                invalid.add(key);
            }
        });
        return invalid;
    }
}
