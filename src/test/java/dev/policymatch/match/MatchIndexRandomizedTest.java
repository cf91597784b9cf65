package dev.policymatch.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.policymatch.model.Endpoint;
import dev.policymatch.model.EndpointKey;
import dev.policymatch.model.EntityMatch;
import dev.policymatch.model.HostEndpoint;
import dev.policymatch.model.Policy;
import dev.policymatch.model.Profile;
import dev.policymatch.model.Rule;
import dev.policymatch.model.ServiceAccountMatch;
import dev.policymatch.model.Tier;
import dev.policymatch.model.WorkloadEndpoint;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
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
    static final String[] NAMESPACES = {"ns0", "ns1", "ns2", "ns3"};
    static final String[] APPS = {"web", "api", "db", "cache", "queue"};
    static final String[] ROLES = {"frontend", "backend", "data"};
    static final String[] TIERS = {"default", "security", "platform", "ghost"};
    static final Double[] ORDERS = {null, 1d, 100d, 500d, 500.5, 1e6};

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

    // ---- random resources ------------------------------------------------------------------------------

    static Endpoint endpoint(Random random) {
        TreeMap<String, String> labels = new TreeMap<>();
        labels.put("app", pick(random, APPS));
        if (random.nextInt(4) > 0) {
            labels.put("role", pick(random, ROLES));
        }
        if (random.nextBoolean()) {
            labels.put("env", random.nextBoolean() ? "prod" : "dev");
        }
        if (random.nextInt(10) == 0) {
            labels.put("pcns.team", "forged");
        }
        List<String> profiles = new ArrayList<>();
        if (random.nextInt(5) == 0) {
            String name = "h" + random.nextInt(4);
            if (random.nextBoolean()) {
                profiles.add("shared" + random.nextInt(3));
            }
            return new HostEndpoint(name, "node" + random.nextInt(2), labels, "eth0", List.of(), profiles, List.of());
        }
        String namespace = pick(random, NAMESPACES);
        profiles.add("kns." + namespace);
        if (random.nextBoolean()) {
            profiles.add("shared" + random.nextInt(3));
        }
        String pod = "pod" + random.nextInt(12);
        return new WorkloadEndpoint("node" + random.nextInt(2), "k8s", namespace + "." + pod, "eth0", namespace,
                labels, profiles, null, List.of());
    }

    private static Endpoint relabel(Random random, Endpoint endpoint) {
        TreeMap<String, String> labels = new TreeMap<>(endpoint.labels());
        labels.put("app", pick(random, APPS));
        if (endpoint instanceof WorkloadEndpoint w) {
            return new WorkloadEndpoint(w.node(), w.orchestrator(), w.workload(), w.endpoint(), w.namespace(), labels,
                    w.profiles(), w.interfaceName(), w.ipNetworks());
        }
        HostEndpoint h = (HostEndpoint) endpoint;
        return new HostEndpoint(h.name(), h.node(), labels, h.interfaceName(), h.expectedIPs(), h.profiles(), h.ports());
    }

    static Profile profile(Random random) {
        TreeMap<String, String> labels = new TreeMap<>();
        String name;
        if (random.nextBoolean()) {
            name = "kns." + pick(random, NAMESPACES);
            labels.put("pcns.team", random.nextBoolean() ? "blue" : "green");
            labels.put("pcns.projectcalico.org/name", name.substring(4));
        } else {
            name = "shared" + random.nextInt(3);
            if (random.nextBoolean()) {
                labels.put("app", pick(random, APPS));
            }
            if (random.nextBoolean()) {
                labels.put("zone", random.nextBoolean() ? "a" : "b");
            }
        }
        return new Profile(name, labels, List.of(), List.of());
    }

    static Policy policy(Random random) {
        String namespace = random.nextInt(3) == 0 ? pick(random, NAMESPACES) : null;
        String name = "p" + random.nextInt(20);
        List<Rule> ingress = rules(random);
        List<Rule> egress = rules(random);
        String namespaceSelector = namespace == null && random.nextInt(5) == 0 ? nsSelector(random) : null;
        String serviceAccountSelector = random.nextInt(10) == 0 ? "all()" : null;
        boolean untracked = namespace == null && random.nextInt(8) == 0;
        return new Policy(name, namespace, pick(random, TIERS), ORDERS[random.nextInt(ORDERS.length)],
                selector(random), null, ingress, egress, untracked, false, false, namespaceSelector,
                serviceAccountSelector);
    }

    private static List<Rule> rules(Random random) {
        List<Rule> rules = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            rules.add(new Rule("Allow", null, entity(random), entity(random)));
        }
        return rules;
    }

    private static EntityMatch entity(Random random) {
        if (random.nextInt(3) == 0) {
            return null;
        }
        String selector = random.nextInt(3) > 0 ? selector(random) : null;
        String notSelector = random.nextInt(4) == 0 ? selector(random) : null;
        String namespaceSelector = random.nextInt(5) == 0 ? nsSelector(random) : null;
        ServiceAccountMatch accounts = random.nextInt(10) == 0 ? new ServiceAccountMatch(List.of("sa1"), null) : null;
        return new EntityMatch(selector, notSelector, namespaceSelector, accounts, null, null, null, null);
    }

    private static String nsSelector(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> "all()";
            case 1 -> "global()";
            case 2 -> "team == '" + (random.nextBoolean() ? "blue" : "green") + "'";
            default -> "projectcalico.org/name in {'ns0', 'ns2'}";
        };
    }

    private static String selector(Random random) {
        return switch (random.nextInt(14)) {
            case 0 -> "";
            case 1 -> "all()";
            case 2 -> "app == '" + pick(random, APPS) + "'";
            case 3 -> "role in {'" + pick(random, ROLES) + "', '" + pick(random, ROLES) + "'}";
            case 4 -> "has(env)";
            case 5 -> "!has(env)";
            case 6 -> "env != 'prod'";
            case 7 -> "app == '" + pick(random, APPS) + "' || role == '" + pick(random, ROLES) + "'";
            case 8 -> "app == '" + pick(random, APPS) + "' && env == 'prod'";
            case 9 -> "pcns.team == 'blue'";
            case 10 -> "projectcalico.org/namespace == '" + pick(random, NAMESPACES) + "'";
            case 11 -> "zone == 'a' && app in {'web', 'db'}";
            case 12 -> "app == 'web' && app == 'db'";
            default -> random.nextInt(3) == 0 ? "app ==" : "app starts with 'c'";
        };
    }

    private static <T> T pick(Random random, T[] values) {
        return values[random.nextInt(values.length)];
    }

    private static <T> T pick(Random random, java.util.Collection<T> values) {
        int skip = random.nextInt(values.size());
        for (T value : values) {
            if (skip-- == 0) {
                return value;
            }
        }
        throw new IllegalStateException();
    }
}
