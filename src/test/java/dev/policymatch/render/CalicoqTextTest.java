package dev.policymatch.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.policymatch.match.CompiledPolicy;
import dev.policymatch.match.EndpointMatch;
import dev.policymatch.match.MatchIndex;
import dev.policymatch.match.PolicyKey;
import dev.policymatch.model.EntityMatch;
import dev.policymatch.model.HostEndpoint;
import dev.policymatch.model.Policy;
import dev.policymatch.model.Rule;
import dev.policymatch.model.WorkloadEndpoint;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CalicoqTextTest {

    @Test
    void policyLinesCarryTierPrefixNamespaceAndUntrackedSuffix() {
        assertThat(CalicoqText.policyLine(policy("p1", null, "default", 500d, false), false))
                .isEqualTo("Policy \"p1\" (order 500; selector \"role == 'db'\")");
        assertThat(CalicoqText.policyLine(policy("p1", "shop", "default", null, false), false))
                .isEqualTo("Policy \"shop/p1\" (order default; selector \"role == 'db'\")");
        assertThat(CalicoqText.policyLine(policy("security.p1", null, "security", 10d, true), false))
                .isEqualTo("Tier \"security\" Policy \"security.p1\" (order 10; selector \"role == 'db'\") [untracked]");
        assertThat(CalicoqText.policyLine(policy("security.p1", null, "security", 10d, true), true))
                .isEqualTo("Tier \"security\" Policy \"security.p1\" (order 10) [untracked]");
    }

    @Test
    void noEndpointsIsTheHeadingAlone() {
        assertThat(CalicoqText.endpoints(List.of(), QueryOptions.DEFAULT)).isEqualTo("Policies that match each endpoint:\n");
    }

    @Test
    void endpointsAreSortedByHeadingNotByKindOrNode() {
        // Keys sort host before workload and by full name (node first); calicoq sorts by the printed heading.
        WorkloadEndpoint a = workload("node9", "a-pod");
        WorkloadEndpoint b = workload("node1", "b-pod");
        HostEndpoint host = new HostEndpoint("zz-eth0", "node0", new TreeMap<>(), "eth0", List.of(), List.of(), List.of());
        MatchIndex index = MatchIndex.builder().endpoints(List.of(a, b, host)).build();
        List<EndpointMatch> matches = index.matches();

        String text = CalicoqText.endpoints(matches, QueryOptions.DEFAULT);

        assertThat(text).isEqualTo("""
                Policies that match each endpoint:

                Host endpoint zz-eth0
                  Policies:

                Workload endpoint k8s/ns.a-pod/eth0
                  Policies:

                Workload endpoint k8s/ns.b-pod/eth0
                  Policies:
                """);
    }

    @Test
    void policyCommandListsRuleMatchesUnderEachEndpointInRuleOrder() {
        WorkloadEndpoint client = workload("node1", "client");
        Rule rule = new Rule("Allow", null,
                new EntityMatch("app == 'client'", "app == 'client'", null, null, null, null, null, null), null);
        Policy policy = new Policy("p", null, "default", 1d, "app == 'server'", null, List.of(rule, rule), List.of(),
                false, false, false, null, null);
        MatchIndex index = MatchIndex.builder().endpoint(client).policy(policy).build();

        String text = CalicoqText.policy(index.policy(PolicyKey.global("p")).orElseThrow(), QueryOptions.DEFAULT);

        assertThat(text).isEqualTo("""
                Policy "p" applies to these endpoints:

                Endpoints matching Policy "p" rules:
                  Workload endpoint node1/k8s/ns.client/eth0
                    inbound rule 1 source match; selector "app == 'client'"
                    inbound rule 1 !source match; selector "app == 'client'"
                    inbound rule 2 source match; selector "app == 'client'"
                    inbound rule 2 !source match; selector "app == 'client'"
                """);
    }

    private static CompiledPolicy policy(String name, String namespace, String tier, Double order,
            boolean untracked) {
        return CompiledPolicy.compile(new Policy(name, namespace, tier, order, "role == 'db'", null, List.of(),
                List.of(), untracked, false, untracked, null, null));
    }

    private static WorkloadEndpoint workload(String node, String pod) {
        return new WorkloadEndpoint(node, "k8s", "ns." + pod, "eth0", "ns",
                new TreeMap<>(Map.of("app", pod)), List.of(), "cali0", List.of());
    }
}
