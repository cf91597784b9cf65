package dev.policymatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import dev.policymatch.devcluster.PrinterColumnPath;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The committed CRD is the generated one, and its printer columns show what users expect.
 *
 * <p>The crd-generator-maven-plugin sorts printer columns by JSONPath; the committed file has them in
 * the order {@link PolicyMatchReport} declares them (ENDPOINT ... AGE), which is what {@code kubectl
 * get} shows. That reordering is the only difference this test allows.
 */
class PolicyMatchReportCrdTest {

    static final Path COMMITTED = Path.of("crds/policymatch.dev_policymatchreports.yaml");
    static final Path GENERATED = Path.of("target/classes/META-INF/fabric8/" + PolicyMatchReport.CRD_NAME + "-v1.yml");
    static final String REFRESH = "mvn -q process-classes && mvn -q surefire:test "
            + "-Dtest=PolicyMatchReportCrdTest -Dpolicymatch.crd.refresh=true";
    static final String HEADER = """
            # Generated from dev.policymatch.api.PolicyMatchReport by the
            # crd-generator-maven-plugin (printer columns put back in declaration order).
            # Do not edit; refresh with:
            #   %s
            """.formatted(REFRESH);

    @Test
    void committedCrdIsTheGeneratedOne() throws IOException {
        assertThat(GENERATED).as("the crd-generator-maven-plugin output (run `mvn process-classes`)").exists();
        String expected = committedForm(Files.readString(GENERATED));
        if (Boolean.getBoolean("policymatch.crd.refresh")) {
            Files.createDirectories(COMMITTED.getParent());
            Files.writeString(COMMITTED, expected);
        }
        assertThat(COMMITTED).as("committed CRD").exists();
        assertThat(Files.readString(COMMITTED))
                .as("%s is out of date with the Java classes; refresh it with: %s", COMMITTED, REFRESH)
                .isEqualTo(expected);
    }

    /** The generated CRD with its printer columns in declaration order, and a header saying so. */
    static String committedForm(String generatedYaml) {
        CustomResourceDefinition crd = Serialization.unmarshal(generatedYaml, CustomResourceDefinition.class);
        List<String> declared = Arrays.stream(PolicyMatchReport.class.getAnnotationsByType(AdditionalPrinterColumn.class))
                .map(AdditionalPrinterColumn::jsonPath)
                .toList();
        crd.getSpec().getVersions().forEach(v -> v.getAdditionalPrinterColumns()
                .sort(Comparator.comparingInt(c -> declared.indexOf(c.getJsonPath()))));
        String yaml = Serialization.asYaml(crd);
        return HEADER + (yaml.startsWith("---\n") ? yaml.substring(4) : yaml);
    }

    @Test
    void columnsAreInTheDocumentedOrder() {
        CustomResourceDefinition crd = Serialization.unmarshal(read(COMMITTED), CustomResourceDefinition.class);
        assertThat(crd.getSpec().getVersions()).hasSize(1);
        assertThat(crd.getSpec().getVersions().get(0).getAdditionalPrinterColumns())
                .extracting(c -> c.getName().toUpperCase())
                .containsExactly("ENDPOINT", "NODE", "POLICIES", "PROFILES", "RULE MATCHES", "MATCHED", "VALID", "AGE",
                        "UNDECIDED INGRESS", "UNDECIDED EGRESS");
        assertThat(crd.getSpec().getVersions().get(0).getAdditionalPrinterColumns())
                .as("only the undecided columns wait for -o wide")
                .extracting(c -> c.getName() + "=" + c.getPriority())
                .containsExactly("Endpoint=0", "Node=0", "Policies=0", "Profiles=0", "Rule Matches=0", "Matched=0",
                        "Valid=0", "Age=0", "Undecided Ingress=1", "Undecided Egress=1");
        assertThat(crd.getSpec().getNames().getShortNames()).containsExactly("pmr");
        assertThat(crd.getSpec().getNames().getCategories()).containsExactly("policymatch");
        assertThat(crd.getSpec().getScope()).isEqualTo("Namespaced");
        assertThat(crd.getSpec().getVersions().get(0).getSubresources().getStatus()).isNotNull();
    }

    @Test
    void everyColumnJsonPathReadsTheSampleReport() {
        String json = Serialization.asJson(SampleReports.matchedHostEndpoint());
        Map<String, Object> cells = new LinkedHashMap<>();
        for (CustomResourceColumnDefinition column : columns()) {
            // kubectl's paths start at the object; Jayway's at "$". A filter yields a list.
            Object value = JsonPath.read(json, "$" + column.getJsonPath());
            cells.put(column.getName(), value instanceof List<?> list && list.size() == 1 ? list.get(0) : value);
        }
        assertThat(cells).containsExactly(
                Map.entry("Endpoint", "node1/node1-eth0"),
                Map.entry("Node", "node1"),
                Map.entry("Policies", 2),
                Map.entry("Profiles", 1),
                Map.entry("Rule Matches", 1),
                Map.entry("Matched", "True"),
                Map.entry("Valid", "True"),
                Map.entry("Age", "2026-11-23T10:00:00Z"),
                Map.entry("Undecided Ingress", "Deny"),
                Map.entry("Undecided Egress", "Profiles"));
    }

    @Test
    void embeddedServerEvaluatesTheColumnsAsJaywayDoes() throws IOException {
        for (PolicyMatchReport report : List.of(SampleReports.matchedHostEndpoint(), SampleReports.invalidHostEndpoint())) {
            String json = Serialization.asJson(report);
            var tree = Serialization.jsonMapper().readTree(json);
            for (CustomResourceColumnDefinition column : columns()) {
                Object jayway = JsonPath.read(json, "$" + column.getJsonPath());
                List<String> expected = (jayway instanceof List<?> list ? list.stream() : java.util.stream.Stream.of(jayway))
                        .map(String::valueOf).collect(Collectors.toList());
                List<String> ours = PrinterColumnPath.parse(column.getJsonPath()).evaluate(tree).stream()
                        .map(n -> n.asText()).toList();
                assertThat(ours).as(column.getJsonPath()).isEqualTo(expected);
            }
        }
    }

    private static List<CustomResourceColumnDefinition> columns() {
        return Serialization.unmarshal(read(COMMITTED), CustomResourceDefinition.class)
                .getSpec().getVersions().get(0).getAdditionalPrinterColumns();
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + path + "; refresh it with: " + REFRESH, e);
        }
    }
}
