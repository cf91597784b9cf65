package dev.policymatch.match;

import dev.policymatch.model.Endpoint;
import dev.policymatch.model.EntityMatch;
import dev.policymatch.model.HostEndpoint;
import dev.policymatch.model.Policy;
import dev.policymatch.model.Profile;
import dev.policymatch.model.Rule;
import dev.policymatch.model.ServiceAccountMatch;
import dev.policymatch.model.WorkloadEndpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

/**
 * Random resources from a small vocabulary, so that selectors, labels, namespaces, profiles and tiers meet
 * often: the generators of the randomized tests of the index and of the diff.
 */
public final class RandomEstates {
    public static final String[] NAMESPACES = {"ns0", "ns1", "ns2", "ns3"};
    public static final String[] APPS = {"web", "api", "db", "cache", "queue"};
    public static final String[] ROLES = {"frontend", "backend", "data"};
    /** {@code ghost} is never given a Tier resource by the generators' callers, only named by policies. */
    public static final String[] TIERS = {"default", "security", "platform", "ghost"};
    public static final Double[] ORDERS = {null, 1d, 100d, 500d, 500.5, 1e6};

    private RandomEstates() {
    }

    public static Endpoint endpoint(Random random) {
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

    public static Endpoint relabel(Random random, Endpoint endpoint) {
        TreeMap<String, String> labels = new TreeMap<>(endpoint.labels());
        labels.put("app", pick(random, APPS));
        if (endpoint instanceof WorkloadEndpoint w) {
            return new WorkloadEndpoint(w.node(), w.orchestrator(), w.workload(), w.endpoint(), w.namespace(), labels,
                    w.profiles(), w.interfaceName(), w.ipNetworks());
        }
        HostEndpoint h = (HostEndpoint) endpoint;
        return new HostEndpoint(h.name(), h.node(), labels, h.interfaceName(), h.expectedIPs(), h.profiles(), h.ports());
    }

    public static Profile profile(Random random) {
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

    public static Policy policy(Random random) {
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

    public static List<Rule> rules(Random random) {
        List<Rule> rules = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            rules.add(new Rule("Allow", null, entity(random), entity(random)));
        }
        return rules;
    }

    public static EntityMatch entity(Random random) {
        if (random.nextInt(3) == 0) {
            return null;
        }
        String selector = random.nextInt(3) > 0 ? selector(random) : null;
        String notSelector = random.nextInt(4) == 0 ? selector(random) : null;
        String namespaceSelector = random.nextInt(5) == 0 ? nsSelector(random) : null;
        ServiceAccountMatch accounts = random.nextInt(10) == 0 ? new ServiceAccountMatch(List.of("sa1"), null) : null;
        return new EntityMatch(selector, notSelector, namespaceSelector, accounts, null, null, null, null);
    }

    public static String nsSelector(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> "all()";
            case 1 -> "global()";
            case 2 -> "team == '" + (random.nextBoolean() ? "blue" : "green") + "'";
            default -> "projectcalico.org/name in {'ns0', 'ns2'}";
        };
    }

    public static String selector(Random random) {
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

    public static <T> T pick(Random random, T[] values) {
        return values[random.nextInt(values.length)];
    }

    public static <T> T pick(Random random, java.util.Collection<T> values) {
        int skip = random.nextInt(values.size());
        for (T value : values) {
            if (skip-- == 0) {
                return value;
            }
        }
        throw new IllegalStateException();
    }
}
