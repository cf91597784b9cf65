package dev.policymatch.source;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Reader;
import java.math.BigInteger;
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
import org.yaml.snakeyaml.reader.StreamReader;
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

    static void parseYaml(Reader reader, DocumentHandler handler) throws ManifestSyntaxException {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(MAX_NESTING_DEPTH);
        options.setCodePointLimit(MAX_DOCUMENT_CODE_POINTS);
        options.setAllowDuplicateKeys(false);
        ParserImpl parser = new ParserImpl(new StreamReader(reader), options);
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
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1
                    : e.getContextMark() != null ? e.getContextMark().getLine() + 1 : lastLine;
            String problem = e.getProblem() == null ? e.getMessage() : e.getProblem();
            String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
            throw new ManifestSyntaxException(line, "malformed YAML: " + oneLine(problem + context));
        } catch (YAMLException e) {
            // SnakeYAML's limits (aliases, size, depth) throw unmarked exceptions.
            throw new ManifestSyntaxException(lastLine, "refused YAML: " + limitMessage(oneLine(e.getMessage())));
        } catch (TooLargeException e) {
            throw new ManifestSyntaxException(e.line, "refused YAML: the document expands to more than "
                    + MAX_VALUES + " values (an alias bomb?)");
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
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new ManifestSyntaxException(line, "malformed JSON: " + oneLine(e.getOriginalMessage()));
        }
    }

    private static JsonNode readJson(JsonParser parser, JsonToken token, Map<JsonNode, Integer> lines)
            throws IOException {
        switch (token) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                lines.put(object, parser.currentTokenLocation().getLineNr());
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
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
        if (message.contains("exceeds the limit")) {
            return "a document longer than " + MAX_DOCUMENT_CODE_POINTS + " characters";
        }
        if (message.contains("Nesting Depth")) {
            return "nested deeper than " + MAX_NESTING_DEPTH + " levels";
        }
        return message;
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s*\\n\\s*", " ").trim();
    }

    private static final class TooLargeException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int line;

        TooLargeException(int line) {
            super(null, null, false, false);
            this.line = line;
        }
    }

    /** SnakeYAML node graph to Jackson tree, expanding aliases within the value budget. */
    private static final class YamlTree {
        private final Map<JsonNode, Integer> lines;
        private int values;

        YamlTree(Map<JsonNode, Integer> lines) {
            this.lines = lines;
        }

        JsonNode convert(Node node, int depth) {
            int line = node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
            if (++values > MAX_VALUES || depth > MAX_NESTING_DEPTH) {
                // Depth can only exceed the parser's limit through aliases (a recursive structure).
                throw new TooLargeException(line);
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
            return scalar((ScalarNode) node);
        }

        /** Explicit keys win over merged ones ({@code <<}), and earlier merge sources over later ones. */
        private void merge(ObjectNode object, MappingNode mapping, int depth) {
            List<NodeTuple> tuples = mapping.getValue();
            for (NodeTuple tuple : tuples) {
                if (tuple.getKeyNode().getTag().equals(Tag.MERGE)) {
                    continue;
                }
                object.set(key(tuple.getKeyNode()), convert(tuple.getValueNode(), depth + 1));
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
