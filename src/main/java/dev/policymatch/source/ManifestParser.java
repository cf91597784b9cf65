package dev.policymatch.source;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.policymatch.text.Quoted;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Parses YAML (multi-document) and JSON streams into {@link ParsedDocument}s, with line numbers, and
 * with limits so that hostile input is refused with a message instead of exhausting memory.
 *
 * <p>YAML goes through SnakeYAML's composer (not Jackson's YAML parser, which turns an alias into the
 * anchor's name instead of its value): anchors, aliases and merge keys ({@code <<}) work as in
 * kubectl and calicoctl. Scalars are typed by YAML 1.1's rules like Go's yaml.v2, which calicoctl and
 * kubectl use ({@code on} is a boolean, {@code 010} is 8), except that sexagesimal numbers stay text
 * so a port range like {@code 80:59} is not read as a number.
 */
final class ManifestParser {

    /** Alias expansions into collections per document; real manifests use a handful. */
    static final int MAX_ALIASES = 50;
    /** Characters per YAML document (SnakeYAML's code point limit); far above any real resource. */
    static final int MAX_DOCUMENT_CODE_POINTS = 16 * 1024 * 1024;
    static final int MAX_NESTING_DEPTH = 64;
    /** Values after alias expansion per document: a billion-laughs document stops here. */
    static final int MAX_VALUES = 500_000;
    /**
     * Characters of a document's keys and scalar values, counted once per use through aliases: an alias may
     * repeat a value, but the document it expands to may not be longer than the longest document read.
     */
    static final int MAX_EXPANDED_CHARACTERS = MAX_DOCUMENT_CODE_POINTS;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(0|[1-9][0-9]*)");
    private static final Pattern HEX = Pattern.compile("[-+]?0x[0-9a-fA-F]+");
    private static final Pattern OCTAL = Pattern.compile("[-+]?0[0-7]+");
    private static final Pattern BINARY = Pattern.compile("[-+]?0b[01]+");

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .maxStringLength(MAX_DOCUMENT_CODE_POINTS)
                    .maxDocumentLength(4L * MAX_DOCUMENT_CODE_POINTS)
                    .build())
            .build();

    interface DocumentHandler {
        void accept(ParsedDocument document);
    }

    private ManifestParser() {
    }

    static void parseYaml(Reader reader, DocumentHandler handler) throws ManifestSyntaxException, IOException {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(MAX_NESTING_DEPTH);
        // YamlStreamReader enforces it while reading; SnakeYAML's own default (3 MiB) must not cut in first.
        options.setCodePointLimit(MAX_DOCUMENT_CODE_POINTS);
        // Duplicate keys are checked by YamlTree: SnakeYAML checks them in its constructor, not used here.
        ParserImpl parser = new ParserImpl(new YamlStreamReader(reader, MAX_DOCUMENT_CODE_POINTS), options);
        Composer composer = new Composer(parser, new Resolver(), options);
        int lastLine = 1;
        try {
            while (composer.checkNode()) {
                Node node = composer.getNode();
                lastLine = node.getStartMark() == null ? lastLine : node.getStartMark().getLine() + 1;
                Map<JsonNode, Integer> lines = new IdentityHashMap<>();
                JsonNode root = new YamlTree(lines).convert(node, 0);
                handler.accept(new ParsedDocument(root, lastLine, lines));
            }
        } catch (RefusedInputException e) {
            throw new ManifestSyntaxException(e.line(), e.getMessage());
        } catch (UncheckedIOException e) {
            throw undecodableOr(e.getCause());
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1
                    : e.getContextMark() != null ? e.getContextMark().getLine() + 1 : lastLine;
            String problem = e.getProblem() == null ? e.getMessage() : e.getProblem();
            String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
            throw new ManifestSyntaxException(line, "malformed YAML: " + oneLine(problem + context));
        } catch (YAMLException e) {
            // SnakeYAML's limits (aliases, size, depth) throw unmarked exceptions.
            throw new ManifestSyntaxException(lastLine, "refused YAML: " + limitMessage(oneLine(e.getMessage())));
        }
    }

    static void parseJson(Reader reader, DocumentHandler handler) throws ManifestSyntaxException, IOException {
        try (JsonParser parser = JSON.createParser(reader)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                int line = parser.currentTokenLocation().getLineNr();
                Map<JsonNode, Integer> lines = new IdentityHashMap<>();
                JsonNode root = readJson(parser, token, lines);
                handler.accept(new ParsedDocument(root, line, lines));
            }
        } catch (StreamConstraintsException e) {
            // Jackson names its own API in the message: "... (16777216, from `StreamReadConstraints...`)".
            String limit = oneLine(e.getOriginalMessage()).replaceAll(", from `[^`]*`", "");
            throw new ManifestSyntaxException(lineOf(e), "refused JSON: " + limit);
        } catch (JsonProcessingException e) {
            throw new ManifestSyntaxException(lineOf(e), "malformed JSON: " + oneLine(e.getOriginalMessage()));
        } catch (RefusedInputException e) {
            throw new ManifestSyntaxException(e.line(), e.getMessage());
        } catch (IOException e) {
            throw undecodableOr(e);
        }
    }

    private static int lineOf(JsonProcessingException e) {
        return e.getLocation() == null ? 0 : e.getLocation().getLineNr();
    }

    /** Undecodable bytes are a problem of the input at a line, like a syntax error; other I/O errors are not. */
    private static ManifestSyntaxException undecodableOr(IOException e) throws IOException {
        if (e instanceof StrictUnicodeReader.Undecodable undecodable) {
            return new ManifestSyntaxException(undecodable.line(), undecodable.getMessage());
        }
        throw e;
    }

    private static JsonNode readJson(JsonParser parser, JsonToken token, Map<JsonNode, Integer> lines)
            throws IOException {
        switch (token) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                lines.put(object, parser.currentTokenLocation().getLineNr());
                DistinctKeys keys = new DistinctKeys("JSON");
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    keys.add(name, parser.currentTokenLocation().getLineNr());
                    object.set(name, readJson(parser, parser.nextToken(), lines));
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                JsonToken next;
                while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
                    array.add(readJson(parser, next, lines));
                }
                return array;
            }
            case VALUE_STRING -> {
                return NODES.textNode(parser.getText());
            }
            case VALUE_NUMBER_INT -> {
                return integer(parser.getBigIntegerValue());
            }
            case VALUE_NUMBER_FLOAT -> {
                return NODES.numberNode(parser.getDoubleValue());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return NODES.booleanNode(token == JsonToken.VALUE_TRUE);
            }
            default -> {
                return NODES.nullNode();
            }
        }
    }

    private static JsonNode integer(BigInteger value) {
        if (value.bitLength() < 32) {
            return NODES.numberNode(value.intValue());
        }
        if (value.bitLength() < 64) {
            return NODES.numberNode(value.longValue());
        }
        return NODES.numberNode(value);
    }

    /** SnakeYAML's limit messages, said in the user's terms. */
    private static String limitMessage(String message) {
        if (message.contains("aliases")) {
            return "more than " + MAX_ALIASES + " aliases to collections in one document (an alias bomb?)";
        }
        if (message.contains("Nesting Depth")) {
            return "nested deeper than " + MAX_NESTING_DEPTH + " levels";
        }
        return message;
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s*\\n\\s*", " ").trim();
    }

    /**
     * The keys of one mapping, refused when one comes twice: SnakeYAML and Jackson would keep the last, so a
     * harmless {@code selector} could hide behind a later {@code selector: all()}. kubectl refuses them too
     * ({@code mapping key "selector" already defined at line 5}).
     */
    private static final class DistinctKeys {
        private final String format;
        private final Map<String, Integer> lines = new HashMap<>();

        DistinctKeys(String format) {
            this.format = format;
        }

        void add(String key, int line) {
            Integer first = lines.putIfAbsent(key, line);
            if (first != null) {
                throw new RefusedInputException(line, "malformed " + format + ": duplicate key "
                        + Quoted.of(key) + " (already defined at line " + first + ")");
            }
        }
    }

    /** SnakeYAML node graph to Jackson tree, expanding aliases within the budgets of values and characters. */
    private static final class YamlTree {
        private final Map<JsonNode, Integer> lines;
        private int values;
        private long characters;

        YamlTree(Map<JsonNode, Integer> lines) {
            this.lines = lines;
        }

        JsonNode convert(Node node, int depth) {
            int line = lineOf(node);
            if (++values > MAX_VALUES) {
                throw new RefusedInputException(line, "refused YAML: the document expands to more than "
                        + MAX_VALUES + " values (an alias bomb?)");
            }
            if (depth > MAX_NESTING_DEPTH) {
                // Only aliases can nest deeper than the parser's limit (a recursive structure).
                throw new RefusedInputException(line,
                        "refused YAML: nested deeper than " + MAX_NESTING_DEPTH + " levels");
            }
            if (node instanceof MappingNode mapping) {
                ObjectNode object = NODES.objectNode();
                lines.put(object, line);
                merge(object, mapping, depth);
                return object;
            }
            if (node instanceof SequenceNode sequence) {
                ArrayNode array = NODES.arrayNode();
                for (Node item : sequence.getValue()) {
                    array.add(convert(item, depth + 1));
                }
                return array;
            }
            ScalarNode scalar = (ScalarNode) node;
            spend(scalar.getValue(), line);
            return scalar(scalar);
        }

        /** Counts a key's or value's characters each time an alias repeats it. */
        private void spend(String text, int line) {
            characters += text.length();
            if (characters > MAX_EXPANDED_CHARACTERS) {
                throw new RefusedInputException(line, "refused YAML: the document expands to more than "
                        + MAX_EXPANDED_CHARACTERS + " characters (an alias bomb?)");
            }
        }

        private static int lineOf(Node node) {
            return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
        }

        /** Explicit keys win over merged ones ({@code <<}), and earlier merge sources over later ones. */
        private void merge(ObjectNode object, MappingNode mapping, int depth) {
            List<NodeTuple> tuples = mapping.getValue();
            DistinctKeys keys = new DistinctKeys("YAML");
            for (NodeTuple tuple : tuples) {
                String key = key(tuple.getKeyNode());
                keys.add(key, lineOf(tuple.getKeyNode()));
                if (tuple.getKeyNode().getTag().equals(Tag.MERGE)) {
                    continue;
                }
                spend(key, lineOf(tuple.getKeyNode()));
                object.set(key, convert(tuple.getValueNode(), depth + 1));
            }
            for (NodeTuple tuple : tuples) {
                if (!tuple.getKeyNode().getTag().equals(Tag.MERGE)) {
                    continue;
                }
                Node source = tuple.getValueNode();
                List<Node> sources = source instanceof SequenceNode seq ? seq.getValue() : List.of(source);
                for (Node each : sources) {
                    JsonNode merged = convert(each, depth + 1);
                    if (merged instanceof ObjectNode mergedObject) {
                        mergedObject.properties().forEach(e -> {
                            if (!object.has(e.getKey())) {
                                object.set(e.getKey(), e.getValue());
                            }
                        });
                    }
                }
            }
        }

        private static String key(Node key) {
            return key instanceof ScalarNode scalar ? scalar.getValue() : String.valueOf(key);
        }

        private static JsonNode scalar(ScalarNode node) {
            String text = node.getValue();
            Tag tag = node.getTag();
            if (tag.equals(Tag.NULL)) {
                return NODES.nullNode();
            }
            if (tag.equals(Tag.BOOL)) {
                String lower = text.toLowerCase(Locale.ROOT);
                return NODES.booleanNode(lower.equals("true") || lower.equals("yes") || lower.equals("on"));
            }
            if (tag.equals(Tag.INT)) {
                String digits = text.replace("_", "");
                try {
                    if (DECIMAL.matcher(digits).matches()) {
                        return integer(new BigInteger(digits));
                    }
                    if (HEX.matcher(digits).matches()) {
                        return integer(new BigInteger(digits.replaceFirst("0x", ""), 16));
                    }
                    if (BINARY.matcher(digits).matches()) {
                        return integer(new BigInteger(digits.replaceFirst("0b", ""), 2));
                    }
                    if (OCTAL.matcher(digits).matches()) {
                        return integer(new BigInteger(digits, 8));
                    }
                } catch (NumberFormatException e) {
                    return NODES.textNode(text);
                }
                return NODES.textNode(text);
            }
            if (tag.equals(Tag.FLOAT)) {
                try {
                    return NODES.numberNode(Double.parseDouble(text.replace("_", "")));
                } catch (NumberFormatException e) {
                    return NODES.textNode(text); // .inf, .nan and sexagesimal floats stay text
                }
            }
            return NODES.textNode(text);
        }
    }
}
