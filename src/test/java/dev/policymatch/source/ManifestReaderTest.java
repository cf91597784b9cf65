package dev.policymatch.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.policymatch.model.EndpointPort;
import dev.policymatch.model.EntityMatch;
import dev.policymatch.model.HostEndpoint;
import dev.policymatch.model.Policy;
import dev.policymatch.model.PolicyType;
import dev.policymatch.model.Profile;
import dev.policymatch.model.Rule;
import dev.policymatch.model.WorkloadEndpoint;
import dev.policymatch.source.document.ResourceKind;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class ManifestReaderTest {

    private final List<String> warnings = new ArrayList<>();
    private final ManifestReader reader = new ManifestReader(warnings::add);

    /** The sample of the calicoctl v1 hostEndpoint reference, as is. */
    static final String V1_SAMPLE = """
            apiVersion: v1
            kind: hostEndpoint
            metadata:
              name: eth0
              node: myhost
              labels:
                type: production
            spec:
              interfaceName: eth0
              expectedIPs:
              - 192.168.0.1
              - 192.168.0.2
              profiles:
              - profile1
              - profile2
            """;

    static final HostEndpoint SAMPLE_MODEL = new HostEndpoint("eth0", "myhost", new TreeMap<>(Map.of("type", "production")),
            "eth0", List.of("192.168.0.1", "192.168.0.2"), List.of("profile1", "profile2"), List.of());

    @Test
    void readsTheV1ReferenceSample() {
        Catalog catalog = reader.readString("sample.yaml", V1_SAMPLE);
        assertThat(catalog.problems()).isEmpty();
        assertThat(catalog.hostEndpoints()).singleElement().satisfies(located -> {
            assertThat(located.resource()).isEqualTo(SAMPLE_MODEL);
            assertThat(located.location()).isEqualTo(new SourceLocation("sample.yaml", 1));
            assertThat(located.describe()).isEqualTo("HostEndpoint \"eth0\"");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"projectcalico.org/v3", "crd.projectcalico.org/v1"})
    void v3AndCrdHostEndpointsGiveTheSameModelAsV1(String apiVersion) {
        Catalog catalog = reader.readString("x.yaml", """
                apiVersion: %s
                kind: HostEndpoint
                metadata:
                  name: eth0
                  labels:
                    type: production
                spec:
                  node: myhost
                  interfaceName: eth0
                  expectedIPs: [192.168.0.1, 192.168.0.2]
                  profiles: [profile1, profile2]
                """.formatted(apiVersion));
        assertThat(catalog.problems()).isEmpty();
        assertThat(catalog.hostEndpoints()).extracting(Located::resource).containsExactly(SAMPLE_MODEL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hostEndpoint", "HostEndpoint", "hostendpoints", "hep", "HEPS"})
    void v1KindAliasesAreCaseInsensitive(String kind) {
        Catalog catalog = reader.readString("x.yaml", V1_SAMPLE.replace("kind: hostEndpoint", "kind: " + kind));
        assertThat(catalog.hostEndpoints()).hasSize(1);
    }

    @Test
    void hostEndpointPorts() {
        Catalog catalog = reader.readString("x.yaml", """
                apiVersion: projectcalico.org/v3
                kind: HostEndpoint
                metadata: {name: h1-eth0}
                spec:
                  node: h1
                  interfaceName: eth0
                  ports:
                  - {name: ssh, protocol: TCP, port: 22}
                """);
        assertThat(catalog.hostEndpoints().get(0).resource().ports())
                .containsExactly(new EndpointPort("ssh", "TCP", 22));
    }

    static final String V1_POLICY = """
            apiVersion: v1
            kind: policy
            metadata:
              name: allow-tcp-6379
            spec:
              order: 100
              selector: role == 'database'
              ingress:
              - action: allow
                protocol: tcp
                source:
                  selector: role == 'frontend'
                  notNet: 10.0.0.0/8
                destination:
                  ports: [6379, "7000:7010"]
              egress:
              - action: allow
            """;

    static final String V3_POLICY = """
            apiVersion: %s
            kind: GlobalNetworkPolicy
            metadata:
              name: %s
            spec:
              order: 100
              selector: role == 'database'
              ingress:
              - action: Allow
                protocol: TCP
                source:
                  selector: role == 'frontend'
                  notNets: [10.0.0.0/8]
                destination:
                  ports: [6379, "7000:7010"]
              egress:
              - action: Allow
            """;

    @Test
    void policiesGiveTheSameModelInEveryDialect() {
        Policy v1 = reader.readString("a.yaml", V1_POLICY).policies().get(0).resource();
        Policy v3 = reader.readString("b.yaml", V3_POLICY.formatted("projectcalico.org/v3", "allow-tcp-6379"))
                .policies().get(0).resource();
        // The Kubernetes datastore stores default-tier policies as default.<name>.
        Policy crd = reader.readString("c.yaml", V3_POLICY.formatted("crd.projectcalico.org/v1", "default.allow-tcp-6379"))
                .policies().get(0).resource();
        Policy v3Prefixed = reader.readString("d.yaml", V3_POLICY.formatted("projectcalico.org/v3", "default.allow-tcp-6379"))
                .policies().get(0).resource();
        assertThat(v3).isEqualTo(v1);
        assertThat(crd).isEqualTo(v1);
        assertThat(v3Prefixed).isEqualTo(v1);
        assertThat(v1.name()).isEqualTo("allow-tcp-6379");
        assertThat(v1.namespace()).isNull();
        assertThat(v1.order()).isEqualTo(100.0);
        assertThat(v1.types()).isEqualTo(Set.of(PolicyType.INGRESS, PolicyType.EGRESS));
        Rule rule = v1.ingress().get(0);
        assertThat(rule.source()).isEqualTo(new EntityMatch("role == 'frontend'", null, null, null,
                List.of(), List.of("10.0.0.0/8"), List.of(), List.of()));
        assertThat(rule.destination().ports()).containsExactly("6379", "7000:7010");
    }

    @Test
    void networkPolicyInATier() {
        Catalog catalog = reader.readString("np.yaml", """
                apiVersion: projectcalico.org/v3
                kind: NetworkPolicy
                metadata:
                  name: security.allow-web
                  namespace: shop
                spec:
                  tier: security
                  order: 10.5
                  selector: app == 'web'
                  types: [Ingress]
                  serviceAccountSelector: role == 'web'
                  ingress:
                  - action: Allow
                    source:
                      namespaceSelector: team == 'ops'
                      serviceAccounts: {names: [api], selector: x == 'y'}
                """);
        Located<Policy> located = catalog.policies().get(0);
        assertThat(located.kind()).isEqualTo(ResourceKind.NETWORK_POLICY);
        assertThat(located.name()).isEqualTo("shop/security.allow-web");
        Policy policy = located.resource();
        assertThat(policy.tier()).isEqualTo("security");
        assertThat(policy.namespace()).isEqualTo("shop");
        assertThat(policy.serviceAccountSelector()).isEqualTo("role == 'web'");
        assertThat(policy.ingress().get(0).source().serviceAccounts().names()).containsExactly("api");
    }

    @Test
    void networkPolicyWithoutNamespaceIsInDefault() {
        Catalog catalog = reader.readString("np.yaml", """
                apiVersion: crd.projectcalico.org/v1
                kind: NetworkPolicy
                metadata: {name: p}
                spec: {selector: all()}
                """);
        assertThat(catalog.policies().get(0).resource().namespace()).isEqualTo("default");
    }

    @Test
    void profilesInEveryDialect() {
        Profile v1 = reader.readString("a.yaml", """
                apiVersion: v1
                kind: profile
                metadata:
                  name: prof
                  labels: {env: prod}
                spec:
                  ingress: [{action: allow}]
                """).profiles().get(0).resource();
        for (String apiVersion : List.of("projectcalico.org/v3", "crd.projectcalico.org/v1")) {
            Profile v3 = reader.readString("b.yaml", """
                    apiVersion: %s
                    kind: Profile
                    metadata: {name: prof}
                    spec:
                      labelsToApply: {env: prod}
                      ingress: [{action: Allow}]
                    """.formatted(apiVersion)).profiles().get(0).resource();
            assertThat(v3).isEqualTo(v1);
        }
        assertThat(v1.labelsToApply()).containsEntry("env", "prod");
    }

    @Test
    void workloadEndpointsInEveryDialect() {
        WorkloadEndpoint v1 = reader.readString("a.yaml", """
                apiVersion: v1
                kind: wep
                metadata:
                  name: eth0
                  workload: g1w1
                  orchestrator: k8s
                  node: node1
                  labels: {calico/k8s_ns: group1}
                spec:
                  interfaceName: cali0ef24ba
                  ipNetworks: [10.0.0.1/32]
                  profiles: [group1]
                """).workloadEndpoints().get(0).resource();
        assertThat(v1.fullName()).isEqualTo("node1/k8s/g1w1/eth0");
        assertThat(v1.namespace()).isNull();
        for (String apiVersion : List.of("projectcalico.org/v3", "crd.projectcalico.org/v1")) {
            WorkloadEndpoint v3 = reader.readString("b.yaml", """
                    apiVersion: %s
                    kind: WorkloadEndpoint
                    metadata:
                      name: node1-k8s-frontend-eth0
                      namespace: shop
                      labels: {app: frontend}
                    spec:
                      node: node1
                      orchestrator: k8s
                      pod: frontend
                      endpoint: eth0
                      interfaceName: cali0ef24ba
                      ipNetworks: [10.0.0.1/32]
                      profiles: [kns.shop]
                    """.formatted(apiVersion)).workloadEndpoints().get(0).resource();
            assertThat(v3.fullName()).isEqualTo("node1/k8s/shop.frontend/eth0");
            assertThat(v3.namespace()).isEqualTo("shop");
            assertThat(v3.ipNetworks()).containsExactly("10.0.0.1/32");
        }
    }

    @Test
    void tiers() {
        Catalog catalog = reader.readString("t.yaml", """
                apiVersion: projectcalico.org/v3
                kind: Tier
                metadata: {name: security}
                spec: {order: 100}
                """);
        assertThat(catalog.tiers().get(0).resource().order()).isEqualTo(100.0);
    }

    @Test
    void multiDocumentListAndSequenceWithLines() {
        String text = """
                apiVersion: v1
                kind: hostEndpoint
                metadata: {name: a, node: n}
                spec: {interfaceName: eth0}
                ---
                apiVersion: v1
                kind: List
                items:
                - apiVersion: v1
                  kind: hep
                  metadata: {name: b, node: n}
                  spec: {interfaceName: eth1}
                - apiVersion: projectcalico.org/v3
                  kind: HostEndpoint
                  metadata: {name: c}
                  spec: {node: n, interfaceName: eth2}
                ---
                - apiVersion: v1
                  kind: hep
                  metadata: {name: d, node: n}
                  spec: {interfaceName: eth3}
                """;
        Catalog catalog = reader.readString("m.yaml", text);
        assertThat(catalog.problems()).isEmpty();
        assertThat(catalog.hostEndpoints()).extracting(Located::name).containsExactly("a", "b", "c", "d");
        assertThat(catalog.hostEndpoints()).extracting(l -> l.location().line()).containsExactly(1, 9, 13, 18);
    }

    @Test
    void typedCalicoctlListAndJson(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("list.json"), """
                {"apiVersion": "projectcalico.org/v3", "kind": "HostEndpointList",
                 "items": [
                   {"apiVersion": "projectcalico.org/v3", "kind": "HostEndpoint",
                    "metadata": {"name": "a"}, "spec": {"node": "n", "interfaceName": "eth0"}}
                 ]}
                """);
        Catalog catalog = reader.read(List.of(dir.toString()));
        assertThat(catalog.problems()).isEmpty();
        assertThat(catalog.hostEndpoints()).singleElement()
                .satisfies(l -> assertThat(l.location().line()).isEqualTo(3));
    }

    @Test
    void directoriesAreReadRecursivelyInSortedOrder(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("b/sub"));
        Files.writeString(dir.resolve("b/sub/z.yml"), V1_SAMPLE.replace("name: eth0", "name: z"));
        Files.writeString(dir.resolve("a.yaml"), V1_SAMPLE.replace("name: eth0", "name: a"));
        Files.writeString(dir.resolve("b/m.yaml"), V1_SAMPLE.replace("name: eth0", "name: m"));
        Files.writeString(dir.resolve("notes.txt"), "not a manifest: [");
        Catalog catalog = reader.read(List.of(dir.toString()));
        assertThat(catalog.hostEndpoints()).extracting(Located::name).containsExactly("a", "m", "z");
    }

    @Test
    void aSubdirectoryWithTheSkipMarkerIsLeftOutOfRecursionButReadWhenGiven(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("invalid"));
        Files.writeString(dir.resolve("a.yaml"), V1_SAMPLE.replace("name: eth0", "name: a"));
        Files.writeString(dir.resolve("invalid/b.yaml"), V1_SAMPLE.replace("name: eth0", "name: b"));
        Files.writeString(dir.resolve("invalid/" + ManifestReader.SKIP_MARKER), "");
        assertThat(reader.read(List.of(dir.toString())).hostEndpoints()).extracting(Located::name).containsExactly("a");
        assertThat(reader.read(List.of(dir.resolve("invalid").toString())).hostEndpoints())
                .extracting(Located::name).containsExactly("b");
    }

    @Test
    void stdin() throws Exception {
        ManifestReader fromStdin = new ManifestReader(warnings::add,
                new ByteArrayInputStream(V1_SAMPLE.getBytes(StandardCharsets.UTF_8)));
        Catalog catalog = fromStdin.read(List.of("-"));
        assertThat(catalog.hostEndpoints()).singleElement()
                .satisfies(l -> assertThat(l.location()).isEqualTo(new SourceLocation("<stdin>", 1)));
    }

    @Test
    void jsonOnStdinEvenWithTabs() throws Exception {
        String json = "\n{\n\t\"apiVersion\": \"projectcalico.org/v3\",\n\t\"kind\": \"HostEndpoint\",\n"
                + "\t\"metadata\": {\"name\": \"a\"},\n\t\"spec\": {\"node\": \"n\", \"interfaceName\": \"eth0\"}\n}\n";
        ManifestReader fromStdin = new ManifestReader(warnings::add,
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        Catalog catalog = fromStdin.read(List.of("-"));
        assertThat(catalog.problems()).isEmpty();
        assertThat(catalog.hostEndpoints()).singleElement()
                .satisfies(l -> assertThat(l.location()).isEqualTo(new SourceLocation("<stdin>", 2)));
    }

    @Test
    void unknownKindsAreSkippedWithOneWarningEach() {
        Catalog catalog = reader.readString("mixed.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: cm}
                ---
                apiVersion: projectcalico.org/v3
                kind: IPPool
                metadata: {name: pool}
                ---
                """ + V1_SAMPLE);
        assertThat(catalog.hostEndpoints()).hasSize(1);
        assertThat(warnings).containsExactly(
                "mixed.yaml:1: skipping ConfigMap \"cm\" (v1): not a Calico resource that PolicyMatch reads",
                "mixed.yaml:5: skipping IPPool \"pool\" (projectcalico.org/v3): not a Calico resource that PolicyMatch reads");
    }

    @Test
    void malformedYamlNamesFileAndLine() {
        Catalog catalog = reader.readString("bad.yaml", """
                apiVersion: v1
                kind: hostEndpoint
                metadata:
                  name: eth0
                 node: [unclosed
                """);
        assertThat(catalog.problems()).singleElement().satisfies(p -> {
            assertThat(p.location().file()).isEqualTo("bad.yaml");
            assertThat(p.location().line()).isEqualTo(5);
            assertThat(p.describe()).startsWith("bad.yaml:5: malformed YAML: ");
        });
    }

    @Test
    void malformedJsonNamesFileAndLine() {
        Catalog catalog = reader.readString("bad.json", "{\n  \"kind\": \"HostEndpoint\",\n  \"spec\": }\n");
        assertThat(catalog.problems()).singleElement()
                .satisfies(p -> assertThat(p.describe()).startsWith("bad.json:3: malformed JSON: "));
    }

    @Test
    void aliasBombIsRefusedQuickly() {
        StringBuilder bomb = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        char previous = 'a';
        for (char c = 'b'; c <= 'j'; c++) {
            bomb.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                bomb.append(i == 0 ? "" : ",").append('*').append(previous);
            }
            bomb.append("]\n");
            previous = c;
        }
        Catalog catalog = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> reader.readString("bomb.yaml", bomb.toString()));
        assertThat(catalog.problems()).singleElement().satisfies(p -> assertThat(p.describe()).isEqualTo(
                "bomb.yaml:1: refused YAML: more than 50 aliases to collections in one document (an alias bomb?)"));
    }

    @Test
    void aliasBombUnderTheAliasLimitIsStoppedByTheValueBudget() {
        // 6 levels of 8 aliases = 48 aliases (under the limit) but 8^6 = 262,144 lists of 8.
        StringBuilder bomb = new StringBuilder("a: &a [1,2,3,4,5,6,7,8]\n");
        char previous = 'a';
        for (char c = 'b'; c <= 'g'; c++) {
            bomb.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 8; i++) {
                bomb.append(i == 0 ? "" : ",").append('*').append(previous);
            }
            bomb.append("]\n");
            previous = c;
        }
        Catalog catalog = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> reader.readString("bomb.yaml", bomb.toString()));
        assertThat(catalog.problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("alias bomb"));
    }

    @Test
    void anchorsAndMergeKeysWork() {
        Catalog catalog = reader.readString("anchors.yaml", """
                apiVersion: projectcalico.org/v3
                kind: HostEndpoint
                metadata:
                  name: h1-eth0
                  labels: &common {env: prod, zone: a}
                spec:
                  node: h1
                  interfaceName: eth0
                ---
                apiVersion: projectcalico.org/v3
                kind: Profile
                metadata: {name: p}
                spec:
                  labelsToApply:
                    <<: {env: dev, team: ops}
                    env: prod
                """);
        assertThat(catalog.problems()).isEmpty();
        assertThat(catalog.profiles().get(0).resource().labelsToApply())
                .isEqualTo(Map.of("env", "prod", "team", "ops"));
    }

    @Test
    void duplicateKeysAreRefusedWithBothLinesInYaml() {
        // Issue 14: the last selector won, so a harmless first selector could hide "all()" from a review.
        Catalog catalog = reader.readString("dup.yaml", """
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: p}
                spec:
                  selector: role == 'nobody'
                  order: 10
                  selector: all()
                """);
        assertThat(catalog.policies()).isEmpty();
        assertThat(catalog.problems()).singleElement().satisfies(p -> assertThat(p.describe())
                .isEqualTo("dup.yaml:7: malformed YAML: duplicate key \"selector\" (already defined at line 5)"));
    }

    @Test
    void duplicateKeysAreRefusedWithBothLinesInJson() {
        Catalog catalog = reader.readString("dup.json", """
                {"apiVersion": "projectcalico.org/v3", "kind": "GlobalNetworkPolicy",
                 "metadata": {"name": "p"},
                 "spec": {"selector": "role == 'nobody'",
                          "selector": "all()"}}
                """);
        assertThat(catalog.policies()).isEmpty();
        assertThat(catalog.problems()).singleElement().satisfies(p -> assertThat(p.describe())
                .isEqualTo("dup.json:4: malformed JSON: duplicate key \"selector\" (already defined at line 3)"));
    }

    @Test
    void aMergeKeyMayBringAKeyTheMappingAlsoSetsAndTheMappingsOwnWins() {
        Catalog catalog = reader.readString("merge.yaml", """
                apiVersion: v1
                kind: List
                items:
                - apiVersion: projectcalico.org/v3
                  kind: GlobalNetworkPolicy
                  metadata: {name: base}
                  spec: &base {selector: role == 'web', order: 10}
                - apiVersion: projectcalico.org/v3
                  kind: GlobalNetworkPolicy
                  metadata: {name: derived}
                  spec:
                    <<: *base
                    selector: role == 'db'
                """);
        assertThat(catalog.problems()).isEmpty();
        assertThat(catalog.policies()).extracting(l -> l.resource().selector() + " " + l.resource().order())
                .containsExactly("role == 'web' 10.0", "role == 'db' 10.0");
    }

    @Test
    void aDuplicateKeyInsideAMergedMappingIsStillRefused() {
        Catalog catalog = reader.readString("merge.yaml", """
                base: &base {selector: a, selector: b}
                spec: {<<: *base}
                """);
        assertThat(catalog.problems()).singleElement().satisfies(p -> assertThat(p.message())
                .isEqualTo("malformed YAML: duplicate key \"selector\" (already defined at line 1)"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bad.yaml", "bad.yml", "bad.json", "bad", "-"})
    void undecodableBytesAreOneProblemAtTheirLineWhateverTheFileName(String name, @TempDir Path dir) throws Exception {
        // Issue 14: "refused YAML: java.nio.charset.MalformedInputException" at line 1 for .yaml, a usage error
        // (exit 2) for .json and stdin. JSON is YAML too, so the same bytes suit every reader.
        byte[] bytes = concat("{\"apiVersion\": \"projectcalico.org/v3\",\n \"kind\": \"HostEndpoint\",\n"
                + " \"metadata\": {\"name\": \"h",
                new byte[] {(byte) 0xC3, '('}, "\"}}\n");
        Path file = Files.write(dir.resolve(name.equals("-") ? "stdin" : name), bytes);
        ManifestReader fromStdin = new ManifestReader(warnings::add, new ByteArrayInputStream(bytes));
        Catalog catalog = fromStdin.read(List.of(name.equals("-") ? "-" : file.toString()));
        String shownName = name.equals("-") ? "<stdin>" : file.toString();
        assertThat(catalog.problems()).singleElement().satisfies(p -> assertThat(p.describe())
                .isEqualTo(shownName + ":3: not valid UTF-8 (byte 0xC3)"));
    }

    @Test
    void documentsBeforeUndecodableBytesAreRead(@TempDir Path dir) throws Exception {
        byte[] bytes = concat(V1_SAMPLE + "---\napiVersion: v1\nkind: hostEndpoint\nmetadata: {name: \"",
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, "\"}\n");
        Path file = Files.write(dir.resolve("two.yaml"), bytes);
        Catalog catalog = reader.read(List.of(file.toString()));
        assertThat(catalog.hostEndpoints()).extracting(Located::name).containsExactly("eth0");
        assertThat(catalog.problems()).singleElement()
                .satisfies(p -> assertThat(p.describe())
                        .isEqualTo(file + ":19: not valid UTF-8 (bytes 0xED 0xA0 0x80)"));
    }

    @ParameterizedTest
    @CsvSource({"UTF-16LE, FF FE", "UTF-16BE, FE FF", "UTF-8, EF BB BF"})
    void aByteOrderMarkChoosesTheEncoding(String charset, String mark, @TempDir Path dir) throws Exception {
        byte[] bom = java.util.HexFormat.ofDelimiter(" ").parseHex(mark);
        Path file = Files.write(dir.resolve("bom.yaml"), concat(bom, V1_SAMPLE.getBytes(charset)));
        Catalog catalog = reader.read(List.of(file.toString()));
        assertThat(catalog.problems()).isEmpty();
        assertThat(catalog.hostEndpoints()).extracting(Located::resource).containsExactly(SAMPLE_MODEL);
    }

    @Test
    void aCharacterYamlDoesNotAllowIsRefusedAtItsLineAfterTheDocumentsBeforeIt() {
        // SnakeYAML refused it, at the last document's line, when it read the 1,023 characters holding it.
        Catalog catalog = reader.readString("esc.yaml",
                V1_SAMPLE + "---\nkind: x\nmetadata: {name: \"\u001b]0;owned\u0007\"}\n");
        assertThat(catalog.hostEndpoints()).extracting(Located::name).containsExactly("eth0");
        assertThat(catalog.problems()).singleElement().satisfies(p -> assertThat(p.describe()).isEqualTo(
                "esc.yaml:18: malformed YAML: character U+001B is not allowed (YAML allows tab, line breaks and "
                        + "printable characters)"));
    }

    @Test
    void theLimitIsPerDocumentNotPerStream() {
        // The limit is per document: many documents of a stream may together be longer.
        String document = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata: {a: "
                + "x".repeat(9_000_000) + "}\n";
        Catalog catalog = reader.readString("two-big.yaml", document + "---\n" + document + "---\n" + V1_SAMPLE);
        assertThat(catalog.problems()).isEmpty();
        assertThat(catalog.hostEndpoints()).hasSize(1);
    }

    @Test
    void deeplyNestedDocumentIsRefused() {
        String deep = "a: " + "[".repeat(500) + "]".repeat(500) + "\n";
        Catalog catalog = reader.readString("deep.yaml", deep);
        assertThat(catalog.problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).isEqualTo("refused YAML: nested deeper than 64 levels"));
    }

    @Test
    void hugeDocumentIsRefusedWithoutReadingItAll() {
        // Streamed, so memory stays bounded: the reader stops at the limit.
        java.io.InputStream huge = new java.io.InputStream() {
            private long served;
            private final byte[] line = "- aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n".getBytes(StandardCharsets.UTF_8);

            @Override
            public int read() {
                return served > 200_000_000L ? -1 : line[(int) (served++ % line.length)];
            }
        };
        Catalog catalog = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> new ManifestReader(warnings::add, huge).read(List.of("-")));
        assertThat(catalog.problems()).singleElement().satisfies(p -> assertThat(p.message())
                .isEqualTo("refused YAML: a document longer than 16777216 characters"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            'spec: {node: n, expectedIPs: 5}'                 | 'HostEndpoint "h": spec.expectedIPs: expected a list of strings, got a number (5)'
            'spec: {node: n, expectedIPs: [1.2.3.4, [x]]}'    | 'HostEndpoint "h": spec.expectedIPs[1]: expected a string, got a list'
            'spec: {node: [n]}'                               | 'HostEndpoint "h": spec.node: expected a string, got a list'
            'spec: {node: n, ports: [{name: a, port: abc}]}'  | 'HostEndpoint "h": spec.ports[0].port: expected an integer, got a string ("abc")'
            'spec: 7'                                         | 'HostEndpoint "h": spec: expected a mapping, got a number (7)'
            """)
    void badFieldTypesAreProblemsNamingFileLineResourceAndField(String spec, String expected) {
        Catalog catalog = reader.readString("t.yaml", """
                apiVersion: projectcalico.org/v3
                kind: HostEndpoint
                metadata: {name: h}
                """ + spec + "\n");
        assertThat(catalog.hostEndpoints()).isEmpty();
        assertThat(catalog.problems()).singleElement()
                .satisfies(p -> assertThat(p.describe()).isEqualTo("t.yaml:1: " + expected));
    }

    @Test
    void badPolicyFieldTypes() {
        Catalog catalog = reader.readString("p.yaml", """
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: p}
                spec: {order: "abc"}
                ---
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: q}
                spec: {types: [Sideways]}
                ---
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: r}
                spec: {doNotTrack: "yes"}
                ---
                apiVersion: projectcalico.org/v3
                kind: HostEndpoint
                metadata: {name: h, labels: {version: 1}}
                spec: {node: n}
                """);
        assertThat(catalog.problems()).extracting(ManifestProblem::describe).containsExactly(
                "p.yaml:1: GlobalNetworkPolicy \"p\": spec.order: expected a number, got a string (\"abc\")",
                "p.yaml:6: GlobalNetworkPolicy \"q\": spec.types[0]: expected Ingress or Egress, got \"Sideways\"",
                "p.yaml:11: GlobalNetworkPolicy \"r\": spec.doNotTrack: expected true or false, got a string (\"yes\")",
                "p.yaml:16: HostEndpoint \"h\": metadata.labels.version: expected a string (quote it), got a number (1)");
    }

    @Test
    void missingNameAndNonMappingDocuments() {
        Catalog catalog = reader.readString("n.yaml", """
                apiVersion: projectcalico.org/v3
                kind: HostEndpoint
                spec: {node: n, interfaceName: eth0}
                ---
                just text
                """);
        assertThat(catalog.problems()).extracting(ManifestProblem::describe).containsExactly(
                "n.yaml:1: HostEndpoint (no name): metadata.name: must be set",
                "n.yaml:5: (document): expected a mapping with apiVersion, kind, metadata and spec, got a string (\"just text\")");
    }

    @Test
    void missingPathIsAnException() {
        assertThatThrownBy(() -> reader.read(List.of("/no/such/file.yaml")))
                .isInstanceOf(ManifestException.class)
                .hasMessage("cannot read /no/such/file.yaml: no such file or directory");
    }

    @Test
    void emptyDocumentsAreIgnored() {
        Catalog catalog = reader.readString("e.yaml", "---\n---\n" + V1_SAMPLE + "---\n");
        assertThat(catalog.hostEndpoints()).hasSize(1);
        assertThat(catalog.problems()).isEmpty();
        assertThat(warnings).isEmpty();
    }

    private static byte[] concat(String head, byte[] middle, String tail) {
        return concat(concat(head.getBytes(StandardCharsets.UTF_8), middle), tail.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
