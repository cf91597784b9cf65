package dev.policymatch.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.policymatch.source.Catalog;
import dev.policymatch.source.Located;
import dev.policymatch.source.ManifestProblem;
import dev.policymatch.source.ManifestReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Calico's validator test table (libcalico-go/lib/validator/v3/validator_test.go, v3.28.0..v3.32.1) and the
 * cases beyond it, each manifest read and validated as {@code calicoq validate} does: the verdict must be
 * Calico 3.32.1's, and a rejection must name the field Calico names. Rows PolicyMatch cannot judge yet are
 * listed in {@link #KNOWN_GAPS} with the reason and reported as skipped, never as passed; docs/cli.md gives
 * the count.
 */
class CalicoValidatorTableTest {

    private static final String SHIPPED = "v3.32.1";

    private static final String TIER_ACTION_VALUE = "a Tier's defaultAction other than Deny and Pass is read as Felix "
            + "reads it (Deny, tierprocessor.go), so validate cannot see the value written";
    private static final String ANNOTATIONS = "metadata.annotations are not read";
    private static final String NOT_YAML = "a port with both a name and numbers cannot be written in a manifest";

    /** Row id to the reason PolicyMatch cannot give Calico's verdict for the reason Calico gives it. */
    static final Map<String, String> KNOWN_GAPS = gaps();

    private static Map<String, String> gaps() {
        Map<String, String> gaps = new HashMap<>();
        put(gaps, NOT_YAML, "c103");
        put(gaps, ANNOTATIONS, "x42");
        put(gaps, TIER_ACTION_VALUE, "x37");
        return Map.copyOf(gaps);
    }

    private static void put(Map<String, String> gaps, String reason, String ids) {
        for (String id : ids.split(" ")) {
            gaps.put(id, reason);
        }
    }

    record Row(String id, String description, String versions, boolean valid, String field, String manifest) {
        @Override
        public String toString() {
            return id + " " + description;
        }
    }

    static Stream<Row> calicoRows() throws IOException {
        return read("calico-validator-test-rows.tsv").stream().map(c -> new Row(c.get("id"), c.get("description"),
                c.get("versions"), c.get("calico_valid").equals("valid"), c.get("expected_field"), c.get("manifest")));
    }

    static Stream<Row> extraCases() throws IOException {
        return read("extra-cases.tsv").stream().map(c -> new Row(c.get("id"), c.get("case"), "all",
                c.get("calico_3.32").startsWith("accept") && !c.get("calico_3.32").contains("reject"),
                c.get("expected_field"), c.get("manifest")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("calicoRows")
    void calicoTableRow(Row row) {
        assumeTrue(!KNOWN_GAPS.containsKey(row.id()), () -> "known gap: " + KNOWN_GAPS.get(row.id()));
        assumeTrue(row.versions().equals("all") || row.versions().contains(SHIPPED),
                () -> "not in Calico " + SHIPPED + "'s table (" + row.versions() + "); docs/cli.md lists the difference");
        assertVerdict(row);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("extraCases")
    void extraCase(Row row) {
        assumeTrue(!KNOWN_GAPS.containsKey(row.id()), () -> "known gap: " + KNOWN_GAPS.get(row.id()));
        assertVerdict(row);
    }

    /** The gap list names only rows that exist, so a renamed row cannot hide in it. */
    @Test
    void everyGapIsARow() throws IOException {
        List<String> ids = new ArrayList<>(calicoRows().map(Row::id).toList());
        ids.addAll(extraCases().map(Row::id).toList());
        assertThat(ids).containsAll(KNOWN_GAPS.keySet());
    }

    private static void assertVerdict(Row row) {
        List<String> fields = fieldsNamed(row.manifest());
        if (row.valid()) {
            assertThat(fields).as("Calico accepts %s", row).isEmpty();
            return;
        }
        // "a / b": Calico reports both fields; a map's field is named down to its key (spec.labelsToApply.env).
        for (String expected : row.field().split(" / ")) {
            assertThat(fields).as("Calico rejects %s for %s", row, expected)
                    .anyMatch(field -> field.equals(expected) || field.startsWith(expected + ".")
                            || field.startsWith(expected + "["));
        }
    }

    /** The field of every violation and of every document that could not be read, as validate reports them. */
    private static List<String> fieldsNamed(String manifest) {
        Catalog catalog = new ManifestReader(warning -> { }).readString("row.yaml", manifest);
        ResourceValidator validator = new ResourceValidator();
        List<String> fields = new ArrayList<>();
        for (Located<?> located : catalog.all()) {
            validator.validate(located.resource()).forEach(v -> fields.add(v.field()));
        }
        for (ManifestProblem problem : catalog.problems()) {
            fields.add(problem.message().substring(0, Math.max(0, problem.message().indexOf(": "))));
        }
        assertThat(catalog.all().size() + catalog.problems().size()).as("documents read").isEqualTo(1);
        return fields;
    }

    /** The rows of a tab-separated table under src/test/resources/validation, keyed by its header line. */
    private static List<Map<String, String>> read(String table) throws IOException {
        List<Map<String, String>> rows = new ArrayList<>();
        try (InputStream in = CalicoValidatorTableTest.class.getResourceAsStream("/validation/" + table)) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.startsWith("#") && !line.isBlank()).toList();
            List<String> header = Arrays.asList(lines.get(0).split("\t", -1));
            for (String line : lines.subList(1, lines.size())) {
                String[] cells = line.split("\t", -1);
                Map<String, String> row = new HashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    row.put(header.get(i), i < cells.length ? cells[i] : "");
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
