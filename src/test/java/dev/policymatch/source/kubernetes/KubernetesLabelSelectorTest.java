package dev.policymatch.source.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.policymatch.selector.Selector;
import dev.policymatch.source.ManifestYaml;
import dev.policymatch.source.document.Fields;
import dev.policymatch.source.document.ResourceFormatException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Kubernetes label selectors to Calico selector text, as libcalico-go's k8sSelectorToCalico writes
 * it (conversion.go); the text is compared exactly because calicoq prints it as stored.
 */
class KubernetesLabelSelectorTest {
    private static final String K8S = "projectcalico.org/orchestrator == 'k8s'";
    private final Fields fields = new Fields("NetworkPolicy \"ns/np\"");

    @ParameterizedTest(name = "pods {0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            (absent)                                                   | ""
            {}                                                         | ""
            {matchLabels: {}, matchExpressions: []}                    | ""
            {matchLabels: {app: be}}                                   | " && app == 'be'"
            {matchLabels: {z: '1', a: '2', m: x}}                      | " && a == '2' && m == 'x' && z == '1'"
            {matchExpressions: [{key: env, operator: In, values: [prod, dev]}]}      | " && env in { 'prod', 'dev' }"
            {matchExpressions: [{key: env, operator: In, values: [prod]}]}           | " && env in { 'prod' }"
            {matchExpressions: [{key: env, operator: NotIn, values: [b, a]}]}        | " && env not in { 'b', 'a' }"
            {matchExpressions: [{key: env, operator: Exists}]}                       | " && has(env)"
            {matchExpressions: [{key: env, operator: DoesNotExist}]}                 | " && ! has(env)"
            {matchExpressions: [{key: a.io/b, operator: Exists, values: []}]}        | " && has(a.io/b)"
            {matchExpressions: [{key: x, operator: Exists}, {key: b, operator: DoesNotExist}], matchLabels: {k: v}} | " && k == 'v' && has(x) && ! has(b)"
            """)
    void podSelectorsStartWithTheOrchestratorClause(String yaml, String clauses) throws Exception {
        String converted = KubernetesLabelSelector.pods(fields, node(yaml), "spec.podSelector");
        assertThat(converted).isEqualTo(K8S + clauses);
        assertThat(Selector.parse(converted)).isNotNull();
    }

    @ParameterizedTest(name = "namespaces {0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            (absent)                                                          | ""
            {}                                                                | all()
            {matchLabels: {}}                                                 | all()
            {matchLabels: {team: shop}}                                       | team == 'shop'
            {matchLabels: {team: shop, env: prod}}                            | env == 'prod' && team == 'shop'
            {matchExpressions: [{key: team, operator: In, values: [a, b]}]}   | team in { 'a', 'b' }
            {matchExpressions: [{key: team, operator: DoesNotExist}]}         | ! has(team)
            """)
    void namespaceSelectorsHaveNoPrefixAndEmptyMeansAll(String yaml, String expected) throws Exception {
        String converted = KubernetesLabelSelector.namespaces(fields, node(yaml), "namespaceSelector");
        assertThat(converted).isEqualTo(expected);
        assertThat(Selector.parse(converted)).isNotNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {matchExpressions: [{key: env, operator: in, values: [a]}]}   | spec.podSelector.matchExpressions[0].operator: expected In, NotIn, Exists or DoesNotExist, got "in"
            {matchExpressions: [{key: env}]}                              | spec.podSelector.matchExpressions[0].operator: expected In, NotIn, Exists or DoesNotExist, got nothing
            {matchLabels: {app: 5}}                                       | spec.podSelector.matchLabels.app: expected a string (quote it), got a number (5)
            """)
    void anOperatorTheApiServerRefusesIsAProblem(String yaml, String message) {
        assertThatThrownBy(() -> KubernetesLabelSelector.pods(fields, node(yaml), "spec.podSelector"))
                .isInstanceOfSatisfying(ResourceFormatException.class, e -> {
                    assertThat(e.fieldMessage()).isEqualTo(message);
                    assertThat(e.resource()).isEqualTo("NetworkPolicy \"ns/np\"");
                });
    }

    static JsonNode node(String yaml) throws Exception {
        if (yaml.equals("(absent)")) {
            return MissingNode.getInstance();
        }
        return ManifestYaml.firstDocument(yaml);
    }
}
