package dev.policymatch.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.policymatch.source.ServedObjects.Served;
import dev.policymatch.source.document.CalicoApiGroup;
import dev.policymatch.source.document.ConverterInput;
import dev.policymatch.source.document.ResourceFormatException;
import dev.policymatch.source.document.ResourceKind;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link ResourceConverter#input}: an object cut to what its converter reads converts exactly as the whole object
 * (the same model and warnings, or the same refusal), for every fixture of every kind a cluster serves, and
 * keeps none of what the API server and kubectl add.
 */
class ConverterInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ResourceConverter converter = new ResourceConverter();

    /** The kinds the operator's informers cache: its inputs and its two endpoint kinds. */
    private static final Set<ResourceKind> CACHED = EnumSet.of(ResourceKind.HOST_ENDPOINT, ResourceKind.POD);

    static {
        for (ResourceKind kind : ResourceKind.values()) {
            if (kind.watchedAsInput()) {
                CACHED.add(kind);
            }
        }
    }

    /** Kinds no fixture file holds; written here as a cluster serves them. */
    private static final List<String> MORE = List.of("""
            {"apiVersion": "policy.networking.k8s.io/v1alpha1", "kind": "AdminNetworkPolicy",
             "metadata": {"name": "deny-db", "labels": {"team": "sec"}},
             "spec": {"priority": 10, "subject": {"namespaces": {"matchLabels": {"tier": "db"}}},
                      "ingress": [{"name": "deny", "action": "Deny", "from": [{"namespaces": {}}]}]}}""", """
            {"apiVersion": "policy.networking.k8s.io/v1alpha1", "kind": "BaselineAdminNetworkPolicy",
             "metadata": {"name": "default"},
             "spec": {"subject": {"pods": {"namespaceSelector": {}, "podSelector": {"matchLabels": {"a": "b"}}}},
                      "egress": [{"name": "deny", "action": "Deny", "to": [{"pods": {"namespaceSelector": {},
                                  "podSelector": {}}}]}]}}""", """
            {"apiVersion": "projectcalico.org/v3", "kind": "StagedKubernetesNetworkPolicy",
             "metadata": {"name": "web", "namespace": "shop"},
             "spec": {"stagedAction": "Set", "podSelector": {"matchLabels": {"app": "web"}},
                      "policyTypes": ["Ingress"], "ingress": [{"from": [{"podSelector": {}}]}]}}""", """
            {"apiVersion": "v1", "kind": "ServiceAccount",
             "metadata": {"name": "api", "namespace": "shop", "labels": {"team": "a"}},
             "secrets": [{"name": "api-token"}], "imagePullSecrets": [{"name": "registry"}]}""", """
            {"apiVersion": "crd.projectcalico.org/v1", "kind": "GlobalNetworkPolicy",
             "metadata": {"name": "default.x", "labels": {"projectcalico.org/tier": "default"},
                          "annotations": {"projectcalico.org/metadata": "{\\"labels\\": [1]}"}},
             "spec": {"selector": "all()"}}""", """
            {"apiVersion": "crd.projectcalico.org/v1", "kind": "HostEndpoint",
             "metadata": {"name": "h", "annotations": ["not", "a", "mapping"]}, "spec": {"node": "n"}}""", """
            {"apiVersion": "crd.projectcalico.org/v1", "kind": "Tier", "metadata": "not a mapping"}""", """
            {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "ns", "labels": {"a": 1}}}""");

    private List<Served> served() throws Exception {
        List<Served> served = new ArrayList<>(ServedObjects.fixtures());
        for (String json : MORE) {
            served.add(ServedObjects.as(JSON.readTree(json), "inline").orElseThrow());
        }
        return served;
    }

    @Test
    void everyServedFixtureCutToItsInputConvertsAsTheWholeObject() throws Exception {
        Set<ResourceKind> seen = EnumSet.noneOf(ResourceKind.class);
        int refused = 0;
        for (Served served : served()) {
            if (!CACHED.contains(served.kind())) {
                continue;
            }
            seen.add(served.kind());
            String whole = outcome(served.kind(), served.group(), served.object());
            String trimmed = outcome(served.kind(), served.group(), ResourceConverter.input(served.kind())
                    .cut(served.object()));
            assertThat(trimmed).as(served.source() + ": " + served.object()).isEqualTo(whole);
            refused += whole.startsWith("refused") ? 1 : 0;
        }
        assertThat(seen).as("a fixture of every cached kind").isEqualTo(CACHED);
        assertThat(refused).as("refusals are compared too").isGreaterThan(3);
    }

    @Test
    void theInputHoldsNothingTheServerOrKubectlAdded() throws Exception {
        for (Served served : served()) {
            if (!CACHED.contains(served.kind()) || !served.object().path("metadata").isObject()) {
                continue;
            }
            ObjectNode kept = ResourceConverter.input(served.kind()).cut(served.object());
            assertThat(kept.path("metadata").has("managedFields")).as(served.source()).isFalse();
            assertThat(kept.path("metadata").has("creationTimestamp")).isFalse();
            assertThat(kept.toString()).doesNotContain("last-applied-configuration");
            assertThat(kept.has("status")).as("status of " + served.kind()).isEqualTo(
                    served.kind() == ResourceKind.POD && served.object().has("status"));
            assertThat(kept.path("metadata").path("name")).isEqualTo(served.object().path("metadata").path("name"));
            assertThat(ServedObjects.jsonBytes(kept)).isLessThan(ServedObjects.jsonBytes(served.object()));
        }
    }

    @Test
    void aNamespaceOrServiceAccountKeepsItsNameAndLabelsOnly() throws Exception {
        ObjectNode namespace = ServedObjects.served(JSON.readTree("""
                {"apiVersion": "v1", "kind": "Namespace",
                 "metadata": {"name": "shop", "labels": {"team": "a"}, "annotations": {"owner": "x"}}}"""));
        assertThat(ResourceConverter.input(ResourceKind.NAMESPACE).cut(namespace)).isEqualTo(JSON.readTree("""
                {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "shop", "labels": {"team": "a"}}}"""));
        ObjectNode account = ServedObjects.served(JSON.readTree("""
                {"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": "api", "namespace": "shop"},
                 "secrets": [{"name": "api-token"}]}"""));
        assertThat(ResourceConverter.input(ResourceKind.SERVICE_ACCOUNT).cut(account)).isEqualTo(JSON.readTree("""
                {"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": "api", "namespace": "shop"}}"""));
    }

    @Test
    void aStoredCalicoObjectKeepsItsMetadataAnnotationAndSpecButNoOtherAnnotation() throws Exception {
        ObjectNode policy = ServedObjects.served(JSON.readTree("""
                {"apiVersion": "crd.projectcalico.org/v1", "kind": "GlobalNetworkPolicy",
                 "metadata": {"name": "default.x", "labels": {"projectcalico.org/tier": "default"},
                              "annotations": {"projectcalico.org/metadata": "{\\"name\\": \\"x\\"}", "note": "y"}},
                 "spec": {"tier": "default", "selector": "all()"}, "status": {"anything": 1}}"""));
        assertThat(ResourceConverter.input(ResourceKind.GLOBAL_NETWORK_POLICY).cut(policy)).isEqualTo(JSON.readTree("""
                {"apiVersion": "crd.projectcalico.org/v1", "kind": "GlobalNetworkPolicy",
                 "metadata": {"name": "default.x", "labels": {"projectcalico.org/tier": "default"},
                              "annotations": {"projectcalico.org/metadata": "{\\"name\\": \\"x\\"}"}},
                 "spec": {"tier": "default", "selector": "all()"}}"""));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"a": {"b": 1, "c": 2}, "d": 3}   | {"a": {"b": 1}}
            {"a": [1, 2], "d": 3}             | {"a": [1, 2]}
            {"a": "text"}                     | {"a": "text"}
            {"d": 3}                          | {}
            {"a": {"c": 2}}                   | {"a": {}}
            """)
    void aPathKeepsItsLeafOrAParentThatIsNotAMapping(String object, String kept) throws Exception {
        assertThat(new ConverterInput(List.of(List.of("a", "b"))).cut(JSON.readTree(object)))
                .isEqualTo(JSON.readTree(kept));
    }

    @Test
    void twoPathsThroughAParentThatIsNotAMappingKeepItOnceAndLeaveTheObjectAlone() throws Exception {
        JsonNode object = JSON.readTree("{\"a\": [1], \"e\": {\"f\": 1, \"g\": 2, \"h\": 3}}");
        JsonNode before = object.deepCopy();
        ObjectNode kept = new ConverterInput(List.of(List.of("a", "b"), List.of("a", "c"), List.of("e", "f"),
                List.of("e", "g"))).cut(object);
        assertThat(kept).isEqualTo(JSON.readTree("{\"a\": [1], \"e\": {\"f\": 1, \"g\": 2}}"));
        assertThat(object).isEqualTo(before);
    }

    /** The conversion (model and warnings, or why none), or the converter's refusal, as one comparable string. */
    private String outcome(ResourceKind kind, CalicoApiGroup group, ObjectNode object) {
        try {
            return String.valueOf(converter.convert(kind, group, object.deepCopy()));
        } catch (ResourceFormatException e) {
            return "refused: " + e.getMessage();
        }
    }
}
