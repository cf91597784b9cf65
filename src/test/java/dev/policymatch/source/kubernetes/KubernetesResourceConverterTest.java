package dev.policymatch.source.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.policymatch.model.CalicoObject;
import dev.policymatch.model.EntityMatch;
import dev.policymatch.model.Policy;
import dev.policymatch.model.PolicyKind;
import dev.policymatch.model.PolicyType;
import dev.policymatch.model.Profile;
import dev.policymatch.model.Rule;
import dev.policymatch.model.WorkloadEndpoint;
import dev.policymatch.source.Catalog;
import dev.policymatch.source.ManifestProblem;
import dev.policymatch.source.ManifestReader;
import dev.policymatch.source.SourceLocation;
import dev.policymatch.source.document.Conversion;
import dev.policymatch.source.document.Dialect;
import dev.policymatch.source.document.ResourceFormatException;
import dev.policymatch.source.document.ResourceKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KubernetesResourceConverterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final KubernetesResourceConverter converter = new KubernetesResourceConverter();
    private final List<String> warnings = new ArrayList<>();
    private final ManifestReader reader = new ManifestReader(warnings::add);

    /** A pod as the API server returns it (what Fabric8 hands over, as JSON). */
    private static final String LIVE_POD = """
            {"apiVersion": "v1", "kind": "Pod",
             "metadata": {"name": "podA", "namespace": "default", "uid": "6a1c1b6e-0000-4000-8000-000000000001",
                          "labels": {"labelA": "valueA", "labelB": "valueB"}},
             "spec": {"nodeName": "nodeA", "serviceAccountName": "default",
                      "containers": [{"name": "c", "image": "nginx",
                                      "ports": [{"name": "http", "containerPort": 80, "protocol": "TCP"}]}]},
             "status": {"phase": "Running", "podIP": "192.168.0.1", "podIPs": [{"ip": "192.168.0.1"}]}}
            """;

    /** A pod with what the operator's cache must not hold: environment values, volumes, managed fields. */
    static final String FAT_POD = """
            {"apiVersion": "v1", "kind": "Pod",
             "metadata": {"name": "fat", "namespace": "shop", "uid": "6a1c1b6e-0000-4000-8000-000000000002",
                          "resourceVersion": "42", "labels": {"app": "api"},
                          "annotations": {"kubectl.kubernetes.io/last-applied-configuration": "{\\"big\\": true}",
                                          "cni.projectcalico.org/podIPs": "10.244.0.9/32"},
                          "managedFields": [{"manager": "kubectl", "operation": "Update"}],
                          "ownerReferences": [{"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "fat-7d",
                                               "uid": "6a1c1b6e-0000-4000-8000-000000000003"}]},
             "spec": {"nodeName": "node1", "serviceAccountName": "api", "hostNetwork": false,
                      "containers": [{"name": "c", "image": "api:1",
                                      "env": [{"name": "DB_PASSWORD", "value": "s3cr3t"}],
                                      "volumeMounts": [{"name": "data", "mountPath": "/data"}]}],
                      "volumes": [{"name": "data", "emptyDir": {}}]},
             "status": {"phase": "Running", "podIP": "10.244.0.9", "podIPs": [{"ip": "10.244.0.9"}],
                        "conditions": [{"type": "Ready", "status": "True"}],
                        "containerStatuses": [{"name": "c", "ready": true, "restartCount": 0}]}}
            """;

    @Test
    void aPodCutToTheWorkloadEndpointInputConvertsTheSame() throws Exception {
        List<JsonNode> pods = new ArrayList<>();
        for (JsonNode document : new YAMLMapper().readValues(new YAMLFactory().createParser(
                Path.of("src/test/resources/kubernetes/pods.yaml").toFile()), JsonNode.class).readAll()) {
            if (document.path("kind").asText().equals("List")) {
                document.path("items").forEach(pods::add);
            } else {
                pods.add(document);
            }
        }
        for (String json : List.of(LIVE_POD, FAT_POD,
                "{\"kind\": \"Pod\", \"metadata\": {\"name\": \"p\"}, \"spec\": \"not a mapping\"}",
                "{\"kind\": \"Pod\", \"metadata\": {\"name\": \"p\", \"annotations\": [1]}, \"spec\": {\"nodeName\": \"n\"}}",
                "{\"kind\": \"Pod\", \"metadata\": {\"name\": \"p\"}, \"spec\": {\"nodeName\": \"n\"},"
                        + " \"status\": {\"podIPs\": [{\"ip\": \"10.0.0.300\"}]}}")) {
            pods.add(JSON.readTree(json));
        }
        assertThat(pods).hasSizeGreaterThan(10);
        for (JsonNode pod : pods) {
            assertThat(outcome(KubernetesResourceConverter.input(ResourceKind.POD).cut(pod))).as(pod.toString())
                    .isEqualTo(outcome(pod));
        }
    }

    @Test
    void theWorkloadEndpointInputHoldsNoContainersEnvironmentVolumesOrOtherAnnotations() throws Exception {
        JsonNode input = KubernetesResourceConverter.input(ResourceKind.POD).cut(JSON.readTree(FAT_POD));
        assertThat(input.toString()).doesNotContain("s3cr3t", "DB_PASSWORD", "containers", "volumes", "managedFields",
                "last-applied-configuration", "ownerReferences", "conditions", "containerStatuses");
        assertThat(input.at("/metadata/annotations")).isEqualTo(JSON.readTree(
                "{\"cni.projectcalico.org/podIPs\": \"10.244.0.9/32\"}"));
        assertThat(input.at("/spec/nodeName").asText()).isEqualTo("node1");
    }

    /** The pod's workload endpoint, empty when Calico makes none. */
    private Optional<WorkloadEndpoint> endpoint(JsonNode pod) throws ResourceFormatException {
        return converter.convert(ResourceKind.POD, pod) instanceof Conversion.Converted converted
                ? Optional.of((WorkloadEndpoint) converted.resource().model()) : Optional.empty();
    }

    /** The profile or policy a Namespace, ServiceAccount or NetworkPolicy becomes. */
    private <T extends CalicoObject> T model(Class<T> type, ResourceKind kind, JsonNode object)
            throws ResourceFormatException {
        return type.cast(((Conversion.Converted) converter.convert(kind, object)).resource().model());
    }

    /** The endpoint, or the converter's message, as one comparable string. */
    private String outcome(JsonNode pod) {
        try {
            return String.valueOf(endpoint(pod));
        } catch (ResourceFormatException e) {
            return "refused: " + e.getMessage();
        }
    }

    @Test
    void convertsAPodFetchedFromTheApiServer() throws Exception {
        WorkloadEndpoint endpoint = endpoint(JSON.readTree(LIVE_POD)).orElseThrow();
        assertThat(endpoint).isEqualTo(new WorkloadEndpoint("nodeA", "k8s", "default.podA", "eth0", "default",
                new TreeMap<>(Map.of(
                        "labelA", "valueA",
                        "labelB", "valueB",
                        "projectcalico.org/namespace", "default",
                        "projectcalico.org/orchestrator", "k8s",
                        "projectcalico.org/serviceaccount", "default")),
                List.of("kns.default", "ksa.default.default"),
                // The value Calico's own conversion test pins for default/podA.
                "cali7f94ce7c295",
                List.of("192.168.0.1/32")));
        assertThat(endpoint.fullName()).isEqualTo("nodeA/k8s/default.podA/eth0");
    }

    @Test
    void convertNamesTheResourceAsCalicoDoes() throws Exception {
        Conversion conversion = converter.convert(ResourceKind.POD, JSON.readTree(LIVE_POD));
        assertThat(conversion).isInstanceOfSatisfying(Conversion.Converted.class, converted -> {
            assertThat(converted.resource().kind()).isEqualTo(ResourceKind.WORKLOAD_ENDPOINT);
            assertThat(converted.resource().dialect()).isEqualTo(Dialect.KUBERNETES);
            assertThat(converted.resource().name()).isEqualTo("default/nodeA-k8s-podA-eth0");
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            host-networked               | {"hostNetwork": true, "nodeName": "n1"}          | {"podIP": "10.0.0.1"} | a host-networked pod has no workload endpoint
            unscheduled                  | {}                                                | {}                    | a pod not scheduled to a node (no spec.nodeName) has no workload endpoint yet
            unscheduled with an IP       | {"nodeName": ""}                                  | {"podIP": "10.0.0.1"} | a pod not scheduled to a node (no spec.nodeName) has no workload endpoint yet
            """)
    void podsThatGiveNoEndpoint(String title, String spec, String status, String reason) throws Exception {
        JsonNode pod = JSON.readTree("""
                {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "namespace": "ns"},
                 "spec": %s, "status": %s}""".formatted(spec, status));
        assertThat(endpoint(pod)).isEmpty();
        assertThat(converter.convert(ResourceKind.POD, pod)).isEqualTo(new Conversion.Skipped(reason));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            status.podIPs wins             | {}                                                      | {"podIP": "10.0.0.1", "podIPs": [{"ip": "10.0.0.1"}, {"ip": "fd00::1"}]} | 10.0.0.1/32 fd00::1/128
            status.podIP                   | {}                                                      | {"podIP": "10.0.0.1"}                                                   | 10.0.0.1/32
            no IP yet                      | {}                                                      | {"phase": "Pending"}                                                    |
            Calico plural annotation       | {"cni.projectcalico.org/podIPs": "10.0.0.2,fd00::2"}   | {}                                                                      | 10.0.0.2/32 fd00::2/128
            Calico annotation              | {"cni.projectcalico.org/podIP": "10.0.0.3/32"}         | {}                                                                      | 10.0.0.3/32
            AWS annotation                 | {"vpc.amazonaws.com/pod-ips": "10.0.0.4"}              | {}                                                                      | 10.0.0.4/32
            status before annotations      | {"cni.projectcalico.org/podIP": "10.0.0.3"}            | {"podIP": "10.0.0.1"}                                                   | 10.0.0.1/32
            succeeded                      | {}                                                      | {"phase": "Succeeded", "podIP": "10.0.0.1"}                              |
            failed                         | {}                                                      | {"phase": "Failed", "podIP": "10.0.0.1"}                                 |
            running                        | {}                                                      | {"phase": "Running", "podIP": "10.0.0.1"}                                | 10.0.0.1/32
            """)
    void podNetworks(String title, String annotations, String status, String networks) throws Exception {
        JsonNode pod = JSON.readTree("""
                {"apiVersion": "v1", "kind": "Pod",
                 "metadata": {"name": "p", "namespace": "ns", "annotations": %s},
                 "spec": {"nodeName": "n1"}, "status": %s}""".formatted(annotations, status));
        List<String> expected = networks == null ? List.of() : Arrays.asList(networks.split(" "));
        assertThat(endpoint(pod).orElseThrow().ipNetworks()).isEqualTo(expected);
    }

    @Test
    void aPodWhoseCniReleasedItsIpWhileDeletingHasNone() throws Exception {
        JsonNode pod = JSON.readTree("""
                {"apiVersion": "v1", "kind": "Pod",
                 "metadata": {"name": "p", "namespace": "ns", "deletionTimestamp": "2026-01-01T00:00:00Z",
                              "annotations": {"cni.projectcalico.org/podIP": ""}},
                 "spec": {"nodeName": "n1"}, "status": {"phase": "Running", "podIP": "10.0.0.1"}}""");
        assertThat(endpoint(pod).orElseThrow().ipNetworks()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            serviceAccountName         | {"nodeName": "n1", "serviceAccountName": "web"}                           | ksa.ns.web
            deprecated serviceAccount  | {"nodeName": "n1", "serviceAccount": "old"}                               | ksa.ns.old
            name wins over deprecated  | {"nodeName": "n1", "serviceAccountName": "web", "serviceAccount": "old"}  | ksa.ns.web
            none: admission's default  | {"nodeName": "n1"}                                                        | ksa.ns.default
            """)
    void serviceAccountProfileComesSecond(String title, String spec, String accountProfile) throws Exception {
        JsonNode pod = JSON.readTree("""
                {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "namespace": "ns"}, "spec": %s}"""
                .formatted(spec));
        WorkloadEndpoint endpoint = endpoint(pod).orElseThrow();
        assertThat(endpoint.profiles()).containsExactly("kns.ns", accountProfile);
        assertThat(endpoint.labels()).containsEntry("projectcalico.org/serviceaccount",
                accountProfile.substring("ksa.ns.".length()));
    }

    @Test
    void namespaceAndServiceAccountProfiles() throws Exception {
        Profile namespace = model(Profile.class, ResourceKind.NAMESPACE, JSON.readTree("""
                {"apiVersion": "v1", "kind": "Namespace",
                 "metadata": {"name": "prod", "labels": {"team": "shop"}}}"""));
        Rule allow = new Rule("Allow", null, EntityMatch.ANY, EntityMatch.ANY);
        assertThat(namespace).isEqualTo(new Profile("kns.prod",
                new TreeMap<>(Map.of("pcns.team", "shop", "pcns.projectcalico.org/name", "prod")),
                List.of(allow), List.of(allow)));

        Profile account = model(Profile.class, ResourceKind.SERVICE_ACCOUNT, JSON.readTree("""
                {"apiVersion": "v1", "kind": "ServiceAccount",
                 "metadata": {"name": "web", "namespace": "prod", "labels": {"role": "fe"}}}"""));
        assertThat(account).isEqualTo(new Profile("ksa.prod.web",
                new TreeMap<>(Map.of("pcsa.role", "fe", "pcsa.projectcalico.org/name", "web")), List.of(), List.of()));
    }

    @ParameterizedTest(name = "policyTypes {0}, rules {1}")
    @CsvSource(delimiter = '|', textBlock = """
            (absent)          | none             | Ingress
            (absent)          | ingress          | Ingress
            (absent)          | egress           | Ingress
            (absent)          | ingress, egress  | Ingress
            Ingress           | egress           | Ingress
            Egress            | none             | Egress
            Egress            | ingress          | Egress
            Ingress, Egress   | none             | Ingress, Egress
            Egress, Ingress   | ingress          | Ingress, Egress
            """)
    void policyTypesAreTakenAsWrittenAndDefaultToIngress(String policyTypes, String rules, String expected)
            throws Exception {
        StringBuilder spec = new StringBuilder("{\"podSelector\": {}");
        if (!policyTypes.equals("(absent)")) {
            spec.append(", \"policyTypes\": [").append(quoted(policyTypes)).append(']');
        }
        if (rules.contains("ingress")) {
            spec.append(", \"ingress\": [{}]");
        }
        if (rules.contains("egress")) {
            spec.append(", \"egress\": [{}]");
        }
        spec.append('}');
        Policy policy = model(Policy.class, ResourceKind.KUBERNETES_NETWORK_POLICY, JSON.readTree("""
                {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy",
                 "metadata": {"name": "np", "namespace": "ns"}, "spec": %s}""".formatted(spec)));
        Set<PolicyType> types = EnumSet.noneOf(PolicyType.class);
        for (String type : expected.split(", ")) {
            types.add(PolicyType.fromCalicoName(type));
        }
        assertThat(policy.types()).isEqualTo(types);
        // Rules are converted whatever the types; Calico keeps them and the types decide.
        assertThat(policy.ingress()).hasSize(rules.contains("ingress") ? 1 : 0);
        assertThat(policy.egress()).hasSize(rules.contains("egress") ? 1 : 0);
    }

    @Test
    void aNetworkPolicyFromTheApiServer() throws Exception {
        Policy policy = model(Policy.class, ResourceKind.KUBERNETES_NETWORK_POLICY, JSON.readTree("""
                {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy",
                 "metadata": {"name": "allow-fe", "namespace": "shop"},
                 "spec": {"podSelector": {"matchLabels": {"app": "be"}},
                          "ingress": [{"from": [{"podSelector": {"matchLabels": {"app": "fe"}}}],
                                       "ports": [{"port": 8080, "protocol": "TCP"}]}],
                          "policyTypes": ["Ingress"]}}"""));
        assertThat(policy).isEqualTo(new Policy("allow-fe", "shop", "default", 1000.0,
                "projectcalico.org/orchestrator == 'k8s' && app == 'be'", EnumSet.of(PolicyType.INGRESS),
                List.of(new Rule("Allow", "TCP",
                        new EntityMatch("projectcalico.org/orchestrator == 'k8s' && app == 'fe'", null, null, null,
                                null, null, null, null),
                        new EntityMatch(null, null, null, null, null, null, List.of("8080"), null))),
                List.of(), false, false, false, null, null, PolicyKind.KUBERNETES_NETWORK_POLICY, null));
        assertThat(policy.legacyName()).isEqualTo("shop/knp.default.allow-fe");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            single ports kept as written  | [{"port": "http"}, {"port": 443}]                          | TCP:http,443
            one number: order as written  | [{"port": 443}, {"port": "http"}]                          | TCP:443,http
            two numbers sorted, named 1st | [{"port": 443}, {"port": "http"}, {"port": 80}]            | TCP:http,80,443
            adjacent numbers merged       | [{"port": 81}, {"port": 80}, {"port": 82}]                 | TCP:80:82
            duplicates merged             | [{"port": 80}, {"port": 80}]                                | TCP:80
            endPort range                 | [{"port": 32000, "endPort": 32768}]                        | TCP:32000:32768
            endPort equal to port         | [{"port": 80, "endPort": 80}]                              | TCP:80
            range and overlapping port    | [{"port": 100, "endPort": 102}, {"port": 103}]             | TCP:100:103
            protocol only: every port     | [{"protocol": "UDP"}]                                      | UDP:
            every port wins over numbers  | [{"protocol": "UDP", "port": 53}, {"protocol": "UDP"}]     | UDP:
            numbers after every port      | [{"protocol": "UDP"}, {"protocol": "UDP", "port": 53}]     | UDP:
            empty port entry is TCP       | [{}]                                                       | TCP:
            protocols sorted              | [{"port": 1, "protocol": "UDP"}, {"port": 2, "protocol": "SCTP"}, {"port": 3}] | SCTP:2 TCP:3 UDP:1
            quoted number is a number     | [{"port": "80"}, {"port": 81}]                             | TCP:80:81
            """)
    void portsMergePerProtocol(String title, String ports, String expected) throws Exception {
        Policy policy = model(Policy.class, ResourceKind.KUBERNETES_NETWORK_POLICY, JSON.readTree("""
                {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy", "metadata": {"name": "np"},
                 "spec": {"podSelector": {}, "ingress": [{"ports": %s}]}}""".formatted(ports)));
        String actual = policy.ingress().stream()
                .map(rule -> rule.protocol() + ":" + String.join(",", rule.destination().ports()))
                .collect(Collectors.joining(" "));
        assertThat(actual).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            bad cidr         | {"ingress": [{"from": [{"ipBlock": {"cidr": "10.0.0.1"}}]}]}                  | spec.ingress[0].from[0].ipBlock.cidr: "10.0.0.1" is not a CIDR (address/prefix length)
            bad except       | {"egress": [{"to": [{"ipBlock": {"cidr": "10.0.0.0/8", "except": ["x"]}}]}]}   | spec.egress[0].to[0].ipBlock.except[0]: "x" is not a CIDR (address/prefix length)
            no cidr          | {"ingress": [{"from": [{"ipBlock": {}}]}]}                                      | spec.ingress[0].from[0].ipBlock.cidr: must be set
            named endPort    | {"ingress": [{"ports": [{"port": "http", "endPort": 90}]}]}                     | spec.ingress[0].ports[0].endPort: only a numbered port can have an end port (http:90)
            endPort below    | {"ingress": [{"ports": [{"port": 90, "endPort": 80}]}]}                         | spec.ingress[0].ports[0].endPort: must not be less than the port (90:80)
            port too big     | {"ingress": [{"ports": [{"port": 70000}]}]}                                     | spec.ingress[0].ports[0].port: port 70000 is above 65535
            bad port name    | {"ingress": [{"ports": [{"port": "h t"}]}]}                                     | spec.ingress[0].ports[0].port: "h t" is not a port number or a port name
            selector op      | {"podSelector": {"matchExpressions": [{"key": "a", "operator": "Gt"}]}}       | spec.podSelector.matchExpressions[0].operator: expected In, NotIn, Exists or DoesNotExist, got "Gt"
            peers not a list | {"ingress": [{"from": {"podSelector": {}}}]}                                    | spec.ingress[0].from: expected a list, got a mapping
            """)
    void malformedPoliciesAreProblemsNamingTheField(String title, String spec, String message) {
        assertThatThrownBy(() -> model(Policy.class, ResourceKind.KUBERNETES_NETWORK_POLICY, JSON.readTree("""
                {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy",
                 "metadata": {"name": "np", "namespace": "ns"}, "spec": %s}""".formatted(spec))))
                .isInstanceOfSatisfying(ResourceFormatException.class, e -> {
                    assertThat(e.resource()).isEqualTo("NetworkPolicy \"ns/np\"");
                    assertThat(e.fieldMessage()).isEqualTo(message);
                });
    }

    @Test
    void aMalformedPodIpIsAProblem() {
        assertThatThrownBy(() -> endpoint(JSON.readTree("""
                {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "namespace": "ns"},
                 "spec": {"nodeName": "n"}, "status": {"podIP": "10.0.0.300"}}""")))
                .isInstanceOfSatisfying(ResourceFormatException.class, e ->
                        assertThat(e.getMessage()).isEqualTo(
                                "Pod \"ns/p\": status.podIP: \"10.0.0.300\" is not an IP address"));
    }

    /** Issue 12's R1: addresses are read as Go reads them, IPv4-mapped networks written as IPv4. */
    @Test
    void ipv4MappedAddressesAreReadAsGoReadsThem() throws Exception {
        Policy policy = model(Policy.class, ResourceKind.KUBERNETES_NETWORK_POLICY, JSON.readTree("""
                {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy",
                 "metadata": {"name": "np", "namespace": "ns"},
                 "spec": {"podSelector": {}, "ingress": [{"from": [{"ipBlock": {"cidr": "::ffff:10.1.2.3/120"}}]}]}}"""));
        assertThat(policy.ingress().get(0).source().nets()).containsExactly("10.1.2.0/24");
        assertThatThrownBy(() -> endpoint(JSON.readTree("""
                {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "namespace": "ns"},
                 "spec": {"nodeName": "n"}, "status": {"podIP": "::ffff:01.2.3.4"}}""")))
                .hasMessage("Pod \"ns/p\": status.podIP: \"::ffff:01.2.3.4\" is not an IP address");
    }

    @Test
    void convertRefusesOtherKinds() {
        assertThatThrownBy(() -> converter.convert(ResourceKind.NETWORK_POLICY, JSON.readTree("""
                {"apiVersion": "projectcalico.org/v3", "kind": "NetworkPolicy", "metadata": {"name": "x"}}""")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            v1                    | Pod            | POD
            v1                    | Namespace      | NAMESPACE
            v1                    | ServiceAccount | SERVICE_ACCOUNT
            networking.k8s.io/v1  | NetworkPolicy  | KUBERNETES_NETWORK_POLICY
            v1                    | pod            |
            v1                    | NetworkPolicy  |
            projectcalico.org/v3  | NetworkPolicy  |
            apps/v1               | Deployment     |
            v1                    | Profile        |
            """)
    void kindsAreRecognisedByApiVersionAndKind(String apiVersion, String kind, ResourceKind expected)
            throws Exception {
        JsonNode document = JSON.readTree("{\"apiVersion\": \"%s\", \"kind\": \"%s\"}".formatted(apiVersion, kind));
        assertThat(ResourceKind.kubernetesKindOf(document).orElse(null)).isEqualTo(expected);
    }

    @Test
    void theReaderRoutesKubernetesKindsAndLeavesCalicoOnesAlone() {
        Catalog catalog = reader.readString("mixed.yaml", """
                apiVersion: v1
                kind: PodList
                items:
                - apiVersion: v1
                  kind: Pod
                  metadata: {name: a, namespace: ns}
                  spec: {nodeName: n1}
                ---
                apiVersion: v1
                kind: profile
                metadata:
                  name: calicoctl-v1-profile
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: np, namespace: ns}
                spec: {podSelector: {}}
                ---
                apiVersion: projectcalico.org/v3
                kind: NetworkPolicy
                metadata: {name: np, namespace: ns}
                spec: {selector: all()}
                ---
                apiVersion: v1
                kind: Namespace
                metadata: {name: ns}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: d}
                """);
        assertThat(catalog.problems()).isEmpty();
        assertThat(catalog.workloadEndpoints()).singleElement()
                .satisfies(l -> assertThat(l.location()).isEqualTo(new SourceLocation("mixed.yaml", 4)));
        assertThat(catalog.profiles()).extracting(l -> l.resource().name())
                .containsExactly("calicoctl-v1-profile", "kns.ns");
        assertThat(catalog.policies()).extracting(l -> l.resource().legacyName())
                .containsExactly("ns/knp.default.np", "ns/np");
        assertThat(warnings).containsExactly(
                "mixed.yaml:28: skipping Deployment \"d\" (apps/v1): not a Calico resource that PolicyMatch reads");
    }

    @Test
    void aMalformedKubernetesObjectIsAProblemAndTheReadGoesOn() {
        Catalog catalog = reader.readString("bad.yaml", """
                apiVersion: v1
                kind: Pod
                metadata: {name: p, namespace: ns, labels: {app: 5}}
                spec: {nodeName: n1}
                ---
                apiVersion: v1
                kind: Namespace
                metadata: {name: ns}
                """);
        assertThat(catalog.problems()).extracting(ManifestProblem::describe).containsExactly(
                "bad.yaml:1: Pod \"ns/p\": metadata.labels.app: expected a string (quote it), got a number (5)");
        assertThat(catalog.profiles()).hasSize(1);
    }

    private static String quoted(String commaList) {
        return Arrays.stream(commaList.split(", ")).map(s -> "\"" + s + "\"").collect(Collectors.joining(", "));
    }
}
