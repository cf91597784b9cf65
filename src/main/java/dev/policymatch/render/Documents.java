package dev.policymatch.render;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.yaml.snakeyaml.DumperOptions;

/**
 * The project's one JSON and one YAML writer for {@code -o json} and {@code -o yaml}: indented JSON ending
 * in a newline; block YAML in ASCII without a {@code ---} line and with quotes only where YAML needs them. Numbers
 * given as {@link java.math.BigDecimal} are written plainly ({@code 1000000}, not {@code 1E+6}).
 */
public final class Documents {
    /*
     * Each mapper is built on first use (holder classes): building one loads a few hundred Jackson classes,
     * and picocli instantiates every subcommand at start, so a static mapper in a command would cost every
     * calicoq run, even `calicoq version`, that time.
     */
    private static final class Json {
        static final ObjectMapper MAPPER = JsonMapper.builder()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
                .build();
    }

    private static final class Yaml {
        static final ObjectMapper MAPPER = YAMLMapper
                .builder(YAMLFactory.builder().dumperOptions(asciiBlocks()).build())
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
                .build();

        /**
         * Block style as Jackson writes it, but ASCII only: SnakeYAML escapes control characters and would
         * write a bidirectional override (U+202E) as it is, even in a plain scalar, where the CLI's
         * terminal-safe output could not escape it without changing the value. Without unicode, every
         * non-ASCII character is escaped in double quotes ({@code "z\xFCrich"}), and a YAML reader gets
         * the exact value back.
         */
        private static DumperOptions asciiBlocks() {
            DumperOptions options = new DumperOptions();
            options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
            options.setAllowUnicode(false);
            return options;
        }
    }

    private Documents() {
    }

    /** Indented JSON with a final newline. */
    public static String json(Object document) {
        return write(Json.MAPPER, document) + "\n";
    }

    /** Block YAML; ends with a newline. */
    public static String yaml(Object document) {
        return write(Yaml.MAPPER, document);
    }

    private static String write(ObjectMapper mapper, Object document) {
        try {
            return mapper.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            // Only records of strings, numbers, booleans and lists are written: this is a bug, not bad input.
            throw new IllegalStateException("cannot write " + document.getClass().getSimpleName(), e);
        }
    }
}
