package dev.policymatch.match;

import static dev.policymatch.match.Fixtures.gnp;
import static dev.policymatch.match.Fixtures.host;
import static dev.policymatch.match.Fixtures.labels;
import static dev.policymatch.match.Fixtures.np;
import static dev.policymatch.match.Fixtures.pod;
import static dev.policymatch.match.Fixtures.tier;
import static org.assertj.core.api.Assertions.assertThat;

import dev.policymatch.model.DefaultAction;
import dev.policymatch.model.EndpointKey;
import dev.policymatch.model.Policy;
import dev.policymatch.model.PolicyKind;
import dev.policymatch.model.Tier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The order of an endpoint's policies: untracked first, tiers, order, then Felix 3.32's tie-break. */
class EnforcementOrderTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("by order, absent order last",
                        List.of(gnp("none").build(), gnp("o500").order(500).build(), gnp("o100").order(100).build()),
                        List.of(), List.of("o100", "o500", "none")),
                Arguments.of("500.5 between 500 and 501, 1e6 after both",
                        List.of(gnp("big").order(1e6).build(), gnp("b").order(500.5).build(),
                                gnp("c").order(501).build(), gnp("a").order(500).build()),
                        List.of(), List.of("a", "b", "c", "big")),
                Arguments.of("ties broken by name",
                        List.of(gnp("zeta").order(10).build(), gnp("alpha").order(10).build(),
                                gnp("nob").build(), gnp("noa").build()),
                        List.of(), List.of("alpha", "zeta", "noa", "nob")),
                Arguments.of("untracked first, even with a larger order",
                        List.of(gnp("normal").order(1).build(), gnp("donottrack").order(500).untracked().build()),
                        List.of(), List.of("donottrack", "normal")),
                Arguments.of("the calicoq reference example: untracked 500 before normal 400",
                        List.of(gnp("abc").order(400).build(), gnp("donottrack").order(500).untracked().build()),
                        List.of(), List.of("donottrack", "abc")),
                Arguments.of("tiers before policy order; default tier is 1,000,000",
                        List.of(gnp("d1").order(1).build(), gnp("s1").tier("security").order(900).build(),
                                gnp("late").tier("late").order(1).build()),
                        List.of(tier("security", 100d), tier("late", 2e6)), List.of("s1", "d1", "late")),
                Arguments.of("a tier without order comes after ordered tiers",
                        List.of(gnp("u").tier("unordered").order(1).build(), gnp("d").order(5).build()),
                        List.of(tier("unordered", null)), List.of("d", "u")),
                Arguments.of("tiers with equal order by name",
                        List.of(gnp("b1").tier("b").order(1).build(), gnp("a1").tier("a").order(9).build()),
                        List.of(tier("a", 10d), tier("b", 10d)), List.of("a1", "b1")),
                Arguments.of("a tier with no Tier resource comes after every existing tier",
                        List.of(gnp("ghost").tier("aaa-missing").order(1).build(),
                                gnp("u").tier("unordered").order(1).build(), gnp("d").order(1).build()),
                        List.of(tier("unordered", null)), List.of("d", "u", "ghost")),
                Arguments.of("a default Tier resource overrides the implicit order",
                        List.of(gnp("d").order(1).build(), gnp("s").tier("security").order(1).build()),
                        List.of(tier("default", 10d), tier("security", 100d)), List.of("d", "s")),
                Arguments.of("ties on <name>/<namespace>/<kind> (3.32): b/ns1/NetworkPolicy, ns1.a//..., ns1//...",
                        List.of(np("ns1", "b").order(1).build(), gnp("ns1").order(1).build(),
                                gnp("ns1.a").order(1).build()),
                        List.of(), List.of("ns1/b", "ns1.a", "ns1")),
                Arguments.of("built-in tiers without Tier resources: kube-admin 1000, default 1e6, kube-baseline 1e7",
                        List.of(gnp("u").tier("kube-baseline").order(1).build(), gnp("d").order(5).build(),
                                gnp("a").tier("kube-admin").order(900).build()),
                        List.of(), List.of("a", "d", "u")),
                Arguments.of("the 3.29-3.31 built-in tiers too: adminnetworkpolicy 1000, baselineadminnetworkpolicy 1e7",
                        List.of(gnp("b").tier("baselineadminnetworkpolicy").order(1).build(),
                                gnp("d").order(5).build(), gnp("a").tier("adminnetworkpolicy").order(1).build()),
                        List.of(), List.of("a", "d", "b")),
                Arguments.of("a tier only named by policies sorts after the built-in ones",
                        List.of(gnp("g").tier("ghost").order(1).build(), gnp("h").tier("kube-baseline").order(1).build()),
                        List.of(), List.of("h", "g")),
                Arguments.of("a kube-admin Tier resource wins over the built-in order",
                        List.of(gnp("a").tier("kube-admin").order(1).build(), gnp("d").order(1).build()),
                        List.of(tier("kube-admin", 2e6)), List.of("d", "a")),
                Arguments.of("staged policies take their place in the order (3.32 tie: x//GNP < x//SGNP)",
                        List.of(gnp("lockdown").kind(PolicyKind.STAGED_GLOBAL_NETWORK_POLICY).order(100).build(),
                                gnp("allow-db").order(100).build(), gnp("early").order(50)
                                        .kind(PolicyKind.STAGED_GLOBAL_NETWORK_POLICY).build()),
                        List.of(), List.of("staged:early", "allow-db", "staged:lockdown")));
    }

    /**
     * Research table of Felix's {@code PolKVLess} (felix/calc/policy_sorter.go): the same tier, the same order;
     * Calico has no table for it. Each row lists the 3.32 order (what PolicyMatch follows) and, for the record,
     * the 3.28-3.31 one (ties on the v1 name), which docs/kubernetes.md lists.
     */
    static Stream<Arguments> tieBreaks() {
        return Stream.of(
                Arguments.of(List.of(gnp("b").build(), np("z", "a").build()),
                        List.of("z/a", "b"), List.of("b", "z/a")),
                Arguments.of(List.of(gnp("allow").build(), gnp("allow-dns").build()),
                        List.of("allow-dns", "allow"), List.of("allow", "allow-dns")),
                Arguments.of(List.of(gnp("allow").build(), gnp("allow0").build()),
                        List.of("allow", "allow0"), List.of("allow", "allow0")),
                Arguments.of(List.of(cnp("a"), cnp("a.b")),
                        List.of("kcnp.a.b", "kcnp.a"), List.of("kcnp.a", "kcnp.a.b")),
                Arguments.of(List.of(np("ns1", "a").build(), np("ns1", "a").kind(PolicyKind.KUBERNETES_NETWORK_POLICY)
                                .build()),
                        List.of("ns1/knp.default.a", "ns1/a"), List.of("ns1/a", "ns1/knp.default.a")),
                Arguments.of(List.of(gnp("x").build(), gnp("x").kind(PolicyKind.STAGED_GLOBAL_NETWORK_POLICY).build()),
                        List.of("x", "staged:x"), List.of("staged:x", "x")),
                Arguments.of(List.of(gnp("a").build(), gnp("a").kind(PolicyKind.STAGED_GLOBAL_NETWORK_POLICY).build()),
                        List.of("a", "staged:a"), List.of("a", "staged:a")),
                Arguments.of(List.of(np("ns", "x").build(),
                                np("ns", "x").kind(PolicyKind.STAGED_NETWORK_POLICY).build(),
                                np("ns", "x").kind(PolicyKind.STAGED_KUBERNETES_NETWORK_POLICY).build(),
                                np("ns", "x").kind(PolicyKind.KUBERNETES_NETWORK_POLICY).build()),
                        List.of("ns/knp.default.x", "ns/x", "ns/staged:knp.default.x", "ns/staged:x"),
                        List.of("ns/knp.default.x", "ns/staged:knp.default.x", "ns/staged:x", "ns/x")),
                Arguments.of(List.of(np("ns1", "b").build(), np("ns2", "a").build()),
                        List.of("ns2/a", "ns1/b"), List.of("ns1/b", "ns2/a")),
                Arguments.of(List.of(gnp("x").tier("kube-admin").build(), cnp("x")),
                        List.of("x", "kcnp.x"), List.of("kcnp.x", "x")));
    }

    @ParameterizedTest
    @MethodSource("tieBreaks")
    void tiesBreakAsFelix332(List<Policy> policies, List<String> felix332, List<String> felix331) {
        EnforcementOrder order = new EnforcementOrder(Map.of());
        for (List<Policy> input : List.of(policies, reversed(policies))) {
            List<Policy> sorted = new ArrayList<>(input);
            sorted.sort(order);
            assertThat(sorted).extracting(Policy::legacyName).containsExactlyElementsOf(felix332);
            // 3.28-3.31 compared the v1 names, which the legacy names are.
            sorted.sort(Comparator.comparing(Policy::legacyName));
            assertThat(sorted).extracting(Policy::legacyName).containsExactlyElementsOf(felix331);
        }
    }

    /** Felix's TestPolicySorter_Sorting (felix/calc/policy_sorter_test.go, v3.32.1): each case in order and reversed. */
    static Stream<Arguments> tierSorting() {
        return Stream.of(
                Arguments.of("valid sorts ahead of invalid", List.of(tier("foo", 10d)), List.of("bar", "foo"),
                        List.of("foo", "bar")),
                Arguments.of("both invalid, nil order", List.of(), List.of("foo", "bar"), List.of("bar", "foo")),
                Arguments.of("both valid, nil order", List.of(tier("foo", null), tier("bar", null)),
                        List.of("foo", "bar"), List.of("bar", "foo")),
                Arguments.of("both valid, by order", List.of(tier("bar", 10d), tier("foo", 1d)),
                        List.of("bar", "foo"), List.of("foo", "bar")),
                Arguments.of("non-nil before nil", List.of(tier("bar", null), tier("baz", 10d), tier("foo", 1d)),
                        List.of("bar", "baz", "foo"), List.of("foo", "baz", "bar")),
                Arguments.of("equal order by name", List.of(tier("baz", 10d), tier("foo", 10d)),
                        List.of("baz", "foo"), List.of("baz", "foo")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tierSorting")
    void tiersSortAsFelix(String description, List<Tier> tiers, List<String> names, List<String> expected) {
        Map<String, Tier> byName = new HashMap<>();
        tiers.forEach(tier -> byName.put(tier.name(), tier));
        EnforcementOrder order = new EnforcementOrder(byName);
        for (List<String> input : List.of(names, reversed(names))) {
            List<String> sorted = new ArrayList<>(input);
            sorted.sort(order::compareTiers);
            assertThat(sorted).isEqualTo(expected);
        }
    }

    /** MatchIndex tells the order when a tier changes; until then a name resolves to the same instance. */
    @Test
    void aTierIsResolvedOnceUntilForgotten() {
        Map<String, Tier> tiers = new HashMap<>(Map.of("t", tier("t", 5d)));
        EnforcementOrder order = new EnforcementOrder(tiers);
        EffectiveTier first = order.tier("t");

        tiers.put("t", tier("t", 9d));
        assertThat(order.tier("t")).isSameAs(first);
        order.forget("t");
        assertThat(order.tier("t").tier()).isEqualTo(tier("t", 9d));
    }

    @Test
    void tiersResolveToTheResourceTheBuiltInOrNone() {
        EnforcementOrder order = new EnforcementOrder(Map.of("t", tier("t", 5d, DefaultAction.PASS),
                "kube-admin", tier("kube-admin", 7d)));
        assertThat(order.tier("t")).isEqualTo(new EffectiveTier(tier("t", 5d, DefaultAction.PASS),
                EffectiveTier.Source.RESOURCE));
        assertThat(order.tier("kube-admin").tier()).as("a read Tier wins").isEqualTo(tier("kube-admin", 7d));
        assertThat(order.tier("kube-baseline")).isEqualTo(new EffectiveTier(
                tier("kube-baseline", 1e7, DefaultAction.PASS), EffectiveTier.Source.BUILT_IN));
        assertThat(order.tier("default")).isEqualTo(new EffectiveTier(
                tier("default", 1e6, DefaultAction.DENY), EffectiveTier.Source.BUILT_IN));
        assertThat(order.tier("ghost")).as("no Tier resource: invalid, no order, Deny").isEqualTo(
                new EffectiveTier(tier("ghost", null, DefaultAction.DENY), EffectiveTier.Source.NONE));
        assertThat(order.tier("ghost").valid()).isFalse();
    }

    @Test
    void resultsCarryTheTiersOfTheirPoliciesAndFollowTierChanges() {
        MatchIndex index = MatchIndex.builder()
                .endpoint(host("h1", labels("a", "1")))
                .policy(gnp("x").tier("t1").selector("has(a)").build())
                .policy(gnp("y").tier("ghost").selector("has(a)").build())
                .policy(gnp("z").tier("kube-admin").selector("has(a)").build())
                .tier(tier("t1", 1d))
                .build();
        EndpointKey h1 = host("h1", labels()).key();
        assertThat(index.match(h1).orElseThrow().tiers()).containsOnlyKeys("t1", "ghost", "kube-admin");
        assertThat(index.match(h1).orElseThrow().tiers().get("kube-admin").defaultAction())
                .isEqualTo(DefaultAction.PASS);
        assertThat(index.upsertTier(tier("t1", 1d, DefaultAction.PASS)))
                .as("same order, new default action: the result changes").containsExactly(h1);
        assertThat(index.match(h1).orElseThrow().tiers().get("t1").defaultAction()).isEqualTo(DefaultAction.PASS);
        assertThat(index.removePolicy(PolicyKey.global("y"))).containsExactly(h1);
        assertThat(index.match(h1).orElseThrow().tiers()).containsOnlyKeys("t1", "kube-admin");
        assertThat(index.match(h1)).isEqualTo(Optional.of(NaiveMatch.compute(index.endpoints(),
                index.policies().stream().map(CompiledPolicy::policy).toList(), List.of(),
                List.of(tier("t1", 1d, DefaultAction.PASS))).get(h1)));
    }

    private static Policy cnp(String name) {
        return gnp(name).tier("kube-admin").kind(PolicyKind.KUBERNETES_CLUSTER_NETWORK_POLICY).build();
    }

    private static <T> List<T> reversed(List<T> list) {
        List<T> copy = new ArrayList<>(list);
        Collections.reverse(copy);
        return copy;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void order(String description, List<Policy> policies, List<Tier> tiers, List<String> expected) {
        MatchIndex index = MatchIndex.builder()
                .endpoint(pod("ns1", "p", labels()))
                .policies(policies)
                .tiers(tiers)
                .build();
        List<String> names = index.match(pod("ns1", "p", labels()).key()).orElseThrow().policies().stream()
                .map(Policy::legacyName).toList();
        assertThat(names).isEqualTo(expected);
    }

    @Test
    void tierChangesReorderAndReportOnlyAffectedEndpoints() {
        MatchIndex index = MatchIndex.builder()
                .endpoint(host("h1", labels("a", "1")))
                .endpoint(host("h2", labels("b", "1")))
                .policy(gnp("x").tier("t1").selector("has(a)").build())
                .policy(gnp("y").tier("t2").selector("has(a)").build())
                .policy(gnp("z").selector("has(b)").build())
                .tier(tier("t1", 1d))
                .tier(tier("t2", 2d))
                .build();
        assertThat(names(index, "h1")).containsExactly("x", "y");
        assertThat(index.upsertTier(tier("t1", 3d))).containsExactly(host("h1", labels()).key());
        assertThat(names(index, "h1")).containsExactly("y", "x");
        assertThat(index.upsertTier(tier("t1", 3d))).isEmpty();
        assertThat(index.upsertTier(tier("t2", 2.5))).as("same relative order, but the tier's order is shown")
                .containsExactly(host("h1", labels()).key());
        assertThat(index.upsertTier(tier("t3", 0.5))).as("a tier no policy is in").isEmpty();
        assertThat(index.upsertTier(tier("t1", 1d))).containsExactly(host("h1", labels()).key());
        assertThat(names(index, "h1")).containsExactly("x", "y");
        assertThat(index.removeTier("t1")).as("a tier without resource sorts last").containsExactly(host("h1", labels()).key());
        assertThat(names(index, "h1")).containsExactly("y", "x");
        assertThat(index.upsertTier(tier("other", 1d))).isEmpty();
    }

    private static List<String> names(MatchIndex index, String host) {
        return index.match(host(host, labels()).key()).orElseThrow().policies().stream().map(Policy::name).toList();
    }
}
