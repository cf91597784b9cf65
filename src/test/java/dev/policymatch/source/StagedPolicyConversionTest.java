package dev.policymatch.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.policymatch.match.MatchIndex;
import dev.policymatch.model.EntityMatch;
import dev.policymatch.model.Policy;
import dev.policymatch.model.PolicyKind;
import dev.policymatch.model.PolicyType;
import dev.policymatch.model.Rule;
import dev.policymatch.model.StagedAction;
import dev.policymatch.source.document.Conversion;
import dev.policymatch.source.document.ResourceFormatException;
import dev.policymatch.source.document.ResourceKind;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The staged kinds through the front door, as Calico's update processors take them (v3.31.7
 * {@code libcalico-go/lib/backend/syncersv1/updateprocessors/staged*processor_test.go}: its names, with 3.32's
 * kinds): a staged GlobalNetworkPolicy or NetworkPolicy is the enforced spec plus {@code stagedAction}; a staged
 * Kubernetes policy is converted as a Kubernetes NetworkPolicy; {@code Delete} gives no policy.
 */
class StagedPolicyConversionTest {
    private static final YAMLMapper YAML = new YAMLMapper();
    private final ResourceConverter converter = new ResourceConverter();

    private Conversion convert(String yaml) throws Exception {
        return converter.convert(YAML.readTree(yaml));
    }

    private Policy policy(String yaml) throws Exception {
        Conversion conversion = convert(yaml);
        assertThat(conversion).isInstanceOf(Conversion.Converted.class);
        return (Policy) ((Conversion.Converted) conversion).resource().model();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"projectcalico.org/v3", "crd.projectcalico.org/v1"})
    void aMinimalStagedGlobalNetworkPolicyIsStagedSetInTheDefaultTier(String apiVersion) throws Exception {
        Policy policy = policy("""
                apiVersion: %s
                kind: StagedGlobalNetworkPolicy
                metadata: {name: name1}
                spec: {stagedAction: Set}
                """.formatted(apiVersion));
        assertThat(policy.kind()).isEqualTo(PolicyKind.STAGED_GLOBAL_NETWORK_POLICY);
        assertThat(policy.stagedAction()).isEqualTo(StagedAction.SET);
        assertThat(policy.name()).isEqualTo("name1");
        assertThat(policy.namespace()).isNull();
        assertThat(policy.tier()).isEqualTo("default");
        assertThat(policy.legacyName()).isEqualTo("staged:name1"); // v1 key name, tier default
        assertThat(policy.types()).containsExactly(PolicyType.INGRESS);
    }

    @Test
    void aFullStagedGlobalNetworkPolicyIsConvertedAsTheEnforcedOne() throws Exception {
        String spec = """
                  order: 101
                  selector: calico/k8s_ns == selectme
                  doNotTrack: true
                  applyOnForward: true
                  types: [Ingress]
                  ingress:
                  - action: Allow
                    protocol: TCP
                    source: {nets: [10.100.10.1], selector: calico/k8s_ns == selector1, ports: [80],
                             notNets: [192.168.40.1], notSelector: has(label1), notPorts: [443]}
                    destination: {nets: [10.100.1.1], selector: calico/k8s_ns == selector2, ports: [443]}
                  egress:
                  - action: Allow
                    protocol: 30
                    destination: {selector: calico/k8s_ns == selector1, ports: [80]}
                """;
        Policy staged = policy("apiVersion: projectcalico.org/v3\nkind: StagedGlobalNetworkPolicy\n"
                + "metadata: {name: name2}\nspec:\n  stagedAction: Learn\n" + spec);
        Policy enforced = policy("apiVersion: projectcalico.org/v3\nkind: GlobalNetworkPolicy\n"
                + "metadata: {name: name2}\nspec:\n" + spec);
        assertThat(staged.stagedAction()).isEqualTo(StagedAction.LEARN);
        assertThat(staged).usingRecursiveComparison().ignoringFields("kind", "stagedAction").isEqualTo(enforced);
        assertThat(staged.doNotTrack()).isTrue();
        assertThat(staged.ingress().get(0).source().notPorts()).containsExactly("443");
    }

    @Test
    void aTieredStagedPolicyKeepsItsTierAndStoredDefaultTierNamesAreStripped() throws Exception {
        Policy tiered = policy("""
                apiVersion: crd.projectcalico.org/v1
                kind: StagedGlobalNetworkPolicy
                metadata: {name: mytier.name3}
                spec: {tier: mytier, stagedAction: Ignore}
                """);
        assertThat(tiered.tier()).isEqualTo("mytier");
        assertThat(tiered.legacyName()).isEqualTo("staged:mytier.name3");
        assertThat(tiered.stagedAction()).isEqualTo(StagedAction.IGNORE);
        Policy stored = policy("""
                apiVersion: crd.projectcalico.org/v1
                kind: StagedNetworkPolicy
                metadata: {name: default.name1, namespace: namespace1}
                spec: {selector: all()}
                """);
        assertThat(stored.kind()).isEqualTo(PolicyKind.STAGED_NETWORK_POLICY);
        assertThat(stored.name()).isEqualTo("name1");
        assertThat(stored.legacyName()).isEqualTo("namespace1/staged:name1");
        // No stagedAction is the CRD's default, Set.
        assertThat(stored.stagedAction()).isEqualTo(StagedAction.SET);
    }

    @Test
    void aStagedKubernetesNetworkPolicyIsConvertedAsAKubernetesNetworkPolicy() throws Exception {
        Conversion conversion = convert("""
                apiVersion: projectcalico.org/v3
                kind: StagedKubernetesNetworkPolicy
                metadata: {name: name1, namespace: namespace1}
                spec: {stagedAction: Set}
                """);
        assertThat(conversion).isInstanceOf(Conversion.Converted.class);
        Conversion.Converted converted = (Conversion.Converted) conversion;
        assertThat(converted.resource().kind()).isEqualTo(ResourceKind.STAGED_KUBERNETES_NETWORK_POLICY);
        assertThat(converted.resource().describe()).isEqualTo("StagedKubernetesNetworkPolicy \"namespace1/name1\"");
        Policy policy = (Policy) converted.resource().model();
        assertThat(policy.kind()).isEqualTo(PolicyKind.STAGED_KUBERNETES_NETWORK_POLICY);
        assertThat(policy.legacyName()).isEqualTo("namespace1/staged:knp.default.name1");
        assertThat(policy.tier()).isEqualTo("default");
        assertThat(policy.order()).isEqualTo(1000.0);
        assertThat(policy.selector()).isEqualTo("projectcalico.org/orchestrator == 'k8s'");
        assertThat(policy.types()).containsExactly(PolicyType.INGRESS);
        assertThat(policy.stagedAction()).isEqualTo(StagedAction.SET);
    }

    @Test
    void aStagedKubernetesPolicysRulesAreThoseOfItsNetworkPolicy() throws Exception {
        String spec = """
                  podSelector: {matchLabels: {app: web}}
                  policyTypes: [Ingress]
                  ingress: [{from: [{podSelector: {}}], ports: [{port: 80}]}]
                """;
        Policy staged = policy("apiVersion: crd.projectcalico.org/v1\nkind: StagedKubernetesNetworkPolicy\n"
                + "metadata: {name: web, namespace: shop}\nspec:\n  stagedAction: Learn\n" + spec);
        Policy enforced = policy("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n"
                + "metadata: {name: web, namespace: shop}\nspec:\n" + spec);
        assertThat(staged.ingress()).isEqualTo(enforced.ingress()).containsExactly(new Rule("Allow", "TCP",
                new EntityMatch("projectcalico.org/orchestrator == 'k8s'", null, null, null, null, null, null, null),
                new EntityMatch(null, null, null, null, null, null, List.of("80"), null)));
        assertThat(staged.selector()).isEqualTo(enforced.selector())
                .isEqualTo("projectcalico.org/orchestrator == 'k8s' && app == 'web'");
        assertThat(staged.name()).isEqualTo("web");
        assertThat(staged.stagedAction()).isEqualTo(StagedAction.LEARN);
    }

    @Test
    void aStagedKubernetesDeletionGivesNoPolicy() throws Exception {
        Conversion conversion = convert("""
                apiVersion: projectcalico.org/v3
                kind: StagedKubernetesNetworkPolicy
                metadata: {name: name1, namespace: ns1}
                spec: {stagedAction: Delete}
                """);
        assertThat(conversion).isInstanceOfSatisfying(Conversion.Skipped.class,
                skipped -> assertThat(skipped.reason()).startsWith("stagedAction Delete"));
    }

    /** Calico's own staged kinds are read so that validate can check them; the index, like Felix, has none. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "StagedGlobalNetworkPolicy, ''",
            "StagedNetworkPolicy, 'namespace: ns1'"})
    void aStagedDeletionIsReadButNeverIndexed(String kind, String namespace) throws Exception {
        Conversion conversion = convert("""
                apiVersion: projectcalico.org/v3
                kind: %s
                metadata: {name: name1, %s}
                spec: {stagedAction: Delete}
                """.formatted(kind, namespace));
        Policy deletion = (Policy) ((Conversion.Converted) conversion).resource().model();
        assertThat(deletion.stagedAction()).isEqualTo(StagedAction.DELETE);

        Policy staged = new Policy(deletion.name(), deletion.namespace(), null, null, "all()", null, List.of(),
                List.of(), false, false, false, null, null, deletion.kind(), StagedAction.SET);
        MatchIndex index = MatchIndex.builder().policies(List.of(deletion)).build();
        assertThat(index.policiesNamed(deletion.legacyName())).isEmpty();
        index.upsertPolicy(staged);
        assertThat(index.policiesNamed(deletion.legacyName())).hasSize(1);
        index.upsertPolicy(deletion);
        assertThat(index.policiesNamed(deletion.legacyName())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"StagedGlobalNetworkPolicy", "StagedKubernetesNetworkPolicy"})
    void anUnknownStagedActionIsMalformed(String kind) {
        assertThatThrownBy(() -> convert("""
                apiVersion: projectcalico.org/v3
                kind: %s
                metadata: {name: name1, namespace: ns1}
                spec: {stagedAction: Deleted}
                """.formatted(kind))).isInstanceOf(ResourceFormatException.class)
                .hasMessageEndingWith("spec.stagedAction: expected Set, Delete, Learn or Ignore, got \"Deleted\"");
    }
}
