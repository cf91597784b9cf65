package dev.policymatch.match;

import static dev.policymatch.match.Fixtures.host;
import static dev.policymatch.match.Fixtures.labels;
import static dev.policymatch.match.Fixtures.pod;
import static dev.policymatch.match.Fixtures.profile;
import static dev.policymatch.match.Fixtures.workload;
import static org.assertj.core.api.Assertions.assertThat;

import dev.policymatch.model.Endpoint;
import dev.policymatch.model.EndpointKey;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which labels an endpoint ends up with: own labels, profile labels, and what Calico adds or drops. */
class EffectiveLabelsTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("own labels win over profile labels",
                        host("h1", labels("role", "own"), "p1"),
                        Map.of("role", "own", "zone", "a")),
                Arguments.of("first listed profile wins over later ones",
                        host("h1", labels(), "p2", "p1"),
                        Map.of("role", "from-p2", "zone", "a", "only2", "x")),
                Arguments.of("profile order reversed gives the other value",
                        host("h1", labels(), "p1", "p2"),
                        Map.of("role", "from-p1", "zone", "a", "only2", "x")),
                Arguments.of("a listed profile that does not exist adds nothing",
                        host("h1", labels("a", "b"), "missing", "p1"),
                        Map.of("a", "b", "role", "from-p1", "zone", "a")),
                Arguments.of("a namespaced workload gets namespace and orchestrator labels, overriding its own",
                        pod("ns1", "pod1", labels("projectcalico.org/namespace", "other", "app", "web")),
                        Map.of("projectcalico.org/namespace", "ns1", "projectcalico.org/orchestrator", "k8s",
                                "app", "web")),
                Arguments.of("a workload's own pcns./pcsa. labels are dropped, a profile's are kept",
                        pod("ns1", "pod1", labels("pcns.team", "fake", "pcsa.name", "fake"), "kns.ns1"),
                        Map.of("projectcalico.org/namespace", "ns1", "projectcalico.org/orchestrator", "k8s",
                                "pcns.team", "real")),
                Arguments.of("a v1 workload without namespace gets no namespace label",
                        workload("g1w1", labels("calico/k8s_ns", "group1")),
                        Map.of("calico/k8s_ns", "group1")),
                Arguments.of("a host endpoint keeps pcns. labels of its own",
                        host("h1", labels("pcns.team", "x")),
                        Map.of("pcns.team", "x")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void effectiveLabels(String description, Endpoint endpoint, Map<String, String> expected) {
        MatchIndex index = MatchIndex.builder()
                .profile(profile("p1", labels("role", "from-p1", "zone", "a")))
                .profile(profile("p2", labels("role", "from-p2", "only2", "x")))
                .profile(profile("kns.ns1", labels("pcns.team", "real")))
                .endpoint(endpoint)
                .build();
        EndpointKey key = endpoint.key();
        assertThat(index.match(key).orElseThrow().effectiveLabels()).isEqualTo(expected);
        // The chained lookup and the materialized map agree on every key.
        expected.forEach((k, v) -> assertThat(index.endpointsMatching(dev.policymatch.selector.Selector.parse(
                k + " == '" + v + "'"))).containsExactly(endpoint));
    }
}
