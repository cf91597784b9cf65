package dev.policymatch.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import dev.policymatch.net.IpNetworks;
import dev.policymatch.source.Catalog;
import dev.policymatch.source.Located;
import dev.policymatch.source.ManifestProblem;
import dev.policymatch.source.ManifestReader;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CRDs in {@code crds/calico/} carry the same rules as {@link ResourceValidator}: every example
 * passes their OpenAPI schema, and every file in {@code examples/invalid/} fails it on exactly the
 * fields {@code calicoq validate} reports.
 *
 * <p>What a JSON Schema validator cannot evaluate, and so is checked here only from our validator:
 * <ul>
 *   <li>CEL rules ({@code x-kubernetes-validations}: at least one of interfaceName and expectedIPs,
 *       doNotTrack/preDNAT/applyOnForward) — the test checks that the CRD carries the rule;</li>
 *   <li>{@code x-kubernetes-list-type: set} (repeated expected IPs or policy types), enforced by the API
 *       server because structural schemas forbid {@code uniqueItems};</li>
 *   <li>rules across a rule's fields (one IP version per rule) and on a network's value (catch-all
 *       notNets, host bits set), which the CRDs leave to {@code calicoq validate} as Calico's own leave
 *       them to its validator;</li>
 *   <li>labels, which the API server validates itself (a CRD schema may not constrain them);</li>
 *   <li>selector syntax and where {@code global()} may appear, a grammar no pattern can express.</li>
 * </ul>
 * Examples in the {@code projectcalico.org/v3} format are checked against the same schemas (v3 and
 * the CRDs share their spec layout); the calicoctl v1 format has another layout and is checked only
 * by {@code calicoq validate} (see {@code ExamplesTest}).
 */
class CalicoCrdSchemaTest {

    private static final ObjectMapper YAML = new YAMLMapper();
    private static final Path CRDS = Path.of("crds/calico");
    private static final Path EXAMPLES = Path.of("examples");
    private static final Path INVALID = EXAMPLES.resolve("invalid");

    /** Invalid examples the schema cannot catch, with the CRD text that covers the rule instead. */
    private static final Map<String, String> NOT_CHECKABLE_BY_SCHEMA = Map.ofEntries(
            Map.entry("no-interface-or-ips.yaml",
                    "at least one of interfaceName and expectedIPs must be specified"),
            Map.entry("donottrack-and-prednat.yaml",
                    "PreDNAT and DoNotTrack cannot both be true, for a given PolicySpec"),
            Map.entry("prednat-with-egress.yaml", "PreDNAT PolicySpec cannot have any Egress rules"),
            Map.entry("untracked-without-apply-on-forward.yaml",
                    "ApplyOnForward must be true if either PreDNAT or DoNotTrack is true, for a given PolicySpec"),
            Map.entry("repeated-types.yaml", "x-kubernetes-list-type: set"),
            Map.entry("bad-label.yaml", ""),
            Map.entry("bad-metadata-annotation.yaml", ""),
            Map.entry("bad-selector.yaml", ""),
            Map.entry("global-in-policy-selector.yaml", ""),
            Map.entry("mixed-ip-versions.yaml", ""),
            Map.entry("catch-all-not-nets.yaml", ""));

    private static final Map<String, Schema> SCHEMAS = new HashMap<>();
    private static final Map<String, String> CRD_TEXT = new HashMap<>();

    @BeforeAll
    static void loadCrds() throws IOException {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);
        try (Stream<Path> files = Files.list(CRDS)) {
            for (Path file : files.sorted().toList()) {
                JsonNode crd = YAML.readTree(file.toFile());
                assertThat(crd.path("apiVersion").asText()).isEqualTo("apiextensions.k8s.io/v1");
                assertThat(crd.path("spec").path("group").asText()).isEqualTo("crd.projectcalico.org");
                JsonNode version = crd.path("spec").path("versions").get(0);
                assertThat(version.path("name").asText()).isEqualTo("v1");
                String kind = crd.path("spec").path("names").path("kind").asText();
                SCHEMAS.put(kind, registry.getSchema(version.path("schema").path("openAPIV3Schema")));
                CRD_TEXT.put(kind, Files.readString(file));
            }
        }
        assertThat(SCHEMAS).containsOnlyKeys("HostEndpoint", "WorkloadEndpoint", "GlobalNetworkPolicy",
                "NetworkPolicy", "Profile", "Tier", "StagedGlobalNetworkPolicy", "StagedNetworkPolicy",
                "StagedKubernetesNetworkPolicy");
    }

    static List<Path> validExamples() throws IOException {
        try (Stream<Path> files = Files.walk(EXAMPLES)) {
            return files.filter(p -> p.toString().endsWith(".yaml") && !p.startsWith(INVALID)).sorted().toList();
        }
    }

    static List<Path> invalidExamples() throws IOException {
        try (Stream<Path> files = Files.list(INVALID)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    private static List<JsonNode> documents(Path file) throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        try (var values = YAML.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile())) {
            while (values.hasNext()) {
                JsonNode document = values.next();
                if (document != null && !document.isNull() && !document.isEmpty()) {
                    documents.add(document);
                }
            }
        }
        return documents;
    }

    @Test
    void theCrdsAreKubernetesCustomResourceDefinitions() throws IOException {
        try (Stream<Path> files = Files.list(CRDS)) {
            for (Path file : files.sorted().toList()) {
                CustomResourceDefinition crd = Serialization.unmarshal(Files.readString(file), CustomResourceDefinition.class);
                String plural = crd.getSpec().getNames().getPlural();
                assertThat(crd.getMetadata().getName()).isEqualTo(plural + ".crd.projectcalico.org");
                assertThat(file.getFileName().toString()).isEqualTo("crd.projectcalico.org_" + plural + ".yaml");
                assertThat(crd.getSpec().getScope()).isEqualTo(
                        Set.of("NetworkPolicy", "WorkloadEndpoint", "StagedNetworkPolicy", "StagedKubernetesNetworkPolicy").contains(crd.getSpec().getNames().getKind())
                                ? "Namespaced" : "Cluster");
                assertThat(crd.getSpec().getVersions()).singleElement().satisfies(v -> {
                    assertThat(v.getServed()).isTrue();
                    assertThat(v.getStorage()).isTrue();
                });
            }
        }
    }

    private static boolean checkedBySchema(JsonNode document) {
        String apiVersion = document.path("apiVersion").asText();
        return apiVersion.equals("crd.projectcalico.org/v1") || apiVersion.equals("projectcalico.org/v3");
    }

    private static Set<String> schemaFields(JsonNode document) {
        Schema schema = SCHEMAS.get(document.path("kind").asText());
        assertThat(schema).as("CRD for kind %s", document.path("kind").asText()).isNotNull();
        Set<String> fields = new TreeSet<>();
        for (Error error : schema.validate(document)) {
            String field = field(error.getInstanceLocation());
            if ("required".equals(error.getKeyword()) && error.getProperty() != null) {
                field = field.isEmpty() ? error.getProperty() : field + "." + error.getProperty();
            }
            fields.add(field);
        }
        return fields;
    }

    /** A JSON Schema instance location in our field-path form: {@code spec.expectedIPs[1]}. */
    private static String field(NodePath path) {
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            Object element = path.getElement(i);
            if (element instanceof Integer index) {
                field.append('[').append(index).append(']');
            } else {
                field.append(field.length() == 0 ? "" : ".").append(element);
            }
        }
        return field.toString();
    }

    private static Set<String> calicoqFields(Path file) throws Exception {
        Catalog catalog = new ManifestReader(warning -> { }).read(List.of(file.toString()));
        Set<String> fields = new TreeSet<>();
        ResourceValidator validator = new ResourceValidator();
        for (Located<?> located : catalog.all()) {
            validator.validate(located.resource()).forEach(v -> fields.add(v.field()));
        }
        for (ManifestProblem problem : catalog.problems()) {
            fields.add(problem.message().substring(0, problem.message().indexOf(": ")));
        }
        return fields;
    }

    /** The CRD's IP and network patterns agree with the validator's literal parser. */
    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1", "255.255.255.255", "0.0.0.0", "10.0.0.300", "010.0.0.1", "10.0.0", "1.2.3.4.5",
        "::", "::1", "2001:db8::1", "2001:db8:0:0:0:0:0:1", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8:9", "1::2::3",
        "::ffff:10.0.0.1", "64:ff9b::192.0.2.33", "fe80::1%eth0", "12345::", "g::1", "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8",
        "10.0.0.0/8", "10.0.0.0/32", "10.0.0.0/33", "2001:db8::/64", "2001:db8::/129", "10.0.0.0/08", "host.example",
        "1.2.3.4::", "::ffff:10.1.2.3/128", "::ffff:01.2.3.4", "::\uff11"})
    void ipPatternsAgreeWithTheValidator(String text) throws IOException {
        JsonNode hostEndpointSpec = YAML.readTree(CRDS.resolve("crd.projectcalico.org_hostendpoints.yaml").toFile())
                .at("/spec/versions/0/schema/openAPIV3Schema/properties/spec/properties");
        String ipPattern = hostEndpointSpec.at("/expectedIPs/items/pattern").asText();
        JsonNode policySpec = YAML.readTree(CRDS.resolve("crd.projectcalico.org_globalnetworkpolicies.yaml").toFile())
                .at("/spec/versions/0/schema/openAPIV3Schema/properties/spec/properties");
        String netPattern = policySpec.at("/ingress/items/properties/source/properties/nets/items/pattern").asText();
        assertThat(Pattern.compile(ipPattern).matcher(text).matches()).isEqualTo(IpNetworks.isAddress(text));
        assertThat(Pattern.compile(netPattern).matcher(text).matches())
                .isEqualTo(IpNetworks.isAddress(text) || IpNetworks.isCidr(text));
    }

    @ParameterizedTest
    @MethodSource("validExamples")
    void validExamplesPassTheCrdSchemas(Path file) throws IOException {
        for (JsonNode document : documents(file)) {
            if (checkedBySchema(document)) {
                assertThat(schemaFields(document)).as("%s %s", file, document.path("metadata").path("name")).isEmpty();
            }
        }
    }

    @Test
    void theClusterExamplesAreInTheCrdFormatApartFromTheirNamespace() throws IOException {
        for (Path file : validExamples()) {
            if (file.startsWith(EXAMPLES.resolve("cluster"))) {
                assertThat(documents(file)).filteredOn(d -> !d.path("kind").asText().equals("Namespace"))
                        .allSatisfy(d -> assertThat(d.path("apiVersion").asText()).isEqualTo("crd.projectcalico.org/v1"));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("invalidExamples")
    void invalidExamplesFailTheSchemaOnTheFieldsCalicoqReports(Path file) throws Exception {
        List<JsonNode> documents = documents(file);
        assertThat(documents).as("one resource per invalid example").hasSize(1);
        JsonNode document = documents.get(0);
        assertThat(document.path("apiVersion").asText()).isEqualTo("crd.projectcalico.org/v1");
        Set<String> calicoq = calicoqFields(file);
        Set<String> schema = schemaFields(document);
        assertThat(calicoq).as("calicoq validate finds the mistake in %s", file).isNotEmpty();
        String name = file.getFileName().toString();
        if (NOT_CHECKABLE_BY_SCHEMA.containsKey(name)) {
            assertThat(schema).as("JSON Schema cannot see the mistake in %s", name).isEmpty();
            String crdText = CRD_TEXT.get(document.path("kind").asText());
            assertThat(crdText).contains(NOT_CHECKABLE_BY_SCHEMA.get(name));
        } else {
            assertThat(schema).as("fields the CRD schema rejects in %s", name).isEqualTo(calicoq);
        }
    }
}
