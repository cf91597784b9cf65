package dev.policymatch.scale;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The Kubernetes side of a mixed estate, as a cluster stores it ({@code v1} Namespaces, ServiceAccounts and
 * Pods, {@code networking.k8s.io/v1} NetworkPolicies) with the Calico policies written for pods:
 * <ul>
 * <li>{@code kube-system} (two CoreDNS pods, and host-networked {@code calico-node} pods: no workload endpoint),
 * {@code monitoring} (two Prometheus pods), and application namespaces named after a team and an environment,
 * labelled {@code kubernetes.io/metadata.name} (as the API server labels every namespace), {@code team},
 * {@code env}, {@code tenant} and a pod security level;</li>
 * <li>per application namespace 1–3 ServiceAccounts (one per tier used there) and 2–6 apps, each a Deployment
 * (pods {@code <app>-<template hash>-<5 characters>}, labels {@code app}, {@code tier}, {@code version},
 * {@code pod-template-hash}) or, in the data tier, a StatefulSet ({@code <app>-<ordinal>},
 * {@code controller-revision-hash}, {@code statefulset.kubernetes.io/pod-name});</li>
 * <li>pods spread unevenly over the namespaces (a few big ones), scheduled on the HostEndpoints' nodes, Running
 * with {@code podIP}/{@code podIPs} (a quarter dual-stack), and a few Pending pods that no node took yet
 * (no workload endpoint either);</li>
 * <li>a few broad GlobalNetworkPolicies (cluster DNS for {@code all()}, prod isolation by {@code namespaceSelector},
 * monitoring for {@code has(app)}, staging egress), Calico NetworkPolicies and Kubernetes NetworkPolicies in
 * the application namespaces, with pod, namespace and ipBlock peers.</li>
 * </ul>
 * Shares the estate's {@link Random}, so the whole estate follows from one seed.
 */
final class WorkloadGenerator {

    static final String KUBE_SYSTEM = "kube-system";
    static final String MONITORING = "monitoring";
    static final List<String> TEAMS = List.of("payments", "checkout", "search", "catalog", "identity", "billing",
            "shipping", "analytics", "media", "ads", "notifications", "reviews", "inventory", "pricing", "fraud",
            "support", "growth", "recommendations", "messaging", "maps");
    /** App names and their tier; the data tier runs as StatefulSets. */
    static final Map<String, String> APPS = orderedPairs("web", "frontend", "gateway", "frontend", "ui", "frontend",
            "api", "backend", "worker", "backend", "auth", "backend", "scheduler", "backend", "indexer", "backend",
            "db", "data", "cache", "data", "queue", "data");
    static final Map<String, Integer> ENVS = EstateGenerator.ENVS;
    private static final String NAME_CHARACTERS = "bcdfghjklmnpqrstvwxz2456789";
    private static final int[] APP_PORTS = {8080, 8443, 9000, 5432, 6379, 5672};

    /** A node the HostEndpoints protect: pods run there, host-networked pods have its address. */
    record Node(String name, String address) {
    }

    record App(String name, String tier, String serviceAccount, String templateHash, String version) {
        boolean stateful() {
            return tier.equals("data");
        }
    }

    record Namespace(String name, String team, String env, List<App> apps) {
    }

    /** What it generates, each list in creation order. */
    record Workloads(List<GenericKubernetesResource> namespaces, List<GenericKubernetesResource> serviceAccounts,
            List<GenericKubernetesResource> pods) {
    }

    private final Random random;
    private final List<Node> nodes;
    private final List<Namespace> applicationNamespaces = new ArrayList<>();
    private final Set<String> podNames = new HashSet<>();
    private final Map<String, Integer> ordinals = new HashMap<>();
    private int podAddresses;

    WorkloadGenerator(Random random, List<Node> nodes) {
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("pods need nodes");
        }
        this.random = random;
        this.nodes = nodes;
    }

    /**
     * {@code namespaces} Namespaces (two of them system ones) and {@code endpointPods} pods that get a workload
     * endpoint, plus about one in 200 host-networked and one in 400 Pending pods that do not.
     */
    Workloads workloads(int namespaceCount, int endpointPods) {
        List<GenericKubernetesResource> namespaces = new ArrayList<>();
        List<GenericKubernetesResource> accounts = new ArrayList<>();
        List<GenericKubernetesResource> pods = new ArrayList<>();
        namespaces.add(namespace(KUBE_SYSTEM, Map.of()));
        namespaces.add(namespace(MONITORING, Map.of("team", "platform", "env", "prod")));
        accounts.add(serviceAccount(KUBE_SYSTEM, "coredns", Map.of("k8s-app", "kube-dns")));
        accounts.add(serviceAccount(KUBE_SYSTEM, "calico-node", Map.of("k8s-app", "calico-node")));
        accounts.add(serviceAccount(MONITORING, "prometheus", Map.of("app", "prometheus")));
        int tenants = Math.max(3, namespaceCount / 20);
        for (int i = 0; i < namespaceCount - 2; i++) {
            String team = TEAMS.get(random.nextInt(TEAMS.size()));
            String env = EstateGenerator.weighted(random, ENVS);
            String name = String.format("%s-%s-%04d", team, env, i);
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put("team", team);
            labels.put("env", env);
            labels.put("tenant", String.format("tenant-%03d", random.nextInt(tenants)));
            labels.put("pod-security.kubernetes.io/enforce", random.nextInt(3) == 0 ? "restricted" : "baseline");
            namespaces.add(namespace(name, labels));
            Namespace ns = applicationNamespace(name, team, env);
            applicationNamespaces.add(ns);
            ns.apps().stream().map(App::serviceAccount).distinct().forEach(account -> accounts.add(serviceAccount(name,
                    account, Map.of("tier", account, "app.kubernetes.io/part-of", team))));
        }

        for (int i = 0; i < 2; i++) {
            pods.add(systemPod(KUBE_SYSTEM, "coredns", Map.of("k8s-app", "kube-dns"), "coredns"));
            pods.add(systemPod(MONITORING, "prometheus", Map.of("app", "prometheus"), "prometheus"));
        }
        for (int i = pods.size(); i < endpointPods; i++) {
            Namespace ns = applicationNamespaces.get(skewedIndex(applicationNamespaces.size()));
            pods.add(applicationPod(ns, ns.apps().get(random.nextInt(ns.apps().size())), true));
        }
        for (int i = 0; i < Math.max(1, endpointPods / 200); i++) {
            pods.add(hostNetworkedPod(nodes.get(random.nextInt(nodes.size()))));
        }
        for (int i = 0; i < Math.max(1, endpointPods / 400); i++) {
            Namespace ns = applicationNamespaces.get(random.nextInt(applicationNamespaces.size()));
            pods.add(applicationPod(ns, ns.apps().get(random.nextInt(ns.apps().size())), false));
        }
        return new Workloads(namespaces, accounts, pods);
    }

    /** Index in {@code [0, n)}, the low ones much more often: a few namespaces hold many pods. */
    private int skewedIndex(int n) {
        return Math.min(n - 1, (int) (n * Math.pow(random.nextDouble(), 1.5)));
    }

    private Namespace applicationNamespace(String name, String team, String env) {
        List<String> names = new ArrayList<>(APPS.keySet());
        int count = 2 + random.nextInt(5);
        List<App> apps = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String base = names.remove(random.nextInt(names.size()));
            String tier = APPS.get(base);
            apps.add(new App(team + "-" + base, tier, tier, randomName(10), "v1." + random.nextInt(20)));
        }
        return new Namespace(name, team, env, apps);
    }

    private GenericKubernetesResource applicationPod(Namespace ns, App app, boolean scheduled) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app", app.name());
        labels.put("tier", app.tier());
        labels.put("version", app.version());
        String name;
        if (app.stateful()) {
            int ordinal = ordinals.merge(ns.name() + "/" + app.name(), 1, Integer::sum) - 1;
            name = app.name() + "-" + ordinal;
            labels.put("controller-revision-hash", app.name() + "-" + app.templateHash());
            labels.put("statefulset.kubernetes.io/pod-name", name);
        } else {
            labels.put("pod-template-hash", app.templateHash());
            do {
                name = app.name() + "-" + app.templateHash() + "-" + randomName(5);
            } while (!podNames.add(ns.name() + "/" + name));
        }
        int port = APP_PORTS[Math.floorMod(app.name().hashCode(), APP_PORTS.length)];
        Map<String, Object> container = Map.of("name", app.name(),
                "image", "registry.example.org/" + ns.team() + "/" + app.name() + ":" + app.version(),
                "ports", List.of(Map.of("name", "main", "containerPort", port, "protocol", "TCP")));
        Map<String, Object> spec = new LinkedHashMap<>();
        if (scheduled) {
            spec.put("nodeName", nodes.get(random.nextInt(nodes.size())).name());
        }
        spec.put("serviceAccountName", app.serviceAccount());
        spec.put("containers", List.of(container));
        return pod(ns.name(), name, labels, spec, scheduled ? running(spec) : pending());
    }

    private GenericKubernetesResource systemPod(String namespace, String app, Map<String, String> labels,
            String serviceAccount) {
        String hash = randomName(10);
        Map<String, String> all = new LinkedHashMap<>(labels);
        all.put("pod-template-hash", hash);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("nodeName", nodes.get(random.nextInt(nodes.size())).name());
        spec.put("serviceAccountName", serviceAccount);
        spec.put("containers", List.of(Map.of("name", app, "image", "registry.example.org/system/" + app + ":1.0")));
        return pod(namespace, app + "-" + hash + "-" + randomName(5), all, spec, running(spec));
    }

    /** calico-node as a DaemonSet runs it: on the host's network, with the node's address. */
    private GenericKubernetesResource hostNetworkedPod(Node node) {
        String name;
        do {
            name = "calico-node-" + randomName(5);
        } while (!podNames.add(KUBE_SYSTEM + "/" + name));
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("hostNetwork", true);
        spec.put("nodeName", node.name());
        spec.put("serviceAccountName", "calico-node");
        spec.put("containers", List.of(Map.of("name", "calico-node", "image", "quay.io/calico/node:v3.30.0")));
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("phase", "Running");
        status.put("hostIP", node.address());
        status.put("podIP", node.address());
        status.put("podIPs", List.of(Map.of("ip", node.address())));
        return pod(KUBE_SYSTEM, name, Map.of("k8s-app", "calico-node", "pod-template-generation", "1"), spec, status);
    }

    private Map<String, Object> running(Map<String, Object> spec) {
        int k = podAddresses++;
        String v4 = String.format("10.%d.%d.%d", 64 + k / 65536, k / 256 % 256, k % 256);
        List<Map<String, String>> ips = new ArrayList<>(List.of(Map.of("ip", v4)));
        if (k % 4 == 0) {
            // Two hextets: from the 65,536th pod on, k + 1 no longer fits in one.
            ips.add(Map.of("ip", String.format("fd00:244::%x:%x", (k + 1) >>> 16, (k + 1) & 0xffff)));
        }
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("phase", "Running");
        status.put("hostIP", nodeNamed((String) spec.get("nodeName")).address());
        status.put("podIP", v4);
        status.put("podIPs", ips);
        return status;
    }

    private static Map<String, Object> pending() {
        return Map.of("phase", "Pending", "conditions", List.of(Map.of("type", "PodScheduled", "status", "False",
                "reason", "Unschedulable", "message", "0/3 nodes are available: 3 Insufficient cpu.")));
    }

    private Node nodeNamed(String name) {
        // Nodes are named node-%05d in order, so the name gives the index.
        return nodes.get(Integer.parseInt(name.substring(name.lastIndexOf('-') + 1)));
    }

    // ---- policies -------------------------------------------------------------------------------

    /**
     * The broad GlobalNetworkPolicies of a cluster: each selects a large share of all endpoints, so a
     * cold start or a change to one of them touches many reports.
     */
    List<GenericKubernetesResource> broadGlobalPolicies() {
        return List.of(
                calico("GlobalNetworkPolicy", "security.allow-cluster-dns", null, policySpec("security", 10, "all()",
                        null, "Egress", List.of(allow("UDP", null, Map.of("selector", "k8s-app == 'kube-dns'",
                                "namespaceSelector", "projectcalico.org/name == '" + KUBE_SYSTEM + "'",
                                "ports", List.of(53))), Map.of("action", "Pass")))),
                calico("GlobalNetworkPolicy", "security.prod-isolation", null, policySpec("security", 20, "all()",
                        "env == 'prod'", "Ingress", List.of(Map.of("action", "Deny",
                                "source", Map.of("namespaceSelector", "env in {'staging', 'dev'}")),
                                Map.of("action", "Pass")))),
                calico("GlobalNetworkPolicy", "platform.allow-monitoring", null, policySpec("platform", 10,
                        "has(app)", null, "Ingress", List.of(allow("TCP", Map.of("selector", "app == 'prometheus'",
                                "namespaceSelector", "projectcalico.org/name == '" + MONITORING + "'"),
                                Map.of("ports", List.of(9090, 9100))), Map.of("action", "Pass")))),
                calico("GlobalNetworkPolicy", "platform.staging-egress", null, policySpec("platform", 50,
                        "tier == 'frontend'", "env == 'staging'", "Egress", List.of(allow("TCP", null,
                                Map.of("nets", List.of("10.0.0.0/8"), "ports", List.of(443))),
                                Map.of("action", "Pass")))));
    }

    /** A Calico NetworkPolicy for one app of an application namespace: who may reach it, in a tier. */
    GenericKubernetesResource calicoNetworkPolicy(int i) {
        Namespace ns = applicationNamespaces.get(random.nextInt(applicationNamespaces.size()));
        App app = ns.apps().get(random.nextInt(ns.apps().size()));
        String tier = random.nextInt(3) == 0 ? "default" : EstateGenerator.TIERS.get(random.nextInt(3));
        String peerTeam = TEAMS.get(random.nextInt(TEAMS.size()));
        Map<String, Object> source = random.nextBoolean()
                ? Map.of("selector", "tier == 'frontend'", "namespaceSelector", "team == '" + peerTeam + "'")
                : Map.of("selector", "app == '" + ns.apps().get(0).name() + "'");
        Map<String, Object> allow = allow("TCP", source, Map.of("ports", List.of(APP_PORTS[random.nextInt(3)])));
        Map<String, Object> last = Map.of("action", tier.equals("default") ? "Deny" : "Pass");
        Map<String, Object> spec = policySpec(tier, 10 * (1 + random.nextInt(100)), "app == '" + app.name() + "'",
                null, "Ingress", List.of(allow, last));
        return calico("NetworkPolicy", String.format("%s.allow-%s-%05d", tier, app.name(), i), ns.name(), spec);
    }

    /** A {@code networking.k8s.io/v1} NetworkPolicy in an application namespace, of one of four common shapes. */
    GenericKubernetesResource kubernetesNetworkPolicy(int i) {
        Namespace ns = applicationNamespaces.get(random.nextInt(applicationNamespaces.size()));
        App app = ns.apps().get(random.nextInt(ns.apps().size()));
        Map<String, Object> spec = new LinkedHashMap<>();
        String name;
        switch (random.nextInt(4)) {
            case 0 -> {
                name = "default-deny-ingress";
                spec.put("podSelector", Map.of());
                spec.put("policyTypes", List.of("Ingress"));
            }
            case 1 -> {
                name = "allow-to-" + app.name();
                spec.put("podSelector", Map.of("matchLabels", Map.of("app", app.name())));
                spec.put("policyTypes", List.of("Ingress"));
                spec.put("ingress", List.of(Map.of(
                        "from", List.of(Map.of("podSelector", Map.of("matchLabels", Map.of("tier", "frontend"))),
                                Map.of("namespaceSelector", Map.of("matchLabels",
                                                Map.of("team", TEAMS.get(random.nextInt(TEAMS.size())))),
                                        "podSelector", Map.of("matchExpressions", List.of(Map.of("key", "tier",
                                                "operator", "In", "values", List.of("frontend", "backend"))))),
                                Map.of("namespaceSelector", Map.of("matchLabels",
                                        Map.of("kubernetes.io/metadata.name", MONITORING)))),
                        "ports", List.of(Map.of("protocol", "TCP", "port", APP_PORTS[random.nextInt(3)])))));
            }
            case 2 -> {
                name = "backend-egress";
                spec.put("podSelector", Map.of("matchLabels", Map.of("tier", "backend")));
                spec.put("policyTypes", List.of("Egress"));
                spec.put("egress", List.of(
                        Map.of("to", List.of(Map.of(
                                        "namespaceSelector", Map.of("matchLabels",
                                                Map.of("kubernetes.io/metadata.name", KUBE_SYSTEM)),
                                        "podSelector", Map.of("matchLabels", Map.of("k8s-app", "kube-dns")))),
                                "ports", List.of(Map.of("protocol", "UDP", "port", 53))),
                        Map.of("to", List.of(Map.of("podSelector", Map.of("matchLabels", Map.of("tier", "data")))),
                                "ports", List.of(Map.of("protocol", "TCP", "port", 5432),
                                        Map.of("protocol", "TCP", "port", 6379)))));
            }
            default -> {
                name = "egress-outside-" + app.name();
                spec.put("podSelector", Map.of("matchExpressions", List.of(Map.of("key", "app", "operator", "In",
                        "values", List.of(app.name(), ns.apps().get(0).name())))));
                spec.put("policyTypes", List.of("Ingress", "Egress"));
                spec.put("ingress", List.of(Map.of("from", List.of(Map.of("podSelector", Map.of())))));
                Map<String, Object> insideCluster = Map.of("to", List.of(Map.of("ipBlock",
                        Map.of("cidr", "10.0.0.0/8", "except", List.of("10.64.0.0/10")))));
                Map<String, Object> outsideHttps = Map.of("to", List.of(Map.of("ipBlock", Map.of("cidr", "0.0.0.0/0"))),
                        "ports", List.of(Map.of("protocol", "TCP", "port", 443)));
                spec.put("egress", List.of(insideCluster, outsideHttps));
            }
        }
        return EstateGenerator.object("networking.k8s.io/v1", "NetworkPolicy", String.format("%s-%05d", name, i), ns.name(),
                Map.of(), Map.of("spec", spec));
    }

    private static Map<String, Object> policySpec(String tier, int order, String selector, String namespaceSelector,
            String type, List<Map<String, Object>> rules) {
        Map<String, Object> spec = new LinkedHashMap<>();
        if (!tier.equals("default")) {
            spec.put("tier", tier);
        }
        spec.put("order", order);
        spec.put("selector", selector);
        if (namespaceSelector != null) {
            spec.put("namespaceSelector", namespaceSelector);
        }
        spec.put("types", List.of(type));
        spec.put(type.toLowerCase(java.util.Locale.ROOT), rules);
        return spec;
    }

    private static Map<String, Object> allow(String protocol, Map<String, Object> source,
            Map<String, Object> destination) {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("action", "Allow");
        rule.put("protocol", protocol);
        if (source != null) {
            rule.put("source", source);
        }
        if (destination != null) {
            rule.put("destination", destination);
        }
        return rule;
    }

    // ---- objects --------------------------------------------------------------------------------

    private static GenericKubernetesResource namespace(String name, Map<String, String> labels) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("kubernetes.io/metadata.name", name);
        all.putAll(labels);
        return EstateGenerator.object("v1", "Namespace", name, null, all, Map.of());
    }

    private static GenericKubernetesResource serviceAccount(String namespace, String name, Map<String, String> labels) {
        return EstateGenerator.object("v1", "ServiceAccount", name, namespace, labels, Map.of());
    }

    private static GenericKubernetesResource pod(String namespace, String name, Map<String, String> labels,
            Map<String, Object> spec, Map<String, Object> status) {
        return EstateGenerator.object("v1", "Pod", name, namespace, labels, Map.of("spec", spec, "status", status));
    }

    private static GenericKubernetesResource calico(String kind, String name, String namespace,
            Map<String, Object> spec) {
        return EstateGenerator.object(EstateGenerator.API_VERSION, kind, name, namespace, Map.of(), Map.of("spec", spec));
    }

    private String randomName(int length) {
        StringBuilder name = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            name.append(NAME_CHARACTERS.charAt(random.nextInt(NAME_CHARACTERS.length())));
        }
        return name.toString();
    }

    private static Map<String, String> orderedPairs(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
