package dev.policymatch.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.policymatch.model.Endpoint;
import dev.policymatch.model.EntityMatch;
import dev.policymatch.model.HostEndpoint;
import dev.policymatch.model.Policy;
import dev.policymatch.model.PolicyKind;
import dev.policymatch.model.Profile;
import dev.policymatch.model.Rule;
import dev.policymatch.model.StagedAction;
import dev.policymatch.model.Tier;
import dev.policymatch.model.WorkloadEndpoint;
import dev.policymatch.source.ResourceConverter;
import dev.policymatch.source.document.Conversion;
import dev.policymatch.source.document.ResourceFormatException;
import dev.policymatch.source.document.ResourceKind;
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
 * Deterministic for a given size. {@link #generateWithPods} mixes in pods, service accounts and
 * Kubernetes NetworkPolicies, converted as the operator converts them.
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

    /** Service accounts per namespace in the mixed estate; a pod runs as {@code sa<app % 5>}. */
    static final int SERVICE_ACCOUNTS = 5;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ResourceConverter CONVERTER = new ResourceConverter();

    /**
     * The same estate with pods in the mix, as the operator sees a Kubernetes cluster: every second
     * workload endpoint is derived from a Pod by the {@link ResourceConverter} (Calico's labels,
     * profiles {@code kns.<ns>} and {@code ksa.<ns>.<sa>}); the namespace profiles come from Namespaces,
     * five ServiceAccounts per namespace add {@code ksa.} profiles with {@code pcsa.} labels; one policy in
     * eight is a Kubernetes NetworkPolicy (kind KubernetesNetworkPolicy, a podSelector and a peer through a
     * namespaceSelector). GlobalNetworkPolicies with a namespaceSelector are as in {@link #generate}.
     */
    public static MatchWorkload generateWithPods(int endpointCount, int policyCount) {
        MatchWorkload base = generate(endpointCount, policyCount);
        List<Profile> profiles = new ArrayList<>();
        for (int n = 0; n < NAMESPACES; n++) {
            profiles.add(namespaceProfile(n, "team" + n % 10));
            for (int sa = 0; sa < SERVICE_ACCOUNTS; sa++) {
                ObjectNode account = JSON.createObjectNode();
                account.putObject("metadata").put("name", "sa" + sa).put("namespace", namespace(n))
                        .putObject("labels").put("component", ROLES[sa % ROLES.length]);
                profiles.add(convert(ResourceKind.SERVICE_ACCOUNT, account, Profile.class));
            }
        }
        List<Endpoint> endpoints = new ArrayList<>(base.endpoints().size());
        for (int i = 0; i < base.endpoints().size(); i++) {
            Endpoint endpoint = base.endpoints().get(i);
            endpoints.add(i % 2 == 1 && endpoint instanceof WorkloadEndpoint workload ? podEndpoint(i, workload) : endpoint);
        }
        List<Policy> policies = new ArrayList<>(base.policies());
        for (int i = 5; i < policies.size(); i += 8) {
            policies.set(i, kubernetesPolicy(i, 0));
        }
        return new MatchWorkload(List.copyOf(endpoints), List.copyOf(policies), List.copyOf(profiles), base.tiers());
    }

    /**
     * The estate with pods and the kinds of current Calico: of every ten policies one is a staged copy of what it
     * was (StagedGlobalNetworkPolicy or StagedNetworkPolicy, listed but never enforced), and every tenth
     * GlobalNetworkPolicy becomes a Kubernetes ClusterNetworkPolicy in the built-in tier {@code kube-admin}.
     */
    public static MatchWorkload generateWithCurrentKinds(int endpointCount, int policyCount) {
        MatchWorkload base = generateWithPods(endpointCount, policyCount);
        List<Policy> policies = new ArrayList<>(base.policies());
        for (int i = 0; i < policies.size(); i += 10) {
            Policy p = policies.get(i);
            PolicyKind staged = switch (p.kind()) {
                case GLOBAL_NETWORK_POLICY -> PolicyKind.STAGED_GLOBAL_NETWORK_POLICY;
                case NETWORK_POLICY -> PolicyKind.STAGED_NETWORK_POLICY;
                default -> null;
            };
            if (staged != null) {
                policies.set(i, withKind(p, p.tier(), staged, StagedAction.SET));
            }
        }
        for (int i = 3; i < policies.size(); i += 10) {
            Policy p = policies.get(i);
            if (p.kind() == PolicyKind.GLOBAL_NETWORK_POLICY) {
                policies.set(i, withKind(p, Tier.KUBE_ADMIN, PolicyKind.KUBERNETES_CLUSTER_NETWORK_POLICY, null));
            }
        }
        return new MatchWorkload(base.endpoints(), List.copyOf(policies), base.profiles(), base.tiers());
    }

    private static Policy withKind(Policy p, String tier, PolicyKind kind, StagedAction stagedAction) {
        return new Policy(p.name(), p.namespace(), tier, p.order(), p.selector(), p.types(), p.ingress(), p.egress(),
                p.doNotTrack(), p.preDNAT(), p.applyOnForward(), p.namespaceSelector(), p.serviceAccountSelector(),
                kind, stagedAction);
    }

    /** Namespace {@code n}'s profile as Calico derives it from the Namespace, with the given team label. */
    static Profile namespaceProfile(int n, String team) {
        ObjectNode namespace = JSON.createObjectNode();
        namespace.putObject("metadata").put("name", namespace(n)).putObject("labels")
                .put("team", team).put("env", n % 4 == 0 ? "prod" : "dev");
        return convert(ResourceKind.NAMESPACE, namespace, Profile.class);
    }

    /** The pod behind workload endpoint {@code i}: same namespace, labels and node, a service account. */
    private static WorkloadEndpoint podEndpoint(int i, WorkloadEndpoint workload) {
        ObjectNode pod = JSON.createObjectNode();
        ObjectNode metadata = pod.putObject("metadata").put("name", "pod" + i).put("namespace", workload.namespace());
        ObjectNode labels = metadata.putObject("labels");
        workload.labels().forEach(labels::put);
        int app = Integer.parseInt(workload.labels().get("app").substring(3));
        pod.putObject("spec").put("nodeName", workload.node()).put("serviceAccountName", "sa" + app % SERVICE_ACCOUNTS);
        pod.putObject("status").put("phase", "Running").put("podIP", "10." + (i >> 16 & 255) + "." + (i >> 8 & 255)
                + "." + (i & 255));
        return convert(ResourceKind.POD, pod, WorkloadEndpoint.class);
    }

    /**
     * Policy {@code i} as a Kubernetes NetworkPolicy in its namespace: pods of one app, ingress from another
     * app's pods in the namespaces of one team; {@code variant} changes the selected app.
     */
    static Policy kubernetesPolicy(int i, int variant) {
        ObjectNode policy = JSON.createObjectNode();
        policy.putObject("metadata").put("name", "knp" + i).put("namespace", namespace(i % NAMESPACES));
        ObjectNode spec = policy.putObject("spec");
        spec.putObject("podSelector").putObject("matchLabels").put("app", "app" + (i * 7 + variant) % APPS);
        spec.putArray("policyTypes").add("Ingress");
        ObjectNode peer = spec.putArray("ingress").addObject().putArray("from").addObject();
        peer.putObject("podSelector").putObject("matchLabels").put("app", "app" + (i * 13 + 1) % APPS);
        peer.putObject("namespaceSelector").putObject("matchLabels").put("team", "team" + i % 10);
        return convert(ResourceKind.KUBERNETES_NETWORK_POLICY, policy, Policy.class);
    }

    /** The model the object becomes, read as the operator reads it from the cluster. */
    private static <T> T convert(ResourceKind kind, ObjectNode object, Class<T> type) {
        try {
            if (CONVERTER.convert(kind, object) instanceof Conversion.Converted converted) {
                return type.cast(converted.resource().model());
            }
            throw new IllegalStateException("the generator made an object Calico skips: " + object);
        } catch (ResourceFormatException e) {
            throw new IllegalStateException("the generator made an object Calico would reject", e);
        }
    }

    static EntityMatch entity(String selector, String notSelector, String namespaceSelector) {
        return new EntityMatch(selector, notSelector, namespaceSelector, null, null, null, null, null);
    }
}
