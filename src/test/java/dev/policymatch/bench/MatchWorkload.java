package dev.policymatch.bench;

import dev.policymatch.model.Endpoint;
import dev.policymatch.model.EntityMatch;
import dev.policymatch.model.HostEndpoint;
import dev.policymatch.model.Policy;
import dev.policymatch.model.Profile;
import dev.policymatch.model.Rule;
import dev.policymatch.model.Tier;
import dev.policymatch.model.WorkloadEndpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

/**
 * A cluster-sized catalog for the match benchmarks, with realistic label cardinalities: 100 namespaces
 * (each a {@code kns.} profile with pcns. labels), 50 apps, 3 roles (frontend, backend, data), 2
 * environments, a few versions; 2% host endpoints. Policies are 3/4 NetworkPolicies selecting an app (or
 * an app and role) in their namespace, 1/4 GlobalNetworkPolicies selecting a role (some through a
 * namespaceSelector), spread over 3 tiers; each has one ingress and one egress rule with selectors.
 * Deterministic for a given size.
 */
public record MatchWorkload(List<Endpoint> endpoints, List<Policy> policies, List<Profile> profiles, List<Tier> tiers) {
    static final int NAMESPACES = 100;
    static final int APPS = 50;
    static final String[] ROLES = {"frontend", "backend", "data"};
    static final String[] TIERS = {"security", "platform", "default"};

    public static MatchWorkload generate(int endpointCount, int policyCount) {
        Random random = new Random(7);
        List<Profile> profiles = new ArrayList<>();
        for (int n = 0; n < NAMESPACES; n++) {
            TreeMap<String, String> labels = new TreeMap<>();
            labels.put("pcns.projectcalico.org/name", namespace(n));
            labels.put("pcns.team", "team" + n % 10);
            labels.put("pcns.env", n % 4 == 0 ? "prod" : "dev");
            profiles.add(new Profile("kns." + namespace(n), labels, List.of(), List.of()));
        }
        List<Endpoint> endpoints = new ArrayList<>(endpointCount);
        for (int i = 0; i < endpointCount; i++) {
            endpoints.add(endpoint(random, i));
        }
        List<Policy> policies = new ArrayList<>(policyCount);
        for (int i = 0; i < policyCount; i++) {
            policies.add(policy(random, i, 0));
        }
        List<Tier> tiers = List.of(new Tier("security", 100d), new Tier("platform", 200d));
        return new MatchWorkload(List.copyOf(endpoints), List.copyOf(policies), List.copyOf(profiles), tiers);
    }

    static String namespace(int n) {
        return "ns" + n;
    }

    static Endpoint endpoint(Random random, int i) {
        TreeMap<String, String> labels = new TreeMap<>();
        int app = random.nextInt(APPS);
        labels.put("app", "app" + app);
        labels.put("role", ROLES[app % ROLES.length]);
        labels.put("version", "v" + random.nextInt(3));
        labels.put("pod-template-hash", Integer.toHexString(random.nextInt(1 << 20)));
        if (i % 50 == 0) {
            labels.put("node-role", random.nextBoolean() ? "worker" : "ingress");
            return new HostEndpoint("host" + i, "node" + i % 200, labels, "eth0", List.of(), List.of(), List.of());
        }
        String namespace = namespace(random.nextInt(NAMESPACES));
        return new WorkloadEndpoint("node" + i % 200, "k8s", namespace + ".pod" + i, "eth0", namespace, labels,
                List.of("kns." + namespace), null, List.of());
    }

    /** Policy {@code i}; {@code variant} changes its selector (and nothing else) for the update benchmark. */
    static Policy policy(Random random, int i, int variant) {
        String tier = TIERS[i % TIERS.length];
        Double order = i % 7 == 0 ? null : (double) (i % 20) * 50;
        int app = (i * 7 + variant) % APPS;
        String peerApp = "app" + (i * 13 + 1) % APPS;
        if (i % 4 != 3) {
            String namespace = namespace(i % NAMESPACES);
            String selector = i % 2 == 0 ? "app == 'app" + app + "'"
                    : "app == 'app" + app + "' && role in {'" + ROLES[app % 3] + "', 'data'}";
            Rule ingress = new Rule("Allow", "TCP", entity("app == '" + peerApp + "'", null, null), null);
            Rule egress = new Rule("Allow", "TCP", null,
                    entity("role == 'data'", i % 5 == 0 ? "version == 'v0'" : null, null));
            return new Policy("np" + i, namespace, tier, order, selector, null, List.of(ingress), List.of(egress),
                    false, false, false, null, null);
        }
        String role = ROLES[(i + variant) % ROLES.length];
        // A quarter of the global policies select a role in the namespaces of one team; the rest a role
        // and a version across the cluster.
        String namespaceSelector = i % 16 == 3 ? "team == 'team" + i % 10 + "'" : null;
        String selector = namespaceSelector != null ? "role == '" + role + "'"
                : "role == '" + role + "' && version == 'v" + (i + variant) % 3 + "'";
        // Cluster-wide rules name an app; the namespace-scoped ones a role in prod namespaces.
        Rule ingress = new Rule("Allow", "TCP", namespaceSelector != null
                ? entity("role == 'frontend'", null, "env == 'prod'") : entity("app == '" + peerApp + "'", null, null),
                null);
        Rule egress = new Rule("Deny", null, null, entity("has(node-role)", null, null));
        return new Policy("gnp" + i, null, tier, order, selector, null, List.of(ingress),
                List.of(egress), false, false, false, namespaceSelector, null);
    }

    static EntityMatch entity(String selector, String notSelector, String namespaceSelector) {
        return new EntityMatch(selector, notSelector, namespaceSelector, null, null, null, null, null);
    }
}
