package dev.policymatch.match;

import static dev.policymatch.match.Fixtures.gnp;
import static dev.policymatch.match.Fixtures.host;
import static dev.policymatch.match.Fixtures.labels;
import static dev.policymatch.match.Fixtures.np;
import static dev.policymatch.match.Fixtures.pod;
import static dev.policymatch.match.Fixtures.profile;
import static dev.policymatch.match.Fixtures.rule;
import static org.assertj.core.api.Assertions.assertThat;

import dev.policymatch.model.EntityMatch;
import dev.policymatch.model.Policy;
import dev.policymatch.model.ServiceAccountMatch;
import dev.policymatch.model.WorkloadEndpoint;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The effective selector of a rule side, the string libcalico-go's {@code rules.go} builds and calicoq prints,
 * and the rule matches it gives: sides with only a {@code namespaceSelector}, {@code serviceAccounts} or
 * (in a namespaced policy) a {@code notSelector} match too.
 */
class RuleSelectorTest {

    private static EntityMatch side(String selector, String notSelector, String namespaceSelector,
            ServiceAccountMatch accounts) {
        return new EntityMatch(selector, notSelector, namespaceSelector, accounts, null, null, null, null);
    }

    private static ServiceAccountMatch accounts(String selector, String... names) {
        return new ServiceAccountMatch(List.of(names), selector);
    }

    /**
     * {@code libcalico-go/lib/backend/syncersv1/updateprocessors/rules_test.go} (v3.32.1), by line: the policy
     * namespace, the side, the expected SrcSelector/DstSelector. Line 31's selector {@code mylabel = value1} is
     * copied unparsed by Calico; PolicyMatch refuses a selector that does not parse, so it reads
     * {@code mylabel == 'value1'} here.
     */
    static Stream<Arguments> rulesTest() {
        return Stream.of(
                Arguments.of("31 src", "namespace2", side("mylabel == 'value1'", "has(label1)", null, null),
                        "(projectcalico.org/namespace == 'namespace2') && (mylabel == 'value1')"),
                Arguments.of("31 dst: only a notSelector, scoped all the same", "namespace2",
                        side(null, "has(label2)", null, null), "projectcalico.org/namespace == 'namespace2'"),
                Arguments.of("31 global, namespaceSelector", null,
                        side(null, "has(label2)", "namespacelabel1 == 'value1'", null),
                        "pcns.namespacelabel1 == \"value1\""),
                Arguments.of("31 namespaced, namespaceSelector wins over the policy's namespace", "namespace1",
                        side(null, "has(label2)", "namespacelabel2 == 'value2'", null),
                        "pcns.namespacelabel2 == \"value2\""),
                Arguments.of("31 namespaced, selector", "namespace1", side("mylabel == 'value1'", null, null, null),
                        "(projectcalico.org/namespace == 'namespace1') && (mylabel == 'value1')"),
                Arguments.of("268", null, side("has(foo)", null, null, null), "has(foo)"),
                Arguments.of("292 ports only", null, EntityMatch.ANY, ""),
                Arguments.of("292 ports only, namespaced", "namespace", EntityMatch.ANY, ""),
                Arguments.of("328", "namespace",
                        side("projectcalico.org/orchestrator == 'k8s'", null, "key == 'value'", null),
                        "(pcns.key == \"value\") && (projectcalico.org/orchestrator == 'k8s')"),
                Arguments.of("354", "namespace", side(null, null, "!has(key) || (has(key) && !key in {'value'})", null),
                        "(!has(pcns.key) || (has(pcns.key) && !pcns.key in {\"value\"}))"),
                Arguments.of("380 src", "namespace", side(null, null, null, accounts("key == 'value1'", "sa1", "sa2")),
                        "(projectcalico.org/namespace == 'namespace') && ((pcsa.key == \"value1\") && "
                                + "(projectcalico.org/serviceaccount in {\"sa1\", \"sa2\"}))"),
                Arguments.of("380 dst", "namespace",
                        side(null, null, "nskey == 'nsvalue'", accounts("key == 'value2'", "sa3")),
                        "(pcns.nskey == \"nsvalue\") && ((pcsa.key == \"value2\") && "
                                + "(projectcalico.org/serviceaccount in {\"sa3\"}))"),
                Arguments.of("415", null, side(null, null, null, accounts("key == 'value1'", "sa1", "sa2")),
                        "(pcsa.key == \"value1\") && (projectcalico.org/serviceaccount in {\"sa1\", \"sa2\"})"),
                Arguments.of("436 empty serviceAccounts", null, side(null, null, null, accounts(null)), ""),
                Arguments.of("501", "namespace",
                        side("has(label1)", null, "nskey == 'nsvalue'", accounts("key == 'value2'", "sa3")),
                        "(pcns.nskey == \"nsvalue\") && (((pcsa.key == \"value2\") && "
                                + "(projectcalico.org/serviceaccount in {\"sa3\"})) && (has(label1)))"),
                Arguments.of("544 red", "namespace", side("has(label1)", null, "namespace == 'red'", null),
                        "(pcns.namespace == \"red\") && (has(label1))"),
                Arguments.of("544 all()", "namespace", side("has(label2)", null, "all()", null),
                        "(has(projectcalico.org/namespace)) && (has(label2))"),
                Arguments.of("544 global()", "namespace", side("has(label3)", null, "global()", null),
                        "(!has(projectcalico.org/namespace)) && (has(label3))"));
    }

    @ParameterizedTest(name = "rules_test.go:{0}")
    @MethodSource("rulesTest")
    void effectiveSelectorIsCalicos(String line, String namespace, EntityMatch side, String expected) {
        assertThat(CompiledPolicy.entitySelector("ingress rule 1 source", side, namespace)).isEqualTo(expected);
    }

    private static final WorkloadEndpoint A1 = pod("a", "p1", labels(), "kns.a");
    private static final WorkloadEndpoint B2 = pod("b", "p2", labels(), "kns.b");

    private static MatchIndex.Builder namespaces() {
        return MatchIndex.builder()
                .profile(profile("kns.a", labels("pcns.team", "a", "pcns.projectcalico.org/name", "a")))
                .profile(profile("kns.b", labels("pcns.projectcalico.org/name", "b")));
    }

    private static List<String> ruleLines(MatchIndex index, WorkloadEndpoint endpoint) {
        return index.match(endpoint.key()).orElseThrow().ruleMatches().stream()
                .map(rule -> rule.policy().legacyName() + " " + rule.direction().label() + " rule "
                        + rule.ruleNumber() + " " + rule.side().label() + " " + rule.calicoSelector())
                .toList();
    }

    @Test
    void aNamespaceSelectorAloneMatches() {
        Policy policy = gnp("g").ingress(rule(side(null, null, "team == 'a'", null), null)).build();
        MatchIndex index = namespaces().endpoint(A1).endpoint(B2).policy(policy).build();
        assertThat(ruleLines(index, A1)).containsExactly("g inbound rule 1 source pcns.team == \"a\"");
        assertThat(ruleLines(index, B2)).isEmpty();
        RuleMatch match = index.match(A1.key()).orElseThrow().ruleMatches().get(0);
        assertThat(match.selector()).as("nothing written").isNull();
    }

    @Test
    void serviceAccountsAloneMatch() {
        WorkloadEndpoint api = pod("shop", "api", labels("projectcalico.org/serviceaccount", "api"));
        WorkloadEndpoint web = pod("shop", "web", labels("projectcalico.org/serviceaccount", "web"));
        Policy policy = np("shop", "n").ingress(rule(side(null, null, null, accounts(null, "api")), null)).build();
        MatchIndex index = MatchIndex.builder().endpoint(api).endpoint(web).policy(policy).build();
        assertThat(ruleLines(index, api)).containsExactly("shop/n inbound rule 1 source "
                + "(projectcalico.org/namespace == 'shop') && (projectcalico.org/serviceaccount in {\"api\"})");
        assertThat(ruleLines(index, web)).isEmpty();
    }

    @Test
    void aNotSelectorAloneScopesTheSideToTheNamespace() {
        WorkloadEndpoint shopX = pod("shop", "x", labels("app", "x"));
        WorkloadEndpoint shopY = pod("shop", "y", labels("app", "y"));
        WorkloadEndpoint otherX = pod("other", "x", labels("app", "x"));
        Policy policy = np("shop", "n").ingress(rule(side(null, "app == 'x'", null, null), null)).build();
        MatchIndex index = MatchIndex.builder().endpoints(List.of(shopX, shopY, otherX)).policy(policy).build();
        assertThat(ruleLines(index, shopX)).containsExactly(
                "shop/n inbound rule 1 source projectcalico.org/namespace == 'shop'",
                "shop/n inbound rule 1 !source app == 'x'");
        assertThat(ruleLines(index, shopY)).containsExactly(
                "shop/n inbound rule 1 source projectcalico.org/namespace == 'shop'");
        assertThat(ruleLines(index, otherX)).containsExactly("shop/n inbound rule 1 !source app == 'x'");
    }

    @Test
    void allAndGlobalNamespaceSelectors() {
        Policy all = np("shop", "n").ingress(rule(side(null, null, "all()", null), null)).build();
        Policy global = np("shop", "m").ingress(rule(side(null, null, "global()", null), null)).build();
        var hep = host("h", labels());
        MatchIndex index = namespaces().endpoint(A1).endpoint(hep).policy(all).policy(global).build();
        assertThat(ruleLines(index, A1)).containsExactly(
                "shop/n inbound rule 1 source has(projectcalico.org/namespace)");
        assertThat(index.match(hep.key()).orElseThrow().ruleMatches()).extracting(RuleMatch::calicoSelector)
                .containsExactly("!has(projectcalico.org/namespace)");
    }

    @Test
    void sidesWithoutSelectorsMatchNothing() {
        EntityMatch nets = new EntityMatch(null, null, null, null, List.of("10.0.0.0/8"), null, null, null);
        Policy policy = gnp("g").ingress(rule(side(null, null, null, accounts(null)), nets)).build();
        assertThat(CompiledPolicy.compile(policy).ruleMatchers()).isEmpty();
    }
}
