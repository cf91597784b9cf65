package dev.policymatch.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.policymatch.model.CalicoObject.Family;
import dev.policymatch.model.DefaultAction;
import dev.policymatch.model.IpNat;
import dev.policymatch.model.Tier;
import dev.policymatch.model.WorkloadEndpoint;
import dev.policymatch.model.WorkloadEndpointPort;
import dev.policymatch.source.document.Conversion;
import dev.policymatch.source.document.Dialect;
import dev.policymatch.source.document.ResourceFormatException;
import dev.policymatch.source.document.ResourceKind;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The one front door: which converter a document reaches, and what a cluster object is read as. */
class ResourceConverterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ResourceConverter converter = new ResourceConverter();

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            v1                    | Pod            | WORKLOAD_ENDPOINT | KUBERNETES
            v1                    | hostEndpoint   | HOST_ENDPOINT     | CALICOCTL_V1
            v1                    | Namespace      | PROFILE           | KUBERNETES
            v1                    | profile        | PROFILE           | CALICOCTL_V1
            networking.k8s.io/v1  | NetworkPolicy  | NETWORK_POLICY    | KUBERNETES
            projectcalico.org/v3  | NetworkPolicy  | NETWORK_POLICY    | PROJECTCALICO_V3
            crd.projectcalico.org/v1 | NetworkPolicy | NETWORK_POLICY  | CRD_V1
            projectcalico.org/v3  | StagedNetworkPolicy | STAGED_NETWORK_POLICY | PROJECTCALICO_V3
            crd.projectcalico.org/v1 | StagedGlobalNetworkPolicy | STAGED_GLOBAL_NETWORK_POLICY | CRD_V1
            projectcalico.org/v3  | StagedKubernetesNetworkPolicy | STAGED_KUBERNETES_NETWORK_POLICY | PROJECTCALICO_V3
            crd.projectcalico.org/v1 | stagedkubernetesnetworkpolicy | STAGED_KUBERNETES_NETWORK_POLICY | CRD_V1
            policy.networking.k8s.io/v1alpha2 | ClusterNetworkPolicy | GLOBAL_NETWORK_POLICY | KUBERNETES
            policy.networking.k8s.io/v1alpha1 | AdminNetworkPolicy | GLOBAL_NETWORK_POLICY | KUBERNETES
            policy.networking.k8s.io/v1alpha1 | BaselineAdminNetworkPolicy | GLOBAL_NETWORK_POLICY | KUBERNETES
            """)
    void aManifestDocumentIsAKubernetesKindBeforeItIsACalicoDialect(String apiVersion, String kind,
            ResourceKind expected, Dialect dialect) throws Exception {
        Conversion conversion = converter.convert(JSON.readTree("""
                {"apiVersion": "%s", "kind": "%s", "metadata": {"name": "x", "namespace": "ns", "node": "n1"},
                 "spec": {"nodeName": "n1", "node": "n1", "podSelector": {}, "tier": "Admin",
                          "subject": {"namespaces": {}}}}""".formatted(apiVersion, kind)));
        assertThat(conversion).isInstanceOfSatisfying(Conversion.Converted.class, converted -> {
            assertThat(converted.resource().kind()).isEqualTo(expected);
            assertThat(converted.resource().dialect()).isEqualTo(dialect);
        });
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            apps/v1               | Deployment    | Deployment "x" (apps/v1)
            v1                    | pod           | pod "x" (v1)
            v1                    | ConfigMap     | ConfigMap "x" (v1)
            policy.networking.k8s.io/v1alpha1 | ClusterNetworkPolicy | ClusterNetworkPolicy "x" (policy.networking.k8s.io/v1alpha1)
            v1                    | StagedKubernetesNetworkPolicy | StagedKubernetesNetworkPolicy "x" (v1)
            """)
    void aDocumentOfAnotherKindIsNotCalicoAndSaysWhatItIs(String apiVersion, String kind, String description)
            throws Exception {
        assertThat(converter.convert(JSON.readTree("""
                {"apiVersion": "%s", "kind": "%s", "metadata": {"name": "x"}}""".formatted(apiVersion, kind))))
                .isEqualTo(new Conversion.NotCalico(description));
    }

    @Test
    void aPodWithoutAWorkloadEndpointIsSkippedWithCalicosReason() throws Exception {
        ObjectNode pod = object("""
                {"metadata": {"name": "p", "namespace": "ns"}, "spec": {"hostNetwork": true, "nodeName": "n1"}}""");
        assertThat(converter.convert(ResourceKind.POD, pod))
                .isEqualTo(new Conversion.Skipped("a host-networked pod has no workload endpoint"));
    }

    /** A list item from a real API server has no apiVersion or kind: the table's row gives them. */
    @ParameterizedTest
    @EnumSource(ResourceKind.class)
    void everyKindReadFromAClusterConvertsToItsCalicoKind(ResourceKind kind) throws Exception {
        ObjectNode object = object("""
                {"metadata": {"name": "x"}, "spec": {"nodeName": "n1", "node": "n1", "podSelector": {},
                 "tier": "Admin", "subject": {"namespaces": {}}}}""");
        if (kind.namespaced()) {
            ((ObjectNode) object.get("metadata")).put("namespace", "ns");
        }
        Conversion conversion = converter.convert(kind, object);
        assertThat(object.get("apiVersion").asText()).isEqualTo(kind.apiVersion());
        assertThat(object.get("kind").asText()).isEqualTo(kind.kindName());
        assertThat(conversion).isInstanceOfSatisfying(Conversion.Converted.class, converted -> {
            assertThat(converted.resource().kind()).isEqualTo(kind.calicoKind());
            assertThat(converted.resource().model().family()).isEqualTo(kind.family());
        });
    }

    @Test
    void theTableDecidesWhatAClusterObjectIsWhateverItSaysItIs() throws Exception {
        ObjectNode namespace = object("""
                {"apiVersion": "projectcalico.org/v3", "kind": "Profile", "metadata": {"name": "prod"}}""");
        Conversion conversion = converter.convert(ResourceKind.NAMESPACE, namespace);
        assertThat(conversion).isInstanceOfSatisfying(Conversion.Converted.class, converted -> {
            assertThat(converted.resource().name()).isEqualTo("kns.prod");
            assertThat(converted.resource().dialect()).isEqualTo(Dialect.KUBERNETES);
            assertThat(converted.resource().model().family()).isEqualTo(Family.PROFILE);
        });
    }

    @Test
    void aMalformedClusterObjectIsAProblemNamingItsKind() {
        assertThatThrownBy(() -> converter.convert(ResourceKind.SERVICE_ACCOUNT,
                object("{\"metadata\": {\"name\": \"web\", \"namespace\": \"shop\", \"labels\": {\"a\": 1}}}")))
                .isInstanceOfSatisfying(ResourceFormatException.class, e -> assertThat(e.getMessage()).isEqualTo(
                        "ServiceAccount \"shop/web\": metadata.labels.a: expected a string (quote it), got a number (1)"));
        assertThatThrownBy(() -> converter.convert(ResourceKind.TIER,
                object("{\"metadata\": {\"name\": \"security\"}, \"spec\": {\"order\": \"first\"}}")))
                .isInstanceOfSatisfying(ResourceFormatException.class, e -> assertThat(e.getMessage()).isEqualTo(
                        "Tier \"security\": spec.order: expected a number, got a string (\"first\")"));
    }

    /**
     * A Tier's default action as libcalico-go's {@code tierprocessor.go} reads it (its test, v3.32.1
     * {@code tierprocessor_test.go}: a new Tier is Deny, order 101 with Pass is Pass): Pass only when written
     * exactly so, anything else Deny.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "absent", textBlock = """
            {}                                          | absent | DENY
            {"order": 101, "defaultAction": "Pass"}     | 101.0  | PASS
            {"order": 5, "defaultAction": "Deny"}       | 5.0    | DENY
            {"defaultAction": "pass"}                   | absent | DENY
            """)
    void aTiersDefaultActionIsPassOnlyWhenWrittenSo(String spec, Double order, DefaultAction expected)
            throws Exception {
        Conversion conversion = converter.convert(ResourceKind.TIER,
                object("{\"metadata\": {\"name\": \"t\"}, \"spec\": " + spec + "}"));
        assertThat(conversion).isInstanceOfSatisfying(Conversion.Converted.class, converted ->
                assertThat(converted.resource().model()).isEqualTo(new Tier("t", order, expected)));
    }

    /** The fields read for validation only, in v3 and in calicoctl v1 (whose protocols are lower case). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            projectcalico.org/v3 | WorkloadEndpoint | abc-123
            v1                   | workloadEndpoint |
            """)
    void aWorkloadEndpointsPortsNatsContainerAndSpoofedPrefixesAreRead(String apiVersion, String kind,
            String containerID) throws Exception {
        Conversion conversion = converter.convert(JSON.readTree("""
                {"apiVersion": "%s", "kind": "%s", "metadata": {"name": "eth0"},
                 "spec": {"interfaceName": "cali0", "containerID": "abc-123",
                          "ports": [{"name": "http", "protocol": "tcp", "port": 80, "hostPort": 8080, "hostIP": "10.0.0.1"}],
                          "ipNATs": [{"internalIP": "10.1.0.5", "externalIP": "192.0.2.5"}],
                          "allowSpoofedSourcePrefixes": ["10.9.0.0/16"]}}""".formatted(apiVersion, kind)));
        boolean v3 = containerID != null;
        assertThat(conversion).isInstanceOfSatisfying(Conversion.Converted.class, converted ->
                assertThat((WorkloadEndpoint) converted.resource().model()).satisfies(endpoint -> {
                    assertThat(endpoint.containerID()).isEqualTo(containerID);
                    assertThat(endpoint.ports()).containsExactly(
                            new WorkloadEndpointPort("http", v3 ? "tcp" : "TCP", 80, 8080, "10.0.0.1"));
                    assertThat(endpoint.ipNATs()).containsExactly(new IpNat("10.1.0.5", "192.0.2.5"));
                    assertThat(endpoint.allowSpoofedSourcePrefixes()).isEqualTo(v3 ? List.of("10.9.0.0/16") : List.of());
                }));
    }

    private static ObjectNode object(String json) throws Exception {
        return (ObjectNode) JSON.readTree(json);
    }
}
