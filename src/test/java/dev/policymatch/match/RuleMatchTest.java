package dev.policymatch.match;

import static dev.policymatch.match.Fixtures.allowFrom;
import static dev.policymatch.match.Fixtures.allowTo;
import static dev.policymatch.match.Fixtures.entity;
import static dev.policymatch.match.Fixtures.gnp;
import static dev.policymatch.match.Fixtures.labels;
import static dev.policymatch.match.Fixtures.np;
import static dev.policymatch.match.Fixtures.rule;
import static dev.policymatch.match.Fixtures.serviceAccounts;
import static dev.policymatch.match.PolicyMatchingTest.HOST;
import static dev.policymatch.match.PolicyMatchingTest.WEB_NS1;
import static dev.policymatch.match.PolicyMatchingTest.WEB_NS2;
import static org.assertj.core.api.Assertions.assertThat;

import dev.policymatch.model.Endpoint;
import dev.policymatch.model.Policy;
import dev.policymatch.selector.Selector;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which rule selectors of which policies name an endpoint. */
class RuleMatchTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("GNP source selector is not scoped",
                        gnp("p").ingress(allowFrom("app == 'web'")).build(), PolicyMatchingTest.ALL),
                Arguments.of("NetworkPolicy source selector is scoped to its namespace",
                        np("ns1", "p").ingress(allowFrom("app == 'web'")).build(), List.of(WEB_NS1)),
                Arguments.of("NetworkPolicy destination selector is scoped to its namespace",
                        np("ns2", "p").egress(allowTo("app == 'web'")).build(), List.of(WEB_NS2)),
                Arguments.of("notSelector is not scoped, even in a NetworkPolicy",
                        np("ns1", "p").ingress(rule(entity(null, "app == 'web'", null), null)).build(),
                        PolicyMatchingTest.ALL),
                Arguments.of("a rule namespaceSelector scopes the selector (also in a NetworkPolicy)",
                        np("ns1", "p").ingress(rule(entity("app == 'web'", null, "team == 'green'"), null)).build(),
                        List.of(WEB_NS2)),
                Arguments.of("a rule namespaceSelector all() means any namespace",
                        gnp("p").ingress(rule(entity("app == 'web'", null, "all()"), null)).build(),
                        List.of(WEB_NS1, WEB_NS2)),
                Arguments.of("a rule namespaceSelector global() means not namespaced",
                        gnp("p").ingress(rule(entity("app == 'web'", null, "global()"), null)).build(),
                        List.of(HOST, PolicyMatchingTest.V1_WORKLOAD)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void ruleSelectorsMatch(String description, Policy policy, List<Endpoint> expected) {
        MatchIndex index = PolicyMatchingTest.catalog().policy(policy).build();
        assertThat(index.policy(PolicyKey.of(policy)).orElseThrow().ruleMatches().keySet())
                .containsExactlyInAnyOrderElementsOf(expected.stream().map(Endpoint::key).toList());
        for (Endpoint endpoint : PolicyMatchingTest.ALL) {
            assertThat(index.match(endpoint.key()).orElseThrow().ruleMatches().isEmpty())
                    .as(endpoint.fullName()).isEqualTo(!expected.contains(endpoint));
        }
    }

    @Test
    void ruleMatchesAreNumberedPerDirectionAndOrdered() {
        Policy first = gnp("first").order(1).build();
        Policy policy = gnp("p").order(10)
                .ingress(allowFrom("app == 'db'"), rule(entity("app == 'web'", "app == 'web'", null),
                        entity("has(app)", "has(app)", null)), rule(entity(null, "app == 'nope'", null), null))
                .egress(allowTo("app == 'web'"))
                .build();
        Policy before = gnp("a-before").order(5).egress(allowTo("all()")).build();
        Policy untracked = gnp("z-untracked").order(99).untracked().ingress(allowFrom("has(app)")).build();
        MatchIndex index = PolicyMatchingTest.catalog().policy(first).policy(policy).policy(before)
                .policy(untracked).build();
        List<String> lines = index.match(HOST.key()).orElseThrow().ruleMatches().stream()
                .map(m -> m.policy().name() + " " + m.direction().label() + " " + m.ruleNumber() + " "
                        + m.side().label() + " " + m.selector())
                .toList();
        assertThat(lines).containsExactly(
                "z-untracked inbound 1 source has(app)",
                "a-before outbound 1 destination all()",
                "p inbound 2 source app == 'web'",
                "p inbound 2 destination has(app)",
                "p inbound 2 !source app == 'web'",
                "p inbound 2 !destination has(app)",
                "p outbound 1 destination app == 'web'");
    }

    @Test
    void ruleMatchCarriesWrittenAndEffectiveSelector() {
        Policy policy = np("ns1", "p").ingress(allowFrom("app == 'web'"),
                rule(entity("app == 'web'", null, "team == 'blue'"), null),
                rule(serviceAccounts("role == 'admin'", List.of("admin", "ci")), null),
                rule(new dev.policymatch.model.EntityMatch("app == 'web'", null, null,
                        new dev.policymatch.model.ServiceAccountMatch(List.of("default"), null),
                        null, null, null, null), null)).build();
        CompiledPolicy compiled = CompiledPolicy.compile(policy);
        assertThat(compiled.ruleMatchers()).extracting(RuleMatch::selector)
                .containsExactly("app == 'web'", "app == 'web'", null, "app == 'web'");
        assertThat(compiled.ruleMatchers()).extracting(RuleMatch::effectiveSelector).containsExactly(
                Selector.parse("projectcalico.org/namespace == 'ns1' && app == 'web'"),
                Selector.parse("pcns.team == 'blue' && app == 'web'"),
                Selector.parse("projectcalico.org/namespace == 'ns1' && (pcsa.role == 'admin'"
                        + " && projectcalico.org/serviceaccount in {'admin', 'ci'})"),
                Selector.parse("projectcalico.org/namespace == 'ns1' && (projectcalico.org/serviceaccount in"
                        + " {'default'} && app == 'web')"));
        assertThat(compiled.ruleMatchers()).extracting(RuleMatch::calicoSelector).containsExactly(
                "(projectcalico.org/namespace == 'ns1') && (app == 'web')",
                "(pcns.team == \"blue\") && (app == 'web')",
                "(projectcalico.org/namespace == 'ns1') && ((pcsa.role == \"admin\") && "
                        + "(projectcalico.org/serviceaccount in {\"admin\", \"ci\"}))",
                "(projectcalico.org/namespace == 'ns1') && ((projectcalico.org/serviceaccount in {\"default\"}) && "
                        + "(app == 'web'))");
        MatchIndex index = PolicyMatchingTest.catalog().policy(policy).build();
        assertThat(index.match(WEB_NS1.key()).orElseThrow().ruleMatches()).extracting(RuleMatch::ruleNumber)
                .containsExactly(1, 2, 4);
    }
}
