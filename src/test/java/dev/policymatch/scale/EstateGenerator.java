package dev.policymatch.scale;

import dev.policymatch.devcluster.EmbeddedApiServer;
import dev.policymatch.source.document.CalicoApiGroup;
import dev.policymatch.source.document.ResourceKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * A realistic Calico estate for the scale driver, Calico's kinds as the {@code crd.projectcalico.org/v1}
 * objects a Kubernetes-datastore Calico stores (the shape of {@code examples/cluster/}), generated
 * deterministically from a seed:
 * <ul>
 * <li>nodes with {@code eth0} (IPv4, and IPv6 on half of them), a third with {@code bond0}, a few
 * protected on all interfaces ({@code "*"}), one HostEndpoint each, labelled with realistic
 * cardinalities: 6 zones, ~40 nodes per rack, 10 roles (skewed), 3 environments (60/25/15 %), one
 * app out of endpoints/25, and {@code network} public or internal;</li>
 * <li>tiers {@code security}, {@code platform}, {@code tenant} (plus Calico's {@code default});</li>
 * <li>profiles per environment and per role, with {@code labelsToApply}; endpoints name one or two;</li>
 * <li>host policies, each in a tier, with a selector from a mix of broad (a role in an environment),
 * medium (a role in a zone) and narrow (an app, a rack) shapes, and two rules: an Allow from a peer
 * selector on a port, then Pass (outside the default tier) or Deny; in an estate without pods 80 % are
 * global and 20 % namespaced over 10 namespaces;</li>
 * <li>in a mixed estate ({@link Size#mixed}) also what a cluster runs beside its hosts, as core
 * {@code v1} and {@code networking.k8s.io/v1} objects: namespaces, service accounts, pods on the
 * HostEndpoints' nodes, broad GlobalNetworkPolicies, Calico NetworkPolicies and Kubernetes
 * NetworkPolicies for pods ({@link WorkloadGenerator}); host policies are then a fifth of the policies.</li>
 * </ul>
 * {@link #load} puts it into an {@link EmbeddedApiServer} with a few parallel creates.
 */
public final class EstateGenerator {

    public static final Path CALICO_CRDS = Path.of("crds/calico");
    static final String GROUP = "crd.projectcalico.org";
    static final String API_VERSION = GROUP + "/v1";

    static final List<String> ZONES = List.of("zone-a", "zone-b", "zone-c", "zone-d", "zone-e", "zone-f");
    /** Roles with how often they occur: many web and worker nodes, few bastions. */
    static final Map<String, Integer> ROLES = orderedWeights(
            "web", 25, "worker", 20, "api", 15, "db", 8, "cache", 8, "queue", 6, "storage", 6, "monitor", 5,
            "edge", 5, "bastion", 2);
    static final Map<String, Integer> ENVS = orderedWeights("prod", 60, "staging", 25, "dev", 15);
    static final List<String> TIERS = List.of("security", "platform", "tenant");
    static final int NAMESPACES = 10;
    static final int[] PORTS = {22, 80, 443, 5432, 6379, 8080, 9090, 9100};

    /**
     * How much to generate: HostEndpoints, pods that get a workload endpoint (plus a few that do not), namespaces
     * (two of them system ones) and Calico and Kubernetes policies. Without pods, the estate of HostEndpoints
     * and Calico policies alone, 20 % of them NetworkPolicies in {@value #NAMESPACES} tenant namespaces.
     */
    public record Size(int hostEndpoints, int pods, int namespaces, int policies) {
        public Size {
            if (hostEndpoints < 1 || pods < 0 || policies < 0) {
                throw new IllegalArgumentException("need at least one HostEndpoint and no negative count: "
                        + hostEndpoints + " HostEndpoints, " + pods + " pods, " + policies + " policies");
            }
            if (pods > 0 && (pods < 10 || namespaces < 3)) {
                throw new IllegalArgumentException("pods need at least 10 of them and 3 namespaces: " + pods
                        + " pods, " + namespaces + " namespaces");
            }
        }

        /** HostEndpoints and Calico policies only. */
        public Size(int hostEndpoints, int policies) {
            this(hostEndpoints, 0, 0, policies);
        }

        /**
         * A cluster's mix for {@code endpoints} endpoints (reports): 10 % HostEndpoints, 90 % pods, a namespace
         * per 100 endpoints (at least 10), a policy per 50 (at least 40), as issue 15 sizes it: at 100,000, 10,000
         * HostEndpoints, 90,000 pods in 1,000 namespaces and 2,000 policies.
         */
        public static Size mixed(int endpoints) {
            return mixed(endpoints, Math.max(40, endpoints / 50));
        }

        /** {@link #mixed(int)} with another number of policies (at least 40: the broad and host ones need some). */
        public static Size mixed(int endpoints, int policies) {
            if (endpoints < 100) {
                throw new IllegalArgumentException("a mixed estate needs at least 100 endpoints: " + endpoints);
            }
            if (policies < 40) {
                throw new IllegalArgumentException("a mixed estate needs at least 40 policies: " + policies);
            }
            int hosts = endpoints / 10;
            return new Size(hosts, endpoints - hosts, Math.max(10, endpoints / 100), policies);
        }

        /** HostEndpoints and pods with a workload endpoint: the reports the operator writes. */
        public int endpoints() {
            return hostEndpoints + pods;
        }
    }

    /** The generated objects, by kind, each list in creation order. */
    public record Estate(Size requested, List<GenericKubernetesResource> tiers, List<GenericKubernetesResource> profiles,
            List<GenericKubernetesResource> namespaces, List<GenericKubernetesResource> serviceAccounts,
            List<GenericKubernetesResource> hostEndpoints, List<GenericKubernetesResource> pods,
            List<GenericKubernetesResource> globalNetworkPolicies, List<GenericKubernetesResource> networkPolicies,
            List<GenericKubernetesResource> kubernetesNetworkPolicies) {

        /**
         * What policies and endpoints refer to first (tiers, profiles, namespaces, service accounts), then
         * endpoints, then policies.
         */
        public List<GenericKubernetesResource> all() {
            return Stream.of(tiers, profiles, namespaces, serviceAccounts, hostEndpoints, pods, globalNetworkPolicies,
                    networkPolicies, kubernetesNetworkPolicies).flatMap(List::stream).toList();
        }

        public int size() {
            return tiers.size() + profiles.size() + namespaces.size() + serviceAccounts.size() + hostEndpoints.size()
                    + pods.size() + policies();
        }

        public int policies() {
            return globalNetworkPolicies.size() + networkPolicies.size() + kubernetesNetworkPolicies.size();
        }
    }

    private final Random random;

    private EstateGenerator(long seed) {
        this.random = new Random(seed);
    }

    /** The same size and seed always give the same estate. */
    public static Estate generate(Size size, long seed) {
        return new EstateGenerator(seed).estate(size);
    }

    private Estate estate(Size size) {
        List<GenericKubernetesResource> tiers = new ArrayList<>();
        for (int i = 0; i < TIERS.size(); i++) {
            tiers.add(object("Tier", TIERS.get(i), null, Map.of(), Map.of("order", 100 * (i + 1))));
        }
        List<GenericKubernetesResource> profiles = new ArrayList<>();
        ENVS.keySet().forEach(env -> profiles.add(profile("env-" + env, Map.of("env", env))));
        ROLES.keySet().forEach(role -> profiles.add(profile("role-" + role, Map.of("role", role))));

        int apps = Math.max(1, size.hostEndpoints() / 25);
        List<GenericKubernetesResource> heps = new ArrayList<>();
        List<WorkloadGenerator.Node> nodes = new ArrayList<>();
        for (int node = 0; heps.size() < size.hostEndpoints(); node++) {
            String nodeName = String.format("node-%05d", node);
            nodes.add(new WorkloadGenerator.Node(nodeName, addresses(node, "eth0").get(0)));
            String zone = ZONES.get(node % ZONES.size());
            String rack = String.format("%s-rack-%02d", zone, node / ZONES.size() / 40);
            String role = weighted(ROLES);
            String env = weighted(ENVS);
            String app = String.format("app-%04d", random.nextInt(apps));
            boolean allInterfaces = random.nextInt(50) == 0;
            List<String> interfaces = allInterfaces ? List.of("*")
                    : random.nextInt(3) == 0 ? List.of("eth0", "bond0") : List.of("eth0");
            for (String iface : interfaces) {
                if (heps.size() == size.hostEndpoints()) {
                    break;
                }
                Map<String, String> labels = new LinkedHashMap<>();
                labels.put("zone", zone);
                labels.put("rack", rack);
                labels.put("role", role);
                labels.put("env", env);
                labels.put("app", app);
                labels.put("network", iface.equals("eth0") && role.equals("edge") ? "public" : "internal");
                Map<String, Object> spec = new LinkedHashMap<>();
                spec.put("node", nodeName);
                spec.put("interfaceName", iface);
                spec.put("expectedIPs", addresses(node, iface));
                List<String> profileNames = random.nextBoolean() ? List.of("env-" + env)
                        : List.of("env-" + env, "role-" + role);
                spec.put("profiles", profileNames);
                if (role.equals("web") || role.equals("edge")) {
                    spec.put("ports", List.of(Map.of("name", "https", "protocol", "TCP", "port", 443)));
                }
                String ifaceName = iface.equals("*") ? "all" : iface;
                heps.add(object("HostEndpoint", nodeName + "-" + ifaceName, null, labels, spec));
            }
        }

        if (size.pods() == 0) {
            List<GenericKubernetesResource> global = new ArrayList<>();
            List<GenericKubernetesResource> namespaced = new ArrayList<>();
            for (int i = 0; i < size.policies(); i++) {
                boolean isGlobal = random.nextInt(5) != 0;
                GenericKubernetesResource policy = hostPolicy(i, apps, isGlobal);
                (isGlobal ? global : namespaced).add(policy);
            }
            return new Estate(size, tiers, profiles, List.of(), List.of(), heps, List.of(), global, namespaced,
                    List.of());
        }

        WorkloadGenerator workloads = new WorkloadGenerator(random, nodes);
        WorkloadGenerator.Workloads generated = workloads.workloads(size.namespaces(), size.pods());
        // Of the policies: the broad ones, then a fifth for hosts, a third of the rest Calico's for pods in a
        // namespace, the others Kubernetes NetworkPolicies.
        List<GenericKubernetesResource> global = new ArrayList<>(workloads.broadGlobalPolicies());
        List<GenericKubernetesResource> namespaced = new ArrayList<>();
        List<GenericKubernetesResource> kubernetes = new ArrayList<>();
        for (int i = global.size(); i < size.policies(); i++) {
            int kind = random.nextInt(15);
            if (kind < 3) {
                global.add(hostPolicy(i, apps, true));
            } else if (kind < 7) {
                namespaced.add(workloads.calicoNetworkPolicy(i));
            } else {
                kubernetes.add(workloads.kubernetesNetworkPolicy(i));
            }
        }
        return new Estate(size, tiers, profiles, generated.namespaces(), generated.serviceAccounts(), heps,
                generated.pods(), global, namespaced, kubernetes);
    }

    /**
     * A Calico policy for HostEndpoints, global or in one of the {@value #NAMESPACES} tenant namespaces, with a
     * selector from {@link #selector} and two rules: an Allow from a peer on a port, then Pass or Deny.
     */
    private GenericKubernetesResource hostPolicy(int i, int apps, boolean isGlobal) {
        String tier = random.nextInt(4) == 0 ? "default" : TIERS.get(random.nextInt(TIERS.size()));
        String name = tier + "." + String.format("policy-%05d", i);
        Map<String, Object> spec = new LinkedHashMap<>();
        if (!tier.equals("default")) {
            spec.put("tier", tier);
        }
        spec.put("order", 10 * (1 + random.nextInt(100)));
        spec.put("selector", selector(apps));
        boolean ingress = random.nextInt(4) != 0;
        spec.put("types", List.of(ingress ? "Ingress" : "Egress"));
        Map<String, Object> allow = new LinkedHashMap<>();
        allow.put("action", "Allow");
        allow.put("protocol", "TCP");
        Map<String, Object> peer = Map.of("selector", peerSelector());
        Map<String, Object> port = Map.of("ports", List.of(PORTS[random.nextInt(PORTS.length)]));
        if (ingress) {
            allow.put("source", peer);
            allow.put("destination", port);
        } else {
            Map<String, Object> destination = new LinkedHashMap<>(peer);
            destination.putAll(port);
            allow.put("destination", destination);
        }
        Map<String, Object> last = Map.of("action", tier.equals("default") ? "Deny" : "Pass");
        spec.put(ingress ? "ingress" : "egress", List.of(allow, last));
        return isGlobal ? object("GlobalNetworkPolicy", name, null, Map.of(), spec)
                : object("NetworkPolicy", name, "tenant-" + random.nextInt(NAMESPACES), Map.of(), spec);
    }

    private List<String> addresses(int node, String iface) {
        String v4 = switch (iface) {
            case "bond0" -> String.format("172.16.%d.%d", node / 250, node % 250 + 1);
            default -> String.format("10.%d.%d.%d", node / 62500, node / 250 % 250, node % 250 + 1);
        };
        if (iface.equals("bond0") || node % 2 == 1) {
            return List.of(v4);
        }
        return List.of(v4, String.format("fd00:10::%x:%x", (node + 1) >>> 16, (node + 1) & 0xffff));
    }

    private String selector(int apps) {
        int shape = random.nextInt(10);
        if (shape < 2) {
            return String.format("role == '%s' && env == '%s'", weighted(ROLES), weighted(ENVS));
        }
        if (shape < 5) {
            return String.format("role == '%s' && zone == '%s'", weighted(ROLES), ZONES.get(random.nextInt(ZONES.size())));
        }
        if (shape < 8) {
            return String.format("app in {'app-%04d', 'app-%04d'}", random.nextInt(apps), random.nextInt(apps));
        }
        if (shape < 9) {
            return String.format("has(app) && network == 'public' && env != '%s'", weighted(ENVS));
        }
        return String.format("rack == '%s-rack-%02d'", ZONES.get(random.nextInt(ZONES.size())), random.nextInt(3));
    }

    private String peerSelector() {
        return random.nextBoolean() ? String.format("role == '%s'", weighted(ROLES))
                : String.format("zone == '%s' && role in {'bastion', 'monitor'}", ZONES.get(random.nextInt(ZONES.size())));
    }

    private String weighted(Map<String, Integer> weights) {
        return weighted(random, weights);
    }

    /** One of the keys, each as often as its weight says. */
    static String weighted(Random random, Map<String, Integer> weights) {
        int total = weights.values().stream().mapToInt(Integer::intValue).sum();
        int pick = random.nextInt(total);
        for (Map.Entry<String, Integer> e : weights.entrySet()) {
            pick -= e.getValue();
            if (pick < 0) {
                return e.getKey();
            }
        }
        throw new AssertionError();
    }

    private static GenericKubernetesResource profile(String name, Map<String, String> labelsToApply) {
        return object("Profile", name, null, Map.of(),
                Map.of("labelsToApply", labelsToApply, "ingress", List.of(Map.of("action", "Allow")),
                        "egress", List.of(Map.of("action", "Allow"))));
    }

    private static GenericKubernetesResource object(String kind, String name, String namespace,
            Map<String, String> labels, Map<String, Object> spec) {
        return object(API_VERSION, kind, name, namespace, labels, Map.of("spec", spec));
    }

    /** An object with top-level {@code sections} ({@code spec}, {@code status}) besides its metadata. */
    static GenericKubernetesResource object(String apiVersion, String kind, String name, String namespace,
            Map<String, String> labels, Map<String, Object> sections) {
        GenericKubernetesResourceBuilder builder = new GenericKubernetesResourceBuilder()
                .withApiVersion(apiVersion).withKind(kind)
                .withNewMetadata().withName(name).withNamespace(namespace)
                .withLabels(labels.isEmpty() ? null : labels).endMetadata();
        // spec before status, as the API server writes them
        sections.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(section -> builder.addToAdditionalProperties(section.getKey(), section.getValue()));
        return builder.build();
    }

    private static Map<String, Integer> orderedWeights(Object... pairs) {
        Map<String, Integer> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (Integer) pairs[i + 1]);
        }
        return map;
    }

    // ---- loading --------------------------------------------------------------------------------

    /** The kind of a generated object, by its apiVersion and kind ({@code v1 Pod}, {@code crd.projectcalico.org/v1 Tier}). */
    static ResourceKind kindOf(GenericKubernetesResource object) {
        for (ResourceKind kind : ResourceKind.values()) {
            if (kind.kindName().equals(object.getKind())
                    && kind.apiVersion(CalicoApiGroup.CRD_V1).equals(object.getApiVersion())) {
                return kind;
            }
        }
        throw new IllegalArgumentException("not a kind the estate has: " + object.getApiVersion() + " "
                + object.getKind());
    }

    /**
     * Creates every object of the estate in the server (whose Calico CRDs must be installed, see
     * {@link #CALICO_CRDS}), tiers and profiles first, with {@code threads} parallel creates, and
     * returns how long it took. The mock serialises writes behind one lock, so parallel creates are
     * safe; they overlap the HTTP round trips.
     */
    public static Duration load(EmbeddedApiServer server, Estate estate, int threads) {
        long start = System.nanoTime();
        KubernetesClient client = server.client();
        if (estate.namespaces().isEmpty()) {
            estate.networkPolicies().stream().map(p -> p.getMetadata().getNamespace()).distinct()
                    .forEach(server::ensureNamespace);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            // Referenced objects before the objects that reference them, as kubectl apply of a directory would.
            for (List<GenericKubernetesResource> batch : List.of(
                    concat(estate.tiers(), estate.profiles(), estate.namespaces(), estate.serviceAccounts()),
                    concat(estate.hostEndpoints(), estate.pods()),
                    concat(estate.globalNetworkPolicies(), estate.networkPolicies(),
                            estate.kubernetesNetworkPolicies()))) {
                List<Future<?>> created = new ArrayList<>();
                for (GenericKubernetesResource object : batch) {
                    created.add(pool.submit(() -> create(client, object)));
                }
                for (Future<?> f : created) {
                    f.get();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading the estate", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("loading the estate failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static void create(KubernetesClient client, GenericKubernetesResource object) {
        var type = client.genericKubernetesResources(kindOf(object).context());
        if (object.getMetadata().getNamespace() != null) {
            type.inNamespace(object.getMetadata().getNamespace()).resource(object).create();
        } else {
            type.resource(object).create();
        }
    }

    @SafeVarargs
    private static <T> List<T> concat(List<T>... lists) {
        return Stream.of(lists).flatMap(List::stream).toList();
    }
}
