package dev.policymatch.scale;

import dev.policymatch.devcluster.EmbeddedApiServer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
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
 * A realistic Calico estate for the scale driver, as the {@code crd.projectcalico.org/v1}
 * objects a Kubernetes-datastore Calico stores (the shape of {@code examples/cluster/}), generated
 * deterministically from a seed:
 * <ul>
 * <li>nodes with {@code eth0} (IPv4, and IPv6 on half of them), a third with {@code bond0}, a few
 * protected on all interfaces ({@code "*"}), one HostEndpoint each, labelled with realistic
 * cardinalities: 6 zones, ~40 nodes per rack, 10 roles (skewed), 3 environments (60/25/15 %), one
 * app out of endpoints/25, and {@code network} public or internal;</li>
 * <li>tiers {@code security}, {@code platform}, {@code tenant} (plus Calico's {@code default});</li>
 * <li>profiles per environment and per role, with {@code labelsToApply}; endpoints name one or two;</li>
 * <li>policies, 80 % global and 20 % namespaced over 10 namespaces, each in a tier, with a selector
 * from a mix of broad (a role in an environment), medium (a role in a zone) and narrow (an app, a
 * rack) shapes, and two rules: an Allow from a peer selector on a port, then Pass (outside the
 * default tier) or Deny.</li>
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

    /** How much to generate. */
    public record Size(int hostEndpoints, int policies) {
        public Size {
            if (hostEndpoints < 1 || policies < 0) {
                throw new IllegalArgumentException("need at least one HostEndpoint: " + hostEndpoints);
            }
        }
    }

    /** The generated objects, by kind, each list in creation order. */
    public record Estate(List<GenericKubernetesResource> tiers, List<GenericKubernetesResource> profiles,
            List<GenericKubernetesResource> hostEndpoints, List<GenericKubernetesResource> globalNetworkPolicies,
            List<GenericKubernetesResource> networkPolicies) {

        /** Tiers and profiles first (what policies and endpoints refer to), then endpoints, then policies. */
        public List<GenericKubernetesResource> all() {
            return Stream.of(tiers, profiles, hostEndpoints, globalNetworkPolicies, networkPolicies)
                    .flatMap(List::stream).toList();
        }

        public int size() {
            return all().size();
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
        for (int node = 0; heps.size() < size.hostEndpoints(); node++) {
            String nodeName = String.format("node-%05d", node);
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

        List<GenericKubernetesResource> global = new ArrayList<>();
        List<GenericKubernetesResource> namespaced = new ArrayList<>();
        for (int i = 0; i < size.policies(); i++) {
            boolean isGlobal = random.nextInt(5) != 0;
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
            if (isGlobal) {
                global.add(object("GlobalNetworkPolicy", name, null, Map.of(), spec));
            } else {
                namespaced.add(object("NetworkPolicy", name, "tenant-" + random.nextInt(NAMESPACES), Map.of(), spec));
            }
        }
        return new Estate(tiers, profiles, heps, global, namespaced);
    }

    private List<String> addresses(int node, String iface) {
        String v4 = switch (iface) {
            case "bond0" -> String.format("172.16.%d.%d", node / 250, node % 250 + 1);
            default -> String.format("10.%d.%d.%d", node / 62500, node / 250 % 250, node % 250 + 1);
        };
        if (iface.equals("bond0") || node % 2 == 1) {
            return List.of(v4);
        }
        return List.of(v4, String.format("fd00:10::%x", node + 1));
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
        return new GenericKubernetesResourceBuilder()
                .withApiVersion(API_VERSION).withKind(kind)
                .withNewMetadata().withName(name).withNamespace(namespace)
                .withLabels(labels.isEmpty() ? null : labels).endMetadata()
                .addToAdditionalProperties("spec", spec)
                .build();
    }

    private static Map<String, Integer> orderedWeights(Object... pairs) {
        Map<String, Integer> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (Integer) pairs[i + 1]);
        }
        return map;
    }

    // ---- loading --------------------------------------------------------------------------------

    /** The resource type of a generated kind, as the Calico CRDs in {@code crds/calico/} define it. */
    static ResourceDefinitionContext context(String kind) {
        String plural = switch (kind) {
            case "GlobalNetworkPolicy" -> "globalnetworkpolicies";
            case "NetworkPolicy" -> "networkpolicies";
            default -> kind.toLowerCase(java.util.Locale.ROOT) + "s";
        };
        return new ResourceDefinitionContext.Builder().withGroup(GROUP).withVersion("v1").withKind(kind)
                .withPlural(plural)
                .withNamespaced(kind.equals("NetworkPolicy"))
                .build();
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
        estate.networkPolicies().stream().map(p -> p.getMetadata().getNamespace()).distinct()
                .forEach(server::ensureNamespace);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            // Referenced objects before the objects that reference them, as kubectl apply of a directory would.
            for (List<GenericKubernetesResource> batch : List.of(
                    concat(estate.tiers(), estate.profiles()), estate.hostEndpoints(),
                    concat(estate.globalNetworkPolicies(), estate.networkPolicies()))) {
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
        var type = client.genericKubernetesResources(context(object.getKind()));
        if (object.getMetadata().getNamespace() != null) {
            type.inNamespace(object.getMetadata().getNamespace()).resource(object).create();
        } else {
            type.resource(object).create();
        }
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }
}
