package dev.policymatch.devcluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PrinterColumnPathTest {

    static final String DOCUMENT = """
            {"metadata": {"name": "r", "labels": {"a": "1"}},
             "spec": {"n": 3, "flag": false, "list": ["x", "y", "z"]},
             "status": {"conditions": [
                 {"type": "Valid", "status": "True"},
                 {"type": "Ready", "status": "False", "nested": {"k": "v"}},
                 {"type": "Ready", "status": "Unknown"}]}}
            """;

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "none", textBlock = """
            .metadata.name                                   | r
            {.metadata.name}                                 | r
            $.metadata.name                                  | r
            .metadata.labels.a                               | 1
            .spec.n                                          | 3
            .spec.flag                                       | false
            .spec.list[0]                                    | x
            .spec.list[-1]                                   | z
            .spec.list[*]                                    | x,y,z
            .spec.list[7]                                    | none
            .spec.missing.deeper                             | none
            .status.conditions[?(@.type=="Valid")].status    | True
            .status.conditions[?(@.type=='Ready')].status    | False,Unknown
            .status.conditions[?(@.type=="Gone")].status     | none
            .status.conditions[?(@.nested.k=="v")].type      | Ready
            .status.conditions[1].nested.k                   | v
            """)
    void evaluates(String path, String expected) throws Exception {
        JsonNode document = new ObjectMapper().readTree(DOCUMENT);
        List<String> values = PrinterColumnPath.parse(path).evaluate(document).stream().map(JsonNode::asText).toList();
        assertThat(values).isEqualTo(expected == null ? List.of() : List.of(expected.split(",")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"metadata.name", ".metadata..name", ".list[", ".list[a]", ".c[?(@.type)]",
            ".c[?(@.type==Valid)]", ".c[?(type==\"x\")]"})
    void rejectsWhatItDoesNotSupport(String path) {
        assertThatThrownBy(() -> PrinterColumnPath.parse(path)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(path);
    }
}
