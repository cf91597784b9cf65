package dev.policymatch.source.document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.policymatch.text.Quoted;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Typed access to the fields of an input document, each failure naming the resource and the field path;
 * the Calico and the Kubernetes converters both read through it, so wrong types read the same in either.
 */
public final class Fields {
    private final String resource;

    public Fields(String resource) {
        this.resource = resource;
    }

    /** A problem with a value of this resource's field, in the same form as the type errors. */
    public ResourceFormatException problem(String path, String problem) {
        return new ResourceFormatException(resource, path, problem);
    }

    private ResourceFormatException wrong(String path, String expected, JsonNode actual) {
        return new ResourceFormatException(resource, path, "expected " + expected + ", got " + describe(actual));
    }

    public static String describe(JsonNode node) {
        if (node.isTextual()) {
            return "a string (" + Quoted.of(node.asText()) + ")";
        }
        if (node.isNumber()) {
            return "a number (" + node.asText() + ")";
        }
        if (node.isBoolean()) {
            return "a boolean (" + node.asText() + ")";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isObject()) {
            return "a mapping";
        }
        return "null";
    }

    /** {@code kind (apiVersion)} of any document, for the "skipping" warning. */
    public static String describeKind(JsonNode document) {
        if (document == null || !document.isObject()) {
            return "a document that is not a mapping";
        }
        JsonNode kind = document.path("kind");
        JsonNode apiVersion = document.path("apiVersion");
        String kindText = kind.isTextual() ? kind.asText() : "(no kind)";
        String apiText = apiVersion.isTextual() ? apiVersion.asText() : "no apiVersion";
        String name = document.path("metadata").path("name").isTextual()
                ? " " + Quoted.of(document.path("metadata").path("name").asText()) : "";
        return kindText + name + " (" + apiText + ")";
    }

    private static JsonNode get(JsonNode parent, String key) {
        JsonNode value = parent == null ? MissingNode.getInstance() : parent.path(key);
        return value.isNull() ? MissingNode.getInstance() : value;
    }

    public String text(JsonNode parent, String key, String path) throws ResourceFormatException {
        JsonNode value = get(parent, key);
        if (value.isMissingNode()) {
            return null;
        }
        if (!value.isTextual()) {
            throw wrong(path, "a string", value);
        }
        return value.asText();
    }

    /** A string or a number given as text (protocols and ports may be either). */
    public String scalarText(JsonNode value, String path) throws ResourceFormatException {
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (value.isTextual() || value.isIntegralNumber()) {
            return value.asText();
        }
        throw wrong(path, "a string or an integer", value);
    }

    public List<String> texts(JsonNode parent, String key, String path) throws ResourceFormatException {
        JsonNode value = get(parent, key);
        if (value.isMissingNode()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw wrong(path, "a list of strings", value);
        }
        List<String> texts = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isTextual()) {
                throw wrong(path + "[" + i + "]", "a string", item);
            }
            texts.add(item.asText());
        }
        return texts;
    }

    public List<String> scalarTexts(JsonNode parent, String key, String path) throws ResourceFormatException {
        JsonNode value = get(parent, key);
        if (value.isMissingNode()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw wrong(path, "a list", value);
        }
        List<String> texts = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            texts.add(scalarText(value.get(i), path + "[" + i + "]"));
        }
        return texts;
    }

    public SortedMap<String, String> stringMap(JsonNode parent, String key, String path)
            throws ResourceFormatException {
        JsonNode value = get(parent, key);
        if (value.isMissingNode()) {
            return new TreeMap<>();
        }
        if (!value.isObject()) {
            throw wrong(path, "a mapping of strings to strings", value);
        }
        SortedMap<String, String> map = new TreeMap<>();
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            JsonNode item = entry.getValue();
            if (!item.isTextual()) {
                throw wrong(path + "." + entry.getKey(), "a string (quote it)", item);
            }
            map.put(entry.getKey(), item.asText());
        }
        return map;
    }

    public Double number(JsonNode parent, String key, String path) throws ResourceFormatException {
        JsonNode value = get(parent, key);
        if (value.isMissingNode()) {
            return null;
        }
        if (!value.isNumber()) {
            throw wrong(path, "a number", value);
        }
        return value.doubleValue();
    }

    public Integer integer(JsonNode parent, String key, String path) throws ResourceFormatException {
        JsonNode value = get(parent, key);
        if (value.isMissingNode()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw wrong(path, "an integer", value);
        }
        return value.intValue();
    }

    public boolean bool(JsonNode parent, String key, String path) throws ResourceFormatException {
        JsonNode value = get(parent, key);
        if (value.isMissingNode()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw wrong(path, "true or false", value);
        }
        return value.booleanValue();
    }

    public JsonNode object(JsonNode parent, String key, String path) throws ResourceFormatException {
        JsonNode value = get(parent, key);
        if (value.isMissingNode() || value.isObject()) {
            return value;
        }
        throw wrong(path, "a mapping", value);
    }

    public List<JsonNode> objects(JsonNode parent, String key, String path) throws ResourceFormatException {
        JsonNode value = get(parent, key);
        if (value.isMissingNode()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw wrong(path, "a list", value);
        }
        List<JsonNode> objects = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isObject()) {
                throw wrong(path + "[" + i + "]", "a mapping", item);
            }
            objects.add(item);
        }
        return objects;
    }
}
