package dev.policymatch.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Calico Tier; tiers are enforced by order (absent order last), ties by name. {@code defaultAction} is what
 * happens to traffic at the end of the tier when none of its policies decided ({@link DefaultAction}).
 */
public record Tier(String name, Double order, DefaultAction defaultAction) implements CalicoObject {
    public static final String DEFAULT = "default";
    /** Calico 3.32's tier of Kubernetes ClusterNetworkPolicies with {@code tier: Admin} ({@code lib/names}). */
    public static final String KUBE_ADMIN = "kube-admin";
    /** Calico 3.32's tier of Kubernetes ClusterNetworkPolicies with {@code tier: Baseline}. */
    public static final String KUBE_BASELINE = "kube-baseline";
    /** Calico 3.29–3.31's tier of AdminNetworkPolicies. */
    public static final String ADMIN_NETWORK_POLICY = "adminnetworkpolicy";
    /** Calico 3.30–3.31's tier of BaselineAdminNetworkPolicies. */
    public static final String BASELINE_ADMIN_NETWORK_POLICY = "baselineadminnetworkpolicy";

    /**
     * The tiers every cluster has without anyone writing them: {@code clientv3.EnsureInitialized}
     * ({@code libcalico-go/lib/clientv3/client.go}) creates them when absent and never overwrites one. Calico
     * 3.32 creates {@code default}, {@code kube-admin} and {@code kube-baseline}
     * ({@code api/pkg/apis/projectcalico/v3/tier.go} {@code KubeAdminTierOrder}, {@code DefaultTierOrder},
     * {@code KubeBaselineTierOrder}); 3.29 to 3.31 created {@code adminnetworkpolicy} and (3.30+)
     * {@code baselineadminnetworkpolicy} instead, which an upgraded cluster still has.
     */
    public static final List<Tier> BUILT_IN = List.of(
            new Tier(KUBE_ADMIN, 1_000d, DefaultAction.PASS),
            new Tier(DEFAULT, 1_000_000d, DefaultAction.DENY),
            new Tier(KUBE_BASELINE, 10_000_000d, DefaultAction.PASS),
            new Tier(ADMIN_NETWORK_POLICY, 1_000d, DefaultAction.PASS),
            new Tier(BASELINE_ADMIN_NETWORK_POLICY, 10_000_000d, DefaultAction.PASS));

    private static final Map<String, Tier> BUILT_IN_BY_NAME =
            BUILT_IN.stream().collect(Collectors.toUnmodifiableMap(Tier::name, Function.identity()));

    public Tier {
        defaultAction = defaultAction == null ? DefaultAction.DENY : defaultAction;
    }

    /** A tier without {@code defaultAction}: {@code Deny}. */
    public Tier(String name, Double order) {
        this(name, order, DefaultAction.DENY);
    }

    /** The built-in tier of that name, which stands in when no Tier resource of the name is read. */
    public static Optional<Tier> builtIn(String name) {
        return Optional.ofNullable(BUILT_IN_BY_NAME.get(name));
    }

    @Override
    public Family family() {
        return Family.TIER;
    }
}
