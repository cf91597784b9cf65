package dev.policymatch.source.document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields of an object that a converter reads, as paths from the object's top: each segment is one field
 * name, so an annotation key is one segment, dots and all ({@code metadata}, {@code annotations},
 * {@code projectcalico.org/metadata}). {@link #cut} keeps those fields and nothing else, so a cache that holds
 * objects only to convert them again need not hold the rest (managed fields, other annotations, status).
 *
 * <p>An object (a mapping) cut to its converter's input converts to the same model, or fails with the same
 * message: a path whose parent is not a mapping keeps that parent whole, so that the converter still refuses it.
 *
 * @param paths each a list of field names
 */
public record ConverterInput(List<List<String>> paths) {

    /** apiVersion, kind, metadata.name and metadata.namespace: what names an object, which every converter reads. */
    public static final ConverterInput IDENTITY = new ConverterInput(List.of(List.of("apiVersion"), List.of("kind"),
            List.of("metadata", "name"), List.of("metadata", "namespace")));

    public ConverterInput {
        paths = List.copyOf(paths.stream().map(List::copyOf).toList());
    }

    /** These paths and the one of {@code segments}. */
    public ConverterInput with(String... segments) {
        List<List<String>> more = new ArrayList<>(paths);
        more.add(List.of(segments));
        return new ConverterInput(more);
    }

    /**
     * A new object with the fields of {@code object} on {@link #paths}; the values kept are {@code object}'s own
     * nodes, not copies.
     */
    public ObjectNode cut(JsonNode object) {
        ObjectNode kept = JsonNodeFactory.instance.objectNode();
        for (List<String> path : paths) {
            copy(object, kept, path);
        }
        return kept;
    }

    private static void copy(JsonNode from, ObjectNode to, List<String> path) {
        JsonNode source = from;
        ObjectNode target = to;
        for (int i = 0; i < path.size(); i++) {
            String field = path.get(i);
            JsonNode value = source.get(field);
            if (value == null) {
                return;
            }
            JsonNode existing = target.get(field);
            if (existing == value) {
                return; // already kept whole, as a parent that is not a mapping
            }
            if (i == path.size() - 1 || !value.isObject()) {
                target.set(field, value);
                return;
            }
            target = existing instanceof ObjectNode started ? started : target.putObject(field);
            source = value;
        }
    }
}
