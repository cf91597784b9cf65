package dev.policymatch.match;

import static dev.policymatch.match.Fixtures.gnp;
import static dev.policymatch.match.Fixtures.host;
import static dev.policymatch.match.Fixtures.labels;
import static dev.policymatch.match.Fixtures.np;
import static dev.policymatch.match.Fixtures.pod;
import static dev.policymatch.match.Fixtures.tier;
import static org.assertj.core.api.Assertions.assertThat;

import dev.policymatch.model.Policy;
import dev.policymatch.model.Tier;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The order of an endpoint's policies: untracked first, tiers, order, name. */
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
                Arguments.of("a NetworkPolicy ties by its qualified name <namespace>/<name>",
                        List.of(np("ns1", "b").order(1).build(), gnp("ns1").order(1).build(),
                                gnp("ns1/a").order(1).build()),
                        List.of(), List.of("ns1", "ns1/a", "ns1/b")));
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
                .map(Policy::qualifiedName).toList();
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
        assertThat(index.upsertTier(tier("t2", 2.5))).as("same relative order: nothing changed").isEmpty();
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
