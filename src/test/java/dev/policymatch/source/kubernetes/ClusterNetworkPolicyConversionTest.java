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
 * Calico v3.32.1 {@code libcalico-go/lib/backend/k8s/conversion/clusternetworkpolicy_test.go}, case by case (its
 * line numbers in the names' comments), the Go objects written as the YAML a user applies. Every case also holds
 * what {@code convertToGNP} checks: tier from {@code spec.tier}, order = priority.
 */
class ClusterNetworkPolicyConversionTest {
    private static final String BAD_RANGE = "minimum port number (1000) is greater than maximum port number (10) in"
            + " port range";

    private static Result admin(String spec) throws ResourceFormatException {
        return cnp("test.policy", "tier: Admin\n" + spec.stripIndent());
    }

    private static Result cnp(String name, String spec) throws ResourceFormatException {
        Result result = ClusterPolicyFixtures.convert(ResourceKind.CLUSTER_NETWORK_POLICY, name, spec);
        Policy policy = result.policy();
        assertThat(policy.kind()).isEqualTo(PolicyKind.KUBERNETES_CLUSTER_NETWORK_POLICY);
        assertThat(policy.name()).isEqualTo(name);
        assertThat(policy.namespace()).isNull();
        assertThat(policy.legacyName()).isEqualTo("kcnp." + name);
        assertThat(policy.stagedAction()).isNull();
        assertThat(policy.doNotTrack() || policy.preDNAT() || policy.applyOnForward()).isFalse();
        return result;
    }

    @Test
    void basic() throws Exception { // :31
        Policy policy = admin("""
                priority: 100
                subject: {namespaces: {matchLabels: {label: value, label2: value2}}}
                ingress:
                - name: The first ingress rule
                  action: Accept
                  protocols: [{tcp: {destinationPort: {number: 80}}}]
                  from: [{namespaces: {matchLabels: {k: v, k2: v2}}}]
                """).withoutWarnings().policy();
        assertThat(policy.tier()).isEqualTo("kube-admin");
        assertThat(policy.order()).isEqualTo(100.0);
        assertThat(policy.namespaceSelector()).isEqualTo("label == 'value' && label2 == 'value2'");
        assertThat(policy.selector()).isEqualTo(O);
        assertThat(policy.ingress()).containsExactly(in("Allow", "TCP", null, "k == 'v' && k2 == 'v2'", "80"));
        assertThat(policy.egress()).isEmpty();
        assertThat(policy.types()).containsExactly(PolicyType.INGRESS);
    }

    @Test
    void rulesWithAnInvalidActionAreDroppedNotReplaced() throws Exception { // :99
        Result result = admin("""
                priority: 300
                subject: {namespaces: {matchLabels: {label: value}}}
                ingress:
                - {action: Log, protocols: [{tcp: {destinationPort: {number: 80}}}],
                   from: [{namespaces: {matchLabels: {k: v, k2: v2}}}]}
                - action: Accept
                  protocols: [{tcp: {destinationPort: {number: 80}}}, {tcp: {destinationPort: {range: {start: 2000, end: 3000}}}}]
                  from: [{namespaces: {matchLabels: {k10: v10, k20: v20}}}]
                egress:
                - action: Deny
                  protocols: [{tcp: {destinationPort: {number: 80}}}, {tcp: {destinationPort: {range: {start: 2000, end: 3000}}}}]
                  to: [{namespaces: {matchLabels: {k3: v3, k4: v4}}}]
                - {action: Drop, to: [{namespaces: {matchLabels: {k30: v30, k40: v40}}}]}
                """);
        assertThat(result.policy().ingress()).containsExactly(
                in("Allow", "TCP", null, "k10 == 'v10' && k20 == 'v20'", "80", "2000:3000"));
        assertThat(result.policy().egress()).containsExactly(
                out("Deny", "TCP", null, "k3 == 'v3' && k4 == 'v4'", List.of(), "80", "2000:3000"));
        assertThat(result.warnings()).containsExactly(
                "ClusterNetworkPolicy \"test.policy\": spec.ingress[0].action: unsupported cluster network policy"
                        + " action \"Log\"; Calico drops the rule",
                "ClusterNetworkPolicy \"test.policy\": spec.egress[1].action: unsupported cluster network policy"
                        + " action \"Drop\"; Calico drops the rule");
    }

    @Test
    void passAndDenyWithoutProtocolsMatchAnyProtocol() throws Exception { // :272
        Policy policy = admin("""
                priority: 200
                subject: {namespaces: {matchLabels: {label: value}}}
                ingress: [{action: Pass, from: [{namespaces: {matchLabels: {k: v, k2: v2}}}]}]
                egress: [{action: Deny, to: [{namespaces: {matchLabels: {k3: v3, k4: v4}}}]}]
                """).withoutWarnings().policy();
        assertThat(policy.ingress()).containsExactly(in("Pass", null, null, "k == 'v' && k2 == 'v2'"));
        assertThat(policy.egress()).containsExactly(out("Deny", null, null, "k3 == 'v3' && k4 == 'v4'", List.of()));
        assertThat(policy.types()).containsExactly(PolicyType.INGRESS, PolicyType.EGRESS);
    }

    @Test
    void anAcceptRuleWithABadPortRangeIsDroppedAndTheGoodRulesStay() throws Exception { // :347
        String bad = "[{tcp: {destinationPort: {number: 80}}}, {tcp: {destinationPort: {range: {start: 1000, end: 10}}}}]";
        String good = "[{tcp: {destinationPort: {number: 80}}}, {tcp: {destinationPort: {range: {start: 2000, end: 3000}}}}]";
        Result result = admin("""
                priority: 300
                subject: {namespaces: {matchLabels: {label: value}}}
                ingress:
                - {name: A random ingress rule, action: Accept, protocols: %1$s, from: [{namespaces: {matchLabels: {k: v, k2: v2}}}]}
                - {name: A random ingress rule 2, action: Pass, protocols: %2$s, from: [{namespaces: {matchLabels: {k10: v10, k20: v20}}}]}
                egress:
                - {name: A random egress rule, action: Deny, protocols: %2$s, to: [{namespaces: {matchLabels: {k3: v3, k4: v4}}}]}
                - {name: A random egress rule 2, action: Accept, protocols: %1$s, to: [{namespaces: {matchLabels: {k30: v30, k40: v40}}}]}
                """.formatted(bad, good));
        assertThat(result.policy().ingress()).containsExactly(
                in("Pass", "TCP", null, "k10 == 'v10' && k20 == 'v20'", "80", "2000:3000"));
        assertThat(result.policy().egress()).containsExactly(
                out("Deny", "TCP", null, "k3 == 'v3' && k4 == 'v4'", List.of(), "80", "2000:3000"));
        assertThat(result.warnings()).containsExactly(
                "ClusterNetworkPolicy \"test.policy\": spec.ingress[0].protocols[1].tcp.destinationPort.range: "
                        + BAD_RANGE + "; Calico drops the rule",
                "ClusterNetworkPolicy \"test.policy\": spec.egress[1].protocols[1].tcp.destinationPort.range: "
                        + BAD_RANGE + "; Calico drops the rule");
    }

    @Test
    void withoutRulesItGovernsBothDirections() throws Exception { // :547
        Policy policy = admin("""
                priority: 500
                subject: {namespaces: {matchLabels: {label: value, label2: value2}}}
                """).withoutWarnings().policy();
        assertThat(policy.namespaceSelector()).isEqualTo("label == 'value' && label2 == 'value2'");
        assertThat(policy.ingress()).isEmpty();
        assertThat(policy.egress()).isEmpty();
        // Calico leaves types empty, which Felix reads as both directions.
        assertThat(policy.types()).containsExactly(PolicyType.INGRESS, PolicyType.EGRESS);
    }

    private static final String NAMESPACE_AND_POD_PEERS = """
            ingress:
            - action: Pass
              from: [{namespaces: {matchLabels: {k: v}}}, {pods: {podSelector: {matchLabels: {k2: v2}}}}]
            egress:
            - action: Deny
              to:
              - namespaces: {matchLabels: {k3: v3}}
              - pods: {namespaceSelector: {matchLabels: {k4: v4}}, podSelector: {matchLabels: {k5: v5}}}
            """;

    private static void assertNamespaceAndPodPeers(Policy policy) {
        assertThat(policy.ingress()).containsExactly(
                in("Pass", null, null, "k == 'v'"),
                in("Pass", null, O + " && k2 == 'v2'", "all()"));
        assertThat(policy.egress()).containsExactly(
                out("Deny", null, null, "k3 == 'v3'", List.of()),
                out("Deny", null, O + " && k5 == 'v5'", "k4 == 'v4'", List.of()));
        assertThat(policy.types()).containsExactly(PolicyType.INGRESS, PolicyType.EGRESS);
    }

    @Test
    void namespaceAndPodPeers() throws Exception { // :578
        Policy policy = admin("priority: 600\nsubject: {namespaces: {matchLabels: {label: value}}}\n"
                + NAMESPACE_AND_POD_PEERS).withoutWarnings().policy();
        assertThat(policy.selector()).isEqualTo(O);
        assertNamespaceAndPodPeers(policy);
    }

    @Test
    void aPodSubjectWithoutANamespaceSelectorSelectsEveryNamespace() throws Exception { // :672
        Policy policy = admin("priority: 600\nsubject: {pods: {podSelector: {matchLabels: {label2: value2}}}}\n"
                + NAMESPACE_AND_POD_PEERS).withoutWarnings().policy();
        assertThat(policy.namespaceSelector()).isEqualTo("all()");
        assertThat(policy.selector()).isEqualTo(O + " && label2 == 'value2'");
        assertNamespaceAndPodPeers(policy);
    }

    @Test
    void matchExpressionsInAPodPeer() throws Exception { // :767
        Policy policy = admin("""
                priority: 100
                subject: {pods: {podSelector: {matchLabels: {label: value, label2: value2}}}}
                ingress:
                - action: Accept
                  protocols: [{tcp: {destinationPort: {number: 80}}}]
                  from: [{pods: {podSelector: {matchExpressions: [{key: toast, operator: DoesNotExist}]}}}]
                """).withoutWarnings().policy();
        assertThat(policy.selector()).isEqualTo(O + " && label == 'value' && label2 == 'value2'");
        assertThat(policy.ingress()).containsExactly(in("Allow", "TCP", O + " && ! has(toast)", "all()", "80"));
        assertThat(policy.types()).containsExactly(PolicyType.INGRESS);
    }

    @Test
    void namedPortsComeFirstUnderNoProtocolThenProtocolsSorted() throws Exception { // :845
        String protocols = "[{tcp: {destinationPort: {number: 80}}}, {udp: {destinationPort: {range: {start: 20,"
                + " end: 30}}}}, {destinationNamedPort: http-port}, {destinationNamedPort: '8080'}]";
        Policy policy = admin("""
                priority: 100
                subject: {namespaces: {matchLabels: {label: value}}}
                ingress:
                - action: Pass
                  protocols: %1$s
                  from: [{namespaces: {matchLabels: {k: v}}}, {pods: {podSelector: {matchLabels: {k2: v2}}}}]
                egress:
                - action: Deny
                  protocols: %1$s
                  to:
                  - namespaces: {matchLabels: {k3: v3}}
                  - pods: {namespaceSelector: {matchLabels: {k4: v4}}, podSelector: {matchLabels: {k5: v5}}}
                """.formatted(protocols)).withoutWarnings().policy();
        assertThat(policy.ingress()).containsExactly(
                in("Pass", null, null, "k == 'v'", "http-port", "8080"),
                in("Pass", null, O + " && k2 == 'v2'", "all()", "http-port", "8080"),
                in("Pass", "TCP", null, "k == 'v'", "80"),
                in("Pass", "TCP", O + " && k2 == 'v2'", "all()", "80"),
                in("Pass", "UDP", null, "k == 'v'", "20:30"),
                in("Pass", "UDP", O + " && k2 == 'v2'", "all()", "20:30"));
        assertThat(policy.egress()).containsExactly(
                out("Deny", null, null, "k3 == 'v3'", List.of(), "http-port", "8080"),
                out("Deny", null, O + " && k5 == 'v5'", "k4 == 'v4'", List.of(), "http-port", "8080"),
                out("Deny", "TCP", null, "k3 == 'v3'", List.of(), "80"),
                out("Deny", "TCP", O + " && k5 == 'v5'", "k4 == 'v4'", List.of(), "80"),
                out("Deny", "UDP", null, "k3 == 'v3'", List.of(), "20:30"),
                out("Deny", "UDP", O + " && k5 == 'v5'", "k4 == 'v4'", List.of(), "20:30"));
    }

    @Test
    void emptySubjectSelectorsSelectEverything() throws Exception { // :1022, :1046
        Policy namespaces = admin("subject: {namespaces: {}}").withoutWarnings().policy();
        assertThat(namespaces.selector()).isEqualTo(O);
        assertThat(namespaces.namespaceSelector()).isEqualTo("all()");
        Policy pods = admin("subject: {pods: {podSelector: {}}}").withoutWarnings().policy();
        assertThat(pods.selector()).isEqualTo(O);
        assertThat(pods.namespaceSelector()).isEqualTo("all()");
        assertThat(pods.order()).isEqualTo(0.0);
    }

    @Test
    void aNamespacePeerHasNoPodSelector() throws Exception { // :1072
        Policy policy = admin("""
                subject: {pods: {podSelector: {matchLabels: {label: value}}}}
                ingress: [{action: Accept, from: [{namespaces: {matchLabels: {namespaceRole: dev, namespaceFoo: bar}}}]}]
                """).withoutWarnings().policy();
        assertThat(policy.selector()).isEqualTo(O + " && label == 'value'");
        assertThat(policy.namespaceSelector()).isEqualTo("all()");
        assertThat(policy.ingress()).containsExactly(
                in("Allow", null, null, "namespaceFoo == 'bar' && namespaceRole == 'dev'"));
        assertThat(policy.types()).containsExactly(PolicyType.INGRESS);
    }

    @Test
    void aPodPeerWithoutNamespaceSelectorIsInEveryNamespace() throws Exception { // :1126
        Policy policy = admin("""
                subject: {pods: {podSelector: {matchLabels: {label: value}}}}
                egress: [{action: Accept, to: [{pods: {podSelector: {matchLabels: {namespaceRole: dev, namespaceFoo: bar}}}}]}]
                """).withoutWarnings().policy();
        assertThat(policy.egress()).containsExactly(
                out("Allow", null, O + " && namespaceFoo == 'bar' && namespaceRole == 'dev'", "all()", List.of()));
        assertThat(policy.types()).containsExactly(PolicyType.EGRESS);
    }

    @Test
    void anEmptyPeerFailsItsRuleAndAPassRuleFailsClosed() throws Exception { // :1182
        Result result = admin("""
                subject: {namespaces: {}}
                ingress: [{action: Accept, from: [{}]}]
                egress: [{action: Pass, to: [{}]}]
                """);
        assertThat(result.policy().ingress()).isEmpty();
        assertThat(result.policy().egress()).containsExactly(DENY_ALL);
        assertThat(result.policy().types()).containsExactly(PolicyType.EGRESS);
        assertThat(result.warnings()).containsExactly(
                "ClusterNetworkPolicy \"test.policy\": spec.ingress[0].from[0]: none of supported fields in 'From'"
                        + " is set; Calico drops the rule",
                "ClusterNetworkPolicy \"test.policy\": spec.egress[0].to[0]: none of supported fields in 'To' is"
                        + " set; Calico replaces the rule with one that denies everything");
    }

    @Test
    void emptyPeerSelectorsSelectEverything() throws Exception { // :1274, :1325
        Policy policy = admin("""
                subject: {namespaces: {}}
                ingress: [{action: Accept, from: [{namespaces: {matchLabels: {}}}]}]
                egress: [{action: Pass, to: [{pods: {namespaceSelector: {}, podSelector: {}}}]}]
                """).withoutWarnings().policy();
        assertThat(policy.ingress()).containsExactly(in("Allow", null, null, "all()"));
        assertThat(policy.egress()).containsExactly(out("Pass", null, O, "all()", List.of()));
    }

    @Test
    void aPodPeerWithBothSelectors() throws Exception { // :1381
        Policy policy = admin("""
                priority: 1000
                subject: {namespaces: {}}
                ingress:
                - action: Deny
                  from: [{pods: {namespaceSelector: {matchLabels: {namespaceRole: dev, namespaceFoo: bar}},
                                 podSelector: {matchLabels: {podA: B, podC: D}}}}]
                """).withoutWarnings().policy();
        assertThat(policy.order()).isEqualTo(1000.0);
        assertThat(policy.ingress()).containsExactly(in("Deny", null, O + " && podA == 'B' && podC == 'D'",
                "namespaceFoo == 'bar' && namespaceRole == 'dev'"));
    }

    @Test
    void subjectMatchExpressions() throws Exception { // :1443
        Policy policy = admin("subject: {namespaces: {matchExpressions: [{key: k, operator: In, values: [v1, v2]}]}}")
                .withoutWarnings().policy();
        assertThat(policy.namespaceSelector()).isEqualTo("k in { 'v1', 'v2' }");
        assertThat(policy.selector()).isEqualTo(O);
    }

    @Test
    void failedPassAndDenyRulesBecomeDenyAllInPlace() throws Exception { // :1478
        String bad = "[{udp: {destinationPort: {range: {start: 40, end: 20}}}}]";
        Result result = admin("""
                subject: {namespaces: {}}
                ingress:
                - {action: Pass, protocols: %1$s, from: [{namespaces: {matchLabels: {k: v}}}]}
                - {action: Accept, protocols: %1$s, from: [{namespaces: {matchLabels: {k: v}}}]}
                egress:
                - {action: Deny, protocols: %1$s, to: [{namespaces: {matchLabels: {k3: v3}}}]}
                - {action: Deny, protocols: [{tcp: {destinationPort: {number: 80}}}], to: [{namespaces: {matchLabels: {k4: v4}}}]}
                """.formatted(bad));
        assertThat(result.policy().ingress()).containsExactly(DENY_ALL);
        assertThat(result.policy().egress()).containsExactly(DENY_ALL,
                out("Deny", "TCP", null, "k4 == 'v4'", List.of(), "80"));
        assertThat(result.policy().types()).containsExactly(PolicyType.INGRESS, PolicyType.EGRESS);
        assertThat(result.warnings()).hasSize(3);
    }

    @Test
    void networksPeers() throws Exception { // :1658, :1741, :1824
        Policy policy = admin("""
                priority: 200
                subject: {namespaces: {}}
                ingress: [{action: Pass, protocols: [{tcp: {destinationPort: {number: 80}}}], from: [{namespaces: {matchLabels: {k: v}}}]}]
                egress:
                - action: Deny
                  protocols: [{tcp: {destinationPort: {number: 80}}}]
                  to: [{namespaces: {matchLabels: {k3: v3}}}, {networks: [10.10.10.0/24, 1.1.1.1/32]}, {networks: [0.0.0.0/0, '::/0']}]
                """).withoutWarnings().policy();
        assertThat(policy.ingress()).containsExactly(in("Pass", "TCP", null, "k == 'v'", "80"));
        assertThat(policy.egress()).containsExactly(
                out("Deny", "TCP", null, "k3 == 'v3'", List.of(), "80"),
                out("Deny", "TCP", null, null, List.of("10.10.10.0/24", "1.1.1.1/32"), "80"),
                out("Deny", "TCP", null, null, List.of("0.0.0.0/0", "::/0"), "80"));
    }

    @Test
    void anInvalidNetworkFailsTheRuleClosed() throws Exception { // :1933
        Result result = admin("""
                subject: {namespaces: {}}
                egress:
                - action: Deny
                  protocols: [{tcp: {destinationPort: {number: 80}}}]
                  to: [{namespaces: {matchLabels: {k3: v3}}}, {networks: [10.10.10.0/24, 1.1.1.1/66]}]
                """);
        assertThat(result.policy().egress()).containsExactly(DENY_ALL);
        assertThat(result.warnings()).singleElement().asString()
                .startsWith("ClusterNetworkPolicy \"test.policy\": spec.egress[0].to[1].networks[1]: invalid CIDR: ")
                .contains("\"1.1.1.1/66\"")
                .endsWith("; Calico replaces the rule with one that denies everything");
    }

    @Test
    void networksAreWrittenMasked() throws Exception {
        Policy policy = admin("""
                subject: {namespaces: {}}
                egress: [{action: Accept, to: [{networks: [10.0.0.5/8]}]}]
                """).withoutWarnings().policy();
        assertThat(policy.egress()).containsExactly(out("Allow", null, null, null, List.of("10.0.0.0/8")));
    }

    @Test
    void baseline() throws Exception { // :2051
        Policy policy = cnp("default", """
                tier: Baseline
                subject: {pods: {namespaceSelector: {matchLabels: {label: value, label2: value2}},
                                 podSelector: {matchLabels: {foo: bar}}}}
                ingress:
                - name: The first ingress rule
                  action: Accept
                  protocols: [{tcp: {destinationPort: {number: 80}}}, {destinationNamedPort: http-port}]
                  from: [{namespaces: {matchLabels: {k: v, k2: v2}}}]
                egress:
                - {name: The first egress rule, action: Deny, to: [{networks: [10.0.0.0/8]}]}
                - {action: Accept, to: [{networks: [0.0.0.0/0]}]}
                """).withoutWarnings().policy();
        assertThat(policy.tier()).isEqualTo("kube-baseline");
        assertThat(policy.order()).isEqualTo(0.0);
        assertThat(policy.selector()).isEqualTo(O + " && foo == 'bar'");
        assertThat(policy.namespaceSelector()).isEqualTo("label == 'value' && label2 == 'value2'");
        assertThat(policy.ingress()).containsExactly(
                in("Allow", null, null, "k == 'v' && k2 == 'v2'", "http-port"),
                in("Allow", "TCP", null, "k == 'v' && k2 == 'v2'", "80"));
        assertThat(policy.egress()).containsExactly(
                out("Deny", null, null, null, List.of("10.0.0.0/8")),
                out("Allow", null, null, null, List.of("0.0.0.0/0")));
    }

    @Test
    void baselineWithAnEmptyPeerAndAnInvalidNetwork() throws Exception { // :2174
        String protocols = "[{tcp: {destinationPort: {number: 80}}}, {destinationNamedPort: foobar}]";
        Result result = cnp("default", """
                tier: Baseline
                subject: {namespaces: {matchLabels: {label: value, label2: value2}}}
                ingress: [{action: Deny, protocols: %1$s, from: [{}]}]
                egress:
                - {name: A random egress rule, action: Deny, protocols: %1$s,
                   to: [{namespaces: {matchLabels: {k3: v3}}}, {networks: [10.10.10.0/24, 1.1.1.1/66]}]}
                """.formatted(protocols));
        assertThat(result.policy().ingress()).containsExactly(DENY_ALL);
        assertThat(result.policy().egress()).containsExactly(DENY_ALL);
        assertThat(result.warnings()).hasSize(2);
    }

    @Test
    void anInvalidTierLeavesThePolicyOut() { // :2285
        assertThatThrownBy(() -> cnp("bad-tier-policy", """
                priority: 100
                tier: InvalidTier
                subject: {namespaces: {}}
                """)).isInstanceOf(ResourceFormatException.class).hasMessage(
                "ClusterNetworkPolicy \"bad-tier-policy\": spec.tier: expected Admin or Baseline, got"
                        + " \"InvalidTier\"; Calico leaves the policy out");
    }

    @Test
    void noSubjectLeavesThePolicyOut() { // :2312
        assertThatThrownBy(() -> cnp("no-subject-policy", "priority: 100\ntier: Admin\nsubject: {}"))
                .isInstanceOf(ResourceFormatException.class).hasMessage(
                        "ClusterNetworkPolicy \"no-subject-policy\": spec.subject: sets neither namespaces nor pods;"
                                + " Calico leaves the policy out");
    }

    @Test
    void aBadNamedPortFailsTheRule() throws Exception {
        Result result = admin("""
                subject: {namespaces: {}}
                ingress: [{action: Deny, protocols: [{destinationNamedPort: 'no spaces'}], from: [{namespaces: {}}]}]
                """);
        assertThat(result.policy().ingress()).containsExactly(DENY_ALL);
        assertThat(result.warnings()).containsExactly("ClusterNetworkPolicy \"test.policy\":"
                + " spec.ingress[0].protocols[0].destinationNamedPort: invalid name for named port (no spaces);"
                + " Calico replaces the rule with one that denies everything");
    }

    @Test
    void aProtocolWithoutPortMatchesEveryPortOfIt() throws Exception {
        Policy policy = admin("""
                subject: {namespaces: {}}
                ingress: [{action: Accept, protocols: [{tcp: {destinationPort: {number: 80}}}, {tcp: {}}, {udp: {destinationPort: {number: 53}}}],
                           from: [{namespaces: {}}]}]
                """).withoutWarnings().policy();
        assertThat(policy.ingress()).containsExactly(in("Allow", "TCP", null, "all()"),
                in("Allow", "UDP", null, "all()", "53"));
    }
}
