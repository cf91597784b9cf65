package dev.policymatch.source.calico;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.policymatch.model.HostEndpoint;
import dev.policymatch.model.Policy;
import dev.policymatch.source.ManifestYaml;
import dev.policymatch.source.document.CalicoResource;
import dev.policymatch.source.document.Conversion;
import dev.policymatch.source.document.ResourceFormatException;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Calico's stored form, read as {@code ConvertK8sResourceToCalicoResource} reads it
 * ({@code libcalico-go/lib/backend/k8s/resources/resources.go}, v3.32.1). Calico has no unit table for it; the rows
 * are the objects its clients write (see examples/cluster-stored) and the policy fixtures of its tests:
 * {@code libcalico-go/test/mock-policies.yaml} (annotation {@code {}} on {@code default.prefix-test-policy}),
 * {@code kube-controllers/pkg/controllers/networkpolicy/policy_name_migrator_test.go} ({@code default.mismatched}
 * named {@code mismatched} by its annotation) and {@code migration/resources_for_test.go} (an annotation
 * {@code uid}, ignored).
 */
class StoredMetadataTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final CalicoResourceConverter converter = new CalicoResourceConverter();

    /** A HostEndpoint in {@code apiVersion} with these metadata.labels and this annotation value (null: none). */
    private static ObjectNode hostEndpoint(String apiVersion, Map<String, String> labels, String annotation) {
        ObjectNode document = JSON.createObjectNode().put("apiVersion", apiVersion).put("kind", "HostEndpoint");
        ObjectNode metadata = document.putObject("metadata").put("name", "node1-eth0");
        if (!labels.isEmpty()) {
            labels.forEach(metadata.putObject("labels")::put);
        }
        if (annotation != null) {
            metadata.putObject("annotations").put("projectcalico.org/metadata", annotation).put("other", "kept");
        }
        document.putObject("spec").put("node", "node1").put("interfaceName", "eth0");
        return document;
    }

    private HostEndpoint convertHost(JsonNode document) throws ResourceFormatException {
        return (HostEndpoint) resource(document).model();
    }

    private CalicoResource resource(JsonNode document) throws ResourceFormatException {
        return ((Conversion.Converted) converter.convert(document)).resource();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            S1 labels only in the annotation | | `{"creationTimestamp":"2025-06-02T09:14:07Z","labels":{"environment":"production","role":"db"}}` | {environment=production, role=db}
            S2 the annotation wins | projectcalico.org/created-by=calico-kube-controllers,stale=x | `{"labels":{"role":"db","stale":"y"}}` | {projectcalico.org/created-by=calico-kube-controllers, role=db, stale=y}
            S4 empty annotation | a=b | `{}` | {a=b}
            S4 null annotation | a=b | `null` | {a=b}
            S4 null labels | a=b | `{"labels":null}` | {a=b}
            S5 unknown keys ignored | | `{"foo":1,"uid":"ignored","labels":{"a":"b"}}` | {a=b}
            Go matches keys ignoring case | | `{"Labels":{"a":"b"}}` | {a=b}
            the last duplicate key wins | | `{"labels":{"a":"b"},"labels":{"a":"c"}}` | {a=c}
            """)
    void effectiveLabelsAreTheStoredOnesOverlaidByTheAnnotations(String row, String labels, String annotation,
            String expected) throws Exception {
        assertThat(convertHost(hostEndpoint("crd.projectcalico.org/v1", labels(labels), annotation)).labels())
                .hasToString(expected);
    }

    @Test
    void s3WithoutTheAnnotationTheStoredLabelsAreTheLabels() throws Exception {
        assertThat(convertHost(hostEndpoint("crd.projectcalico.org/v1", Map.of("a", "b"), null)).labels())
                .isEqualTo(Map.of("a", "b"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"projectcalico.org/v3", "v1"})
    void s12s13OtherDialectsDoNotDecodeTheAnnotation(String apiVersion) throws Exception {
        ObjectNode document = hostEndpoint(apiVersion, Map.of("a", "b"), "{\"labels\":{\"c\":\"d\"}}");
        if (apiVersion.equals("v1")) {
            ((ObjectNode) document.get("metadata")).put("node", "node1");
        }
        assertThat(convertHost(document).labels()).isEqualTo(Map.of("a", "b"));
        assertThat(convertHost(hostEndpoint(apiVersion, Map.of(), "{not json")).labels()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            S6 cut short | `{"labels":` | metadata.annotations[projectcalico.org/metadata]: contained invalid JSON: Unexpected end-of-input
            S7 empty | `` | metadata.annotations[projectcalico.org/metadata]: contained invalid JSON: no value
            S8 a list | `[]` | metadata.annotations[projectcalico.org/metadata]: contained invalid JSON: expected an object, got a list
            S8 a number | `42` | metadata.annotations[projectcalico.org/metadata]: contained invalid JSON: expected an object, got a number (42)
            S9 a label not a string | `{"labels":{"a":1}}` | metadata.annotations[projectcalico.org/metadata].labels.a: expected a string (quote it), got a number (1)
            labels not a mapping | `{"labels":["a"]}` | metadata.annotations[projectcalico.org/metadata].labels: expected a mapping of strings to strings, got a list
            annotations not strings | `{"annotations":{"a":true}}` | metadata.annotations[projectcalico.org/metadata].annotations.a: expected a string (quote it), got a boolean (true)
            a name not a string | `{"name":5}` | metadata.annotations[projectcalico.org/metadata].name: expected a string, got a number (5)
            S10 trailing data | `{"labels":{}} {}` | metadata.annotations[projectcalico.org/metadata]: contained invalid JSON: Trailing token
            """)
    void aBadAnnotationIsAProblemNamingTheField(String row, String annotation, String message) {
        assertThatThrownBy(() -> converter.convert(hostEndpoint("crd.projectcalico.org/v1", Map.of(),
                annotation == null ? "" : annotation)))
                .isInstanceOfSatisfying(ResourceFormatException.class, e -> {
                    assertThat(e.resource()).isEqualTo("HostEndpoint \"node1-eth0\"");
                    assertThat(e.fieldMessage()).startsWith(message);
                    assertThat(e.fieldMessage()).doesNotContain("\n");
                });
    }

    @Test
    void s11AnAnnotationThatIsNotTextIsAProblem() {
        ObjectNode document = hostEndpoint("crd.projectcalico.org/v1", Map.of(), null);
        ((ObjectNode) document.get("metadata")).putObject("annotations").putObject("projectcalico.org/metadata");
        assertThatThrownBy(() -> converter.convert(document)).isInstanceOfSatisfying(ResourceFormatException.class,
                e -> assertThat(e.fieldMessage()).isEqualTo(
                        "metadata.annotations[projectcalico.org/metadata]: expected a string, got a mapping"));
    }

    @Test
    void deepNestingIsRefusedNotFollowed() {
        String deep = "{\"x\":".repeat(100) + "1" + "}".repeat(100);
        assertThatThrownBy(() -> converter.convert(hostEndpoint("crd.projectcalico.org/v1", Map.of(), deep)))
                .isInstanceOfSatisfying(ResourceFormatException.class, e -> assertThat(e.fieldMessage())
                        .startsWith("metadata.annotations[projectcalico.org/metadata]: contained invalid JSON: ")
                        .endsWith("nested deeper than 64 levels"));
    }

    /**
     * The name table of docs/kubernetes.md: a policy's name is the annotation's {@code name}, else the stored name
     * with one {@code default.} trimmed in the default tier ({@code determinePolicyName}). "-" is no annotation.
     */
    @ParameterizedTest(name = "{0} {2} {3} {4}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            N1  | GlobalNetworkPolicy | default.allow-db   |          | `{"name":"allow-db","creationTimestamp":"2025-06-02T09:20:00Z"}` | allow-db
            N2  | GlobalNetworkPolicy | default.allow-db   | default  | `{}`                     | allow-db
            N3  | GlobalNetworkPolicy | default.allow-db   |          | `null`                   | allow-db
            N4  | GlobalNetworkPolicy | default.allow-db   | default  | -                        | allow-db
            N5  | GlobalNetworkPolicy | default.allow-db   | default  | `{"name":"default.allow-db"}` | default.allow-db
            N6  | GlobalNetworkPolicy | allow-db           | default  | `{"name":"allow-db"}`    | allow-db
            N7  | GlobalNetworkPolicy | platform.allow-dns | platform | `{"creationTimestamp":"2025-06-02T09:21:00Z"}` | platform.allow-dns
            N8  | GlobalNetworkPolicy | allow-dns          | platform | `{"name":"allow-dns"}`   | allow-dns
            N9  | GlobalNetworkPolicy | default.allow-dns  | platform | `{}`                     | default.allow-dns
            N10 | GlobalNetworkPolicy | default.default.x  | default  | `{}`                     | default.x
            N11 | NetworkPolicy       | default.allow-fe   | default  | `{"name":"allow-fe"}`    | allow-fe
            N15 | GlobalNetworkPolicy | default.allow-db   | default  | `{"name":""}`            | allow-db
            migrator | NetworkPolicy  | default.mismatched | default  | `{"name":"mismatched"}`  | mismatched
            mock-policies | GlobalNetworkPolicy | default.prefix-test-policy | default | `{}`  | prefix-test-policy
            """)
    void aStoredPolicyIsNamedAsCalicoNamesIt(String row, String kind, String storedName, String tier,
            String annotation, String expected) throws Exception {
        String annotations = annotation.equals("-") ? ""
                : "\n  annotations:\n    projectcalico.org/metadata: '" + annotation + "'";
        CalicoResource resource = resource(ManifestYaml.firstDocument("""
                apiVersion: crd.projectcalico.org/v1
                kind: %s
                metadata:
                  name: %s
                  namespace: shop%s
                spec:
                  tier: %s
                  selector: all()
                """.formatted(kind, storedName, annotations, tier == null ? "\"\"" : tier)));
        assertThat(((Policy) resource.model()).name()).isEqualTo(expected);
        assertThat(resource.name()).as("messages name the stored object").endsWith(storedName);
    }

    @Test
    void s14AnAutoHostEndpointHasItsNodesLabelsAndCreatedBy() throws Exception {
        HostEndpoint endpoint = convertHost(ManifestYaml.firstDocument("""
                apiVersion: crd.projectcalico.org/v1
                kind: HostEndpoint
                metadata:
                  name: node1-auto-hep
                  labels:
                    projectcalico.org/created-by: calico-kube-controllers
                  annotations:
                    projectcalico.org/metadata: '{"creationTimestamp":"2025-06-02T09:15:00Z","labels":{"kubernetes.io/hostname":"node1","projectcalico.org/created-by":"calico-kube-controllers"}}'
                spec:
                  node: node1
                  interfaceName: "*"
                  expectedIPs: ["10.0.0.11"]
                  profiles: [projectcalico-default-allow]
                """));
        assertThat(endpoint.labels()).containsEntry("kubernetes.io/hostname", "node1")
                .containsEntry("projectcalico.org/created-by", "calico-kube-controllers");
        assertThat(endpoint.name()).isEqualTo("node1-auto-hep");
    }

    private static Map<String, String> labels(String text) {
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        java.util.TreeMap<String, String> labels = new java.util.TreeMap<>();
        for (String pair : text.split(",")) {
            String[] kv = pair.split("=", 2);
            labels.put(kv[0], kv[1]);
        }
        return labels;
    }
}
