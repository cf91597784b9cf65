package dev.policymatch.match;

import static dev.policymatch.match.Fixtures.gnp;
import static dev.policymatch.match.Fixtures.host;
import static dev.policymatch.match.Fixtures.labels;
import static dev.policymatch.match.Fixtures.np;
import static dev.policymatch.match.Fixtures.pod;
import static dev.policymatch.match.Fixtures.profile;
import static dev.policymatch.match.Fixtures.workload;
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

/** Which policies apply to which endpoints, and the effective selectors behind that. */
class PolicyMatchingTest {
    static final Endpoint WEB_NS1 = pod("ns1", "web", labels("app", "web", "projectcalico.org/serviceaccount", "default"), "kns.ns1", "ksa.ns1.default");
    static final Endpoint WEB_NS2 = pod("ns2", "web", labels("app", "web", "projectcalico.org/serviceaccount", "admin"), "kns.ns2", "ksa.ns2.admin");
    static final Endpoint HOST = host("eth0", labels("app", "web"));
    static final Endpoint V1_WORKLOAD = workload("g1w1", labels("app", "web", "calico/k8s_ns", "group1"));
    static final List<Endpoint> ALL = List.of(WEB_NS1, WEB_NS2, HOST, V1_WORKLOAD);

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("GlobalNetworkPolicy selects across namespaces and hosts",
                        gnp("p").selector("app == 'web'").build(), List.of(WEB_NS1, WEB_NS2, HOST, V1_WORKLOAD)),
                Arguments.of("empty selector is all()",
                        gnp("p").build(), List.of(WEB_NS1, WEB_NS2, HOST, V1_WORKLOAD)),
                Arguments.of("NetworkPolicy only in its namespace",
                        np("ns1", "p").selector("app == 'web'").build(), List.of(WEB_NS1)),
                Arguments.of("NetworkPolicy with empty selector: its whole namespace",
                        np("ns2", "p").build(), List.of(WEB_NS2)),
                Arguments.of("NetworkPolicy cannot reach another namespace through its selector",
                        np("ns1", "p").selector("projectcalico.org/namespace == 'ns2'").build(), List.of()),
                Arguments.of("GNP namespaceSelector selects through pcns. labels",
                        gnp("p").selector("app == 'web'").namespaceSelector("team == 'blue'").build(),
                        List.of(WEB_NS1)),
                Arguments.of("GNP namespaceSelector all(): any namespaced endpoint, no hosts",
                        gnp("p").namespaceSelector("all()").build(), List.of(WEB_NS1, WEB_NS2)),
                Arguments.of("GNP namespaceSelector global() is not rewritten (only rule ones are): true",
                        gnp("p").namespaceSelector("global()").build(), List.of(WEB_NS1, WEB_NS2, HOST, V1_WORKLOAD)),
                Arguments.of("GNP namespaceSelector projectcalico.org/name",
                        gnp("p").namespaceSelector("projectcalico.org/name == 'ns2'").build(), List.of(WEB_NS2)),
                Arguments.of("GNP serviceAccountSelector selects through pcsa. labels",
                        gnp("p").serviceAccountSelector("role == 'admin'").build(), List.of(WEB_NS2)),
                Arguments.of("GNP serviceAccountSelector all(): endpoints with a service account",
                        gnp("p").serviceAccountSelector("all()").build(), List.of(WEB_NS1, WEB_NS2)),
                Arguments.of("NetworkPolicy serviceAccountSelector",
                        np("ns2", "p").serviceAccountSelector("role == 'admin'").build(), List.of(WEB_NS2)),
                Arguments.of("selector on a profile label",
                        gnp("p").selector("pcns.team == 'green'").build(), List.of(WEB_NS2)),
                Arguments.of("calicoctl v1 labels",
                        gnp("p1").selector("calico/k8s_ns == 'group1'").build(), List.of(V1_WORKLOAD)),
                Arguments.of("host endpoints have no namespace",
                        gnp("p").selector("!has(projectcalico.org/namespace)").build(), List.of(HOST, V1_WORKLOAD)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void appliesTo(String description, Policy policy, List<Endpoint> expected) {
        MatchIndex index = catalog().policy(policy).build();
        assertThat(index.policy(PolicyKey.of(policy)).orElseThrow().appliesTo())
                .containsExactlyInAnyOrderElementsOf(expected);
        for (Endpoint endpoint : ALL) {
            assertThat(index.match(endpoint.key()).orElseThrow().policies().contains(policy))
                    .as(endpoint.fullName()).isEqualTo(expected.contains(endpoint));
        }
    }

    @Test
    void effectiveSelectorsAreBuiltAsCalicoBuildsThem() {
        assertThat(CompiledPolicy.compile(np("ns1", "p").selector("app == 'web'").build()).selector())
                .isEqualTo(Selector.parse("app == 'web' && projectcalico.org/namespace == 'ns1'"));
        assertThat(CompiledPolicy.compile(gnp("p").selector("a == 'b'").namespaceSelector("team == 'x'")
                .serviceAccountSelector("all()").build()).selector())
                .isEqualTo(Selector.parse(
                        "(a == 'b' && pcns.team == 'x') && has(projectcalico.org/serviceaccount)"));
        assertThat(CompiledPolicy.compile(gnp("p").namespaceSelector("all()").build()).selector())
                .isEqualTo(Selector.parse("has(projectcalico.org/namespace)"));
    }

    @Test
    void invalidSelectorsLeaveThePolicyOutAndAreReported() {
        MatchIndex index = catalog()
                .policy(gnp("bad").selector("app = 'web'").build())
                .policy(np("ns1", "bad-rule").ingress(Fixtures.allowFrom("role ==")).build())
                .policy(gnp("bad-ns").namespaceSelector("team in").build())
                .policy(gnp("good").selector("app == 'web'").build())
                .build();
        assertThat(index.invalidPolicies()).containsOnlyKeys(
                PolicyKey.global("bad"), new PolicyKey("ns1", "bad-rule"), PolicyKey.global("bad-ns"));
        assertThat(index.invalidPolicies().get(PolicyKey.global("bad"))).startsWith("selector: ");
        assertThat(index.invalidPolicies().get(new PolicyKey("ns1", "bad-rule")))
                .startsWith("ingress rule 1 source selector: ");
        assertThat(index.invalidPolicies().get(PolicyKey.global("bad-ns"))).startsWith("namespaceSelector: ");
        assertThat(index.policy(PolicyKey.global("bad"))).isEmpty();
        for (Endpoint endpoint : ALL) {
            assertThat(index.match(endpoint.key()).orElseThrow().policies()).extracting(Policy::name)
                    .containsExactly("good");
        }
        // Fixing the policy brings it in; breaking a valid one takes it out of every endpoint.
        assertThat(index.upsertPolicy(gnp("bad").selector("app == 'web'").build())).hasSize(4);
        assertThat(index.invalidPolicies()).doesNotContainKey(PolicyKey.global("bad"));
        assertThat(index.upsertPolicy(gnp("good").selector("app ==").build())).hasSize(4);
        assertThat(index.invalidPolicies()).containsKey(PolicyKey.global("good"));
        assertThat(index.removePolicy(PolicyKey.global("good"))).isEmpty();
        assertThat(index.invalidPolicies()).doesNotContainKey(PolicyKey.global("good"));
    }

    @Test
    void evalUsesEffectiveLabels() {
        MatchIndex index = catalog().build();
        assertThat(index.endpointsMatching(Selector.parse("pcns.team == 'blue'"))).containsExactly(WEB_NS1);
        assertThat(index.endpointsMatching(Selector.parse("app == 'web'")))
                .containsExactly(HOST, V1_WORKLOAD, WEB_NS1, WEB_NS2);
        assertThat(index.endpointsMatching(Selector.parse("!has(app)"))).isEmpty();
    }

    static MatchIndex.Builder catalog() {
        return MatchIndex.builder()
                .endpoints(ALL)
                .profile(profile("kns.ns1", labels("pcns.team", "blue", "pcns.projectcalico.org/name", "ns1")))
                .profile(profile("kns.ns2", labels("pcns.team", "green", "pcns.projectcalico.org/name", "ns2")))
                .profile(profile("ksa.ns1.default", labels("pcsa.projectcalico.org/name", "default")))
                .profile(profile("ksa.ns2.admin", labels("pcsa.role", "admin", "pcsa.projectcalico.org/name", "admin")));
    }
}
