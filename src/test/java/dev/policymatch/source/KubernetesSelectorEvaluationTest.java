package dev.policymatch.source;

import static dev.policymatch.model.CalicoVocabulary.NAMESPACE_LABEL_PREFIX;
import static org.assertj.core.api.Assertions.assertThat;

import dev.policymatch.model.EntityMatch;
import dev.policymatch.model.Policy;
import dev.policymatch.model.Profile;
import dev.policymatch.model.WorkloadEndpoint;
import dev.policymatch.selector.Selector;
import dev.policymatch.source.document.CalicoResource;
import dev.policymatch.source.document.Dialect;
import dev.policymatch.source.document.ResourceKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The converted selectors parse with {@link Selector#parse} and select the pods Kubernetes means, when
 * evaluated as Calico does: a NetworkPolicy and a rule's pod selector only within the policy's
 * namespace, a rule's namespace selector on the {@code pcns.} labels that the namespace's profile
 * gives its pods. (The match engine does this for real; here the Selector is used directly.)
 */
class KubernetesSelectorEvaluationTest {
    private final List<String> warnings = new ArrayList<>();
    private Catalog catalog;

    @BeforeEach
    void read() throws Exception {
        catalog = new ManifestReader(warnings::add).read(List.of("src/test/resources/kubernetes/evaluation.yaml"));
        assertThat(catalog.problems()).isEmpty();
        assertThat(warnings).isEmpty();
    }

    @ParameterizedTest(name = "{0} selects {1}")
    @CsvSource(delimiter = '|', textBlock = """
            shop/knp.default.all-pods    | shop.db-0 shop.web-0 shop.web-canary
            shop/knp.default.db          | shop.db-0
            shop/knp.default.stable-web  | shop.web-0
            dev/knp.default.versioned    | dev.web-0
            """)
    void policySelectorsSelectThePodsOfTheirNamespace(String policyName, String expected) {
        Policy policy = policy(policyName);
        Selector selector = Selector.parse(policy.selector());
        String selected = pods(endpoint -> endpoint.namespace().equals(policy.namespace())
                && selector.matches(endpoint.labels()));
        assertThat(selected).isEqualTo(expected);
    }

    @ParameterizedTest(name = "rule {0} selects {1}")
    @CsvSource(delimiter = '|', textBlock = """
            0 | shop.web-0 shop.web-canary
            1 | ops.prometheus
            2 | dev.web-0
            3 | dev.web-0 ops.prometheus shop.db-0 shop.web-0 shop.web-canary
            """)
    void rulePeersSelectThroughTheirNamespace(int rule, String expected) {
        assertThat(peerMatches(policy("shop/knp.default.db").ingress().get(rule).source(), "shop"))
                .isEqualTo(expected);
    }

    @Test
    void aNamespaceLabelChangeChangesWhatANamespaceSelectorSelects() throws Exception {
        EntityMatch fromDevAndTest = policy("shop/knp.default.db").ingress().get(2).source();
        assertThat(peerMatches(fromDevAndTest, "shop")).isEqualTo("dev.web-0");

        // The ops namespace is relabelled env=test: its pods now match, through kns.ops's pcns.env.
        Catalog relabelled = new ManifestReader(warnings::add).readString("ops.yaml", """
                apiVersion: v1
                kind: Namespace
                metadata: {name: ops, labels: {team: ops, env: test}}
                """);
        Catalog.Builder builder = new Catalog.Builder();
        catalog.profiles().stream().filter(p -> !p.resource().name().equals("kns.ops"))
                .forEach(p -> builder.add(new CalicoResource(ResourceKind.PROFILE, p.name(), Dialect.KUBERNETES,
                        p.resource()), p.location()));
        catalog.workloadEndpoints().forEach(e -> builder.add(new CalicoResource(ResourceKind.WORKLOAD_ENDPOINT,
                e.name(), Dialect.KUBERNETES, e.resource()), e.location()));
        catalog.policies().forEach(p -> builder.add(new CalicoResource(ResourceKind.NETWORK_POLICY,
                p.name(), Dialect.KUBERNETES, p.resource()), p.location()));
        catalog = builder.addAll(relabelled).build();

        assertThat(peerMatches(fromDevAndTest, "shop")).isEqualTo("dev.web-0 ops.prometheus");
    }

    @Test
    void serviceAccountLabelsReachThePodThroughItsProfile() {
        Selector byAccount = Selector.parse("pcsa.role == 'frontend'");
        assertThat(pods(endpoint -> byAccount.matches(effectiveLabels(endpoint))))
                .isEqualTo("shop.web-0 shop.web-canary");
        // No ServiceAccount "default" in the file, so no ksa.<ns>.default profile: the pod's own label still says it.
        Selector byAccountName = Selector.parse("projectcalico.org/serviceaccount == 'default'");
        assertThat(pods(endpoint -> byAccountName.matches(effectiveLabels(endpoint))))
                .isEqualTo("dev.web-0 ops.prometheus shop.db-0");
    }

    /**
     * Calico's rule semantics: the selector alone is scoped to the policy's namespace; with a
     * namespace selector, it applies in the namespaces that selector picks by their pcns. labels.
     */
    private String peerMatches(EntityMatch peer, String policyNamespace) {
        Selector selector = Selector.parse(peer.selector());
        Selector namespaces = peer.namespaceSelector() == null ? null
                : Selector.parse(peer.namespaceSelector()).withKeyPrefix(NAMESPACE_LABEL_PREFIX);
        return pods(endpoint -> {
            Map<String, String> labels = effectiveLabels(endpoint);
            boolean inScope = namespaces == null ? policyNamespace.equals(endpoint.namespace()) : namespaces.matches(labels);
            return inScope && selector.matches(labels);
        });
    }

    /** Own labels win; then the profiles' labels, the first profile listing a key winning. */
    private Map<String, String> effectiveLabels(WorkloadEndpoint endpoint) {
        Map<String, Profile> profiles = new HashMap<>();
        catalog.profiles().forEach(p -> profiles.put(p.resource().name(), p.resource()));
        Map<String, String> labels = new TreeMap<>(endpoint.labels());
        for (String name : endpoint.profiles()) {
            Profile profile = profiles.get(name);
            if (profile != null) {
                profile.labelsToApply().forEach(labels::putIfAbsent);
            }
        }
        return labels;
    }

    private String pods(java.util.function.Predicate<WorkloadEndpoint> selected) {
        return catalog.workloadEndpoints().stream().map(Located::resource).filter(selected)
                .map(WorkloadEndpoint::workload).sorted().collect(Collectors.joining(" "));
    }

    private Policy policy(String textName) {
        return catalog.policies().stream().map(Located::resource)
                .filter(p -> p.legacyName().equals(textName)).findFirst().orElseThrow();
    }
}
