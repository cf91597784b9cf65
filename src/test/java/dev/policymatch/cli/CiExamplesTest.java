package dev.policymatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code calicoq} command lines of the CI examples in {@code examples/ci/} run as written, with the
 * checkouts they name replaced by a base ({@code examples/cluster}) and a head that changes it
 * ({@code src/test/resources/ci/head}): a command line that stops parsing, or changes meaning, fails here.
 */
class CiExamplesTest {
    static final Path CI = Path.of("examples/ci");
    static final String BASE = "examples/cluster";
    static final String HEAD = "src/test/resources/ci/head";
    static final String MARKER = "<!-- calicoq-diff -->";
    static final Set<String> SHELL_OPERATORS = Set.of(">", ">>", "|", "||", "&&", ";");
    static final Pattern VARIABLE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)}?");

    record Run(int exit, String out, String err) {
    }

    @ParameterizedTest
    @ValueSource(strings = {"github-actions.yml", "gitlab-ci.yml"})
    void validateAndDiffRunAsWritten(String file) throws IOException {
        List<String> lines = calicoqLines(new ObjectMapper(new YAMLFactory()).readTree(CI.resolve(file).toFile()));
        String validate = lines.stream().filter(line -> line.startsWith("calicoq validate")).findFirst().orElseThrow();
        String diff = lines.stream().filter(line -> line.startsWith("calicoq diff")).findFirst().orElseThrow();

        Run validated = run(validate, Map.of("BASE_DIR", BASE, "HEAD_DIR", HEAD));
        assertThat(validated.exit()).as("%s: %s\n%s", file, validate, validated.err()).isZero();

        Run changed = run(diff, Map.of("BASE_DIR", BASE, "HEAD_DIR", HEAD));
        assertThat(changed.exit()).as("%s: %s\n%s", file, diff, changed.err()).isEqualTo(3);
        assertThat(changed.out()).startsWith(MARKER).contains("db3-eth0").contains("allow-postgres-from-shop-api");

        Run unchanged = run(diff, Map.of("BASE_DIR", BASE, "HEAD_DIR", BASE));
        assertThat(unchanged.exit()).as("%s: the same diff with no change\n%s", file, unchanged.err()).isZero();
        assertThat(unchanged.out()).startsWith(MARKER);
    }

    /** Every line of a {@code run:} (GitHub) or {@code script:} (GitLab) whose first word is {@code calicoq}. */
    static List<String> calicoqLines(JsonNode node) {
        List<String> lines = new ArrayList<>();
        node.fields().forEachRemaining(field -> {
            JsonNode value = field.getValue();
            if (Set.of("run", "script").contains(field.getKey())) {
                List<JsonNode> texts = new ArrayList<>();
                if (value.isArray()) {
                    value.forEach(texts::add);
                } else {
                    texts.add(value);
                }
                texts.stream().filter(JsonNode::isTextual).flatMap(text -> text.asText().lines())
                        .map(String::strip).filter(line -> line.startsWith("calicoq ")).forEach(lines::add);
            } else if (value.isContainerNode()) {
                lines.addAll(calicoqLines(value));
            }
        });
        if (node.isArray()) {
            node.forEach(element -> lines.addAll(calicoqLines(element)));
        }
        return lines;
    }

    /** Runs a command line in process: variables replaced, cut at the first shell operator. */
    static Run run(String line, Map<String, String> variables) {
        Matcher matcher = VARIABLE.matcher(line);
        StringBuilder expanded = new StringBuilder();
        while (matcher.find()) {
            String value = variables.get(matcher.group(1));
            assertThat(value).as("variable %s in %s", matcher.group(1), line).isNotNull();
            matcher.appendReplacement(expanded, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(expanded);
        List<String> words = GoldenTest.split(expanded.toString());
        List<String> args = new ArrayList<>();
        for (String word : words.subList(1, words.size())) {
            if (SHELL_OPERATORS.contains(word)) {
                break;
            }
            args.add(word);
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = CalicoqCommand.execute(args.toArray(String[]::new), new ByteArrayInputStream(new byte[0]),
                new PrintWriter(out), new PrintWriter(err));
        return new Run(exit, out.toString(), err.toString());
    }
}
