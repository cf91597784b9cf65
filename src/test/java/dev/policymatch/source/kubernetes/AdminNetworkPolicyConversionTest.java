package dev.policymatch.source.kubernetes;

import static dev.policymatch.source.kubernetes.ClusterPolicyFixtures.DENY_ALL;
import static dev.policymatch.source.kubernetes.ClusterPolicyFixtures.O;
import static dev.policymatch.source.kubernetes.ClusterPolicyFixtures.in;
import static dev.policymatch.source.kubernetes.ClusterPolicyFixtures.out;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.policymatch.model.Policy;
import dev.policymatch.model.PolicyKind;
import dev.policymatch.model.PolicyType;
import dev.policymatch.source.document.ResourceFormatException;
import dev.policymatch.source.document.ResourceKind;
import dev.policymatch.source.kubernetes.ClusterPolicyFixtures.Result;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Calico v3.31.7 {@code libcalico-go/lib/backend/k8s/conversion/adminnetworkpolicy_test.go} (its line numbers in
 * comments): the AdminNetworkPolicy cases that differ from the ClusterNetworkPolicy ones (ports instead of
 * protocols, {@code Allow} instead of {@code Accept}, the tiers and names of 3.29–3.31) and the two
 * BaselineAdminNetworkPolicy cases. Every ANP case also holds what the Go test checks: tier
 * {@code adminnetworkpolicy}, name {@code kanp.adminnetworkpolicy.<name>}, order = priority.
 */
class AdminNetworkPolicyConversionTest {

    private static Result anp(String spec) throws ResourceFormatException {
        Result result = ClusterPolicyFixtures.convert(ResourceKind.ADMIN_NETWORK_POLICY, "test.policy",
                spec.stripIndent());
        Policy policy = result.policy();
        assertThat(policy.kind()).isEqualTo(PolicyKind.KUBERNETES_ADMIN_NETWORK_POLICY);
        assertThat(policy.legacyName()).isEqualTo("kanp.adminnetworkpolicy.test.policy");
        assertThat(policy.tier()).isEqualTo("adminnetworkpolicy");
        return result;
    }

    private static Result banp(String spec) throws ResourceFormatException {
        Result result = ClusterPolicyFixtures.convert(ResourceKind.BASELINE_ADMIN_NETWORK_POLICY, "default",
                spec.stripIndent());
        Policy policy = result.policy();
        assertThat(policy.kind()).isEqualTo(PolicyKind.KUBERNETES_BASELINE_ADMIN_NETWORK_POLICY);
        assertThat(policy.legacyName()).isEqualTo("kbanp.baselineadminnetworkpolicy.default");
        assertThat(policy.tier()).isEqualTo("baselineadminnetworkpolicy");
        assertThat(policy.order()).isEqualTo(1000.0);
        return result;
    }

    @Test
    void basic() throws Exception { // :70
        Policy policy = anp("""
                priority: 100
                subject: {namespaces: {matchLabels: {label: value, label2: value2}}}
                ingress:
                - name: The first ingress rule
                  action: Allow
                  ports: [{portNumber: {port: 80}}]
                  from: [{namespaces: {matchLabels: {k: v, k2: v2}}}]
                """).withoutWarnings().policy();
        assertThat(policy.order()).isEqualTo(100.0);
        assertThat(policy.namespaceSelector()).isEqualTo("label == 'value' && label2 == 'value2'");
        assertThat(policy.selector()).isEqualTo(O);
        // A port number without a protocol is TCP.
        assertThat(policy.ingress()).containsExactly(in("Allow", "TCP", null, "k == 'v' && k2 == 'v2'", "80"));
        assertThat(policy.types()).containsExactly(PolicyType.INGRESS);
    }

    @Test
    void invalidActionsAreDropped() throws Exception { // :135
        Result result = anp("""
                priority: 300
                subject: {namespaces: {}}
                ingress:
                - {action: Log, from: [{namespaces: {matchLabels: {k: v}}}]}
                - {action: Allow, ports: [{portNumber: {port: 80}}, {portRange: {start: 2000, end: 3000}}],
                   from: [{namespaces: {matchLabels: {k10: v10, k20: v20}}}]}
                egress:
                - {action: Deny, ports: [{portNumber: {port: 80}}, {portRange: {start: 2000, end: 3000}}],
                   to: [{namespaces: {matchLabels: {k3: v3, k4: v4}}}]}
                - {action: Drop, to: [{namespaces: {matchLabels: {k30: v30}}}]}
                """);
        assertThat(result.policy().ingress()).containsExactly(
                in("Allow", "TCP", null, "k10 == 'v10' && k20 == 'v20'", "80", "2000:3000"));
        assertThat(result.policy().egress()).containsExactly(
                out("Deny", "TCP", null, "k3 == 'v3' && k4 == 'v4'", List.of(), "80", "2000:3000"));
        assertThat(result.warnings()).containsExactly(
                "AdminNetworkPolicy \"test.policy\": spec.ingress[0].action: unsupported admin network policy action"
                        + " \"Log\"; Calico drops the rule",
                "AdminNetworkPolicy \"test.policy\": spec.egress[1].action: unsupported admin network policy action"
                        + " \"Drop\"; Calico drops the rule");
    }

    @Test
    void invalidPortRangesFailTheirRules() throws Exception { // :373
        String bad = "[{portNumber: {port: 80}}, {portRange: {start: 1000, end: 10}}]";
        String good = "[{portNumber: {port: 80}}, {portRange: {start: 2000, end: 3000}}]";
        Result result = anp("""
                priority: 300
                subject: {namespaces: {}}
                ingress:
                - {action: Allow, ports: %1$s, from: [{namespaces: {matchLabels: {k: v}}}]}
                - {action: Pass, ports: %2$s, from: [{namespaces: {matchLabels: {k10: v10}}}]}
                egress:
                - {action: Deny, ports: %2$s, to: [{namespaces: {matchLabels: {k3: v3}}}]}
                - {action: Allow, ports: %1$s, to: [{namespaces: {matchLabels: {k30: v30}}}]}
                """.formatted(bad, good));
        assertThat(result.policy().ingress()).containsExactly(
                in("Pass", "TCP", null, "k10 == 'v10'", "80", "2000:3000"));
        assertThat(result.policy().egress()).containsExactly(
                out("Deny", "TCP", null, "k3 == 'v3'", List.of(), "80", "2000:3000"));
        assertThat(result.warnings()).containsExactly(
                "AdminNetworkPolicy \"test.policy\": spec.ingress[0].ports[1].portRange: minimum port number (1000)"
                        + " is greater than maximum port number (10) in port range; Calico drops the rule",
                "AdminNetworkPolicy \"test.policy\": spec.egress[1].ports[1].portRange: minimum port number (1000)"
                        + " is greater than maximum port number (10) in port range; Calico drops the rule");
    }

    @Test
    void noRulesGovernBothDirections() throws Exception { // :556
        Policy policy = anp("priority: 500\nsubject: {namespaces: {matchLabels: {label: value}}}")
                .withoutWarnings().policy();
        assertThat(policy.types()).containsExactly(PolicyType.INGRESS, PolicyType.EGRESS);
    }

    @Test
    void multiplePeersAndPorts() throws Exception { // :846
        Policy policy = anp("""
                priority: 600
                subject: {namespaces: {matchLabels: {label: value}}}
                ingress:
                - action: Pass
                  ports: [{portNumber: {port: 80}}, {portRange: {start: 20, end: 30, protocol: UDP}}]
                  from: [{namespaces: {matchLabels: {k: v}}}, {pods: {podSelector: {matchLabels: {k2: v2}}}}]
                """).withoutWarnings().policy();
        assertThat(policy.ingress()).containsExactly(
                in("Pass", "TCP", null, "k == 'v'", "80"),
                in("Pass", "TCP", O + " && k2 == 'v2'", "all()", "80"),
                in("Pass", "UDP", null, "k == 'v'", "20:30"),
                in("Pass", "UDP", O + " && k2 == 'v2'", "all()", "20:30"));
    }

    @Test
    void aDenyRuleThatCannotBeConvertedDeniesEverything() throws Exception { // :1415
        Result result = anp("""
                priority: 100
                subject: {namespaces: {}}
                ingress: [{action: Deny, from: [{}]}, {action: Allow, from: [{}]}]
                egress: [{action: Pass, to: [{nodes: {matchLabels: {role: infra}}}]}]
                """);
        assertThat(result.policy().ingress()).containsExactly(DENY_ALL);
        assertThat(result.policy().egress()).containsExactly(DENY_ALL);
        assertThat(result.warnings()).hasSize(3);
    }

    @Test
    void networksPeersAndAnInvalidNetwork() throws Exception { // :1586, :1854
        Policy valid = anp("""
                priority: 100
                subject: {namespaces: {}}
                egress: [{action: Deny, ports: [{portNumber: {port: 80}}], to: [{networks: [10.10.10.0/24, 1.1.1.1/32]}]}]
                """).withoutWarnings().policy();
        assertThat(valid.egress()).containsExactly(
                out("Deny", "TCP", null, null, List.of("10.10.10.0/24", "1.1.1.1/32"), "80"));
        Result invalid = anp("""
                priority: 100
                subject: {namespaces: {}}
                egress: [{action: Deny, to: [{networks: [10.10.10.0/24, 1.1.1.1/66]}]}]
                """);
        assertThat(invalid.policy().egress()).containsExactly(DENY_ALL);
        assertThat(invalid.warnings()).singleElement().asString().contains("spec.egress[0].to[0].networks[1]");
    }

    /** Calico 3.29–3.31 leave named ports to a TODO: such an entry makes the rule match any protocol and port. */
    @Test
    void aNamedPortMatchesEveryProtocolAndPort() throws Exception {
        Policy policy = anp("""
                subject: {namespaces: {}}
                ingress: [{action: Allow, ports: [{portNumber: {port: 80}}, {namedPort: http}], from: [{namespaces: {}}]}]
                """).withoutWarnings().policy();
        assertThat(policy.ingress()).containsExactly(in("Allow", null, null, "all()"));
    }

    @Test
    void aSubjectWithNeitherFieldLeavesThePolicyOut() {
        // Calico's Go dereferences a nil subject.pods here; the CRD refuses it, so it is reported.
        assertThatThrownBy(() -> anp("priority: 1\nsubject: {}")).isInstanceOf(ResourceFormatException.class)
                .hasMessageContaining("spec.subject: sets neither namespaces nor pods");
    }

    @Test
    void baselineBasic() throws Exception { // :2001
        Policy policy = banp("""
                subject: {pods: {namespaceSelector: {matchLabels: {label: value, label2: value2}},
                                 podSelector: {matchLabels: {foo: bar}}}}
                ingress:
                - {name: The first ingress rule, action: Allow, ports: [{portNumber: {port: 80}}],
                   from: [{namespaces: {matchLabels: {k: v, k2: v2}}}]}
                egress:
                - {name: The first egress rule, action: Deny, to: [{networks: [10.0.0.0/8]}]}
                - {action: Allow, to: [{networks: [0.0.0.0/0]}]}
                """).withoutWarnings().policy();
        assertThat(policy.selector()).isEqualTo(O + " && foo == 'bar'");
        assertThat(policy.namespaceSelector()).isEqualTo("label == 'value' && label2 == 'value2'");
        assertThat(policy.ingress()).containsExactly(in("Allow", "TCP", null, "k == 'v' && k2 == 'v2'", "80"));
        assertThat(policy.egress()).containsExactly(
                out("Deny", null, null, null, List.of("10.0.0.0/8")),
                out("Allow", null, null, null, List.of("0.0.0.0/0")));
    }

    @Test
    void baselineWithAnInvalidNetworksPeer() throws Exception { // :2106
        Result result = banp("""
                subject: {namespaces: {matchLabels: {label: value}}}
                ingress: [{action: Deny, ports: [{portNumber: {port: 80}}], from: [{}]}]
                egress:
                - {action: Deny, ports: [{portNumber: {port: 80}}],
                   to: [{namespaces: {matchLabels: {k3: v3}}}, {networks: [10.10.10.0/24, 1.1.1.1/66]}]}
                """);
        assertThat(result.policy().ingress()).containsExactly(DENY_ALL);
        assertThat(result.policy().egress()).containsExactly(DENY_ALL);
    }

    /** A baseline policy has no Pass: a Pass rule is an unsupported action, dropped, not failed closed. */
    @Test
    void baselinePassIsDroppedNotFailedClosed() throws Exception {
        Result result = banp("""
                subject: {namespaces: {}}
                ingress: [{action: Pass, from: [{namespaces: {}}]}]
                """);
        assertThat(result.policy().ingress()).isEmpty();
        assertThat(result.warnings()).singleElement().asString()
                .endsWith("spec.ingress[0].action: unsupported admin network policy action \"Pass\"; Calico drops the rule");
    }
}
