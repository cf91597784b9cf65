package dev.policymatch.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.policymatch.source.document.CalicoApiGroup;
import dev.policymatch.source.document.ResourceKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The manifest fixtures under {@code examples/} and {@code src/test/resources/} as an API server serves them
 * after {@code kubectl apply}: with a uid, resourceVersion, generation and creation time, the
 * {@code last-applied-configuration} annotation (the manifest again, as JSON), client-side apply's managed
 * fields (every field path of the object) and, for a Namespace, its spec and status. What an informer reads.
 */
public final class ServedObjects {

    /** An object as served, with the kind and Calico group it is read as. */
    public record Served(ResourceKind kind, CalicoApiGroup group, ObjectNode object, String source) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    private ServedObjects() {
    }

    /** Every fixture document that a cluster could serve, as served; files that are not YAML are passed over. */
    public static List<Served> fixtures() {
        List<Served> served = new ArrayList<>();
        for (Path file : fixtureFiles()) {
            List<JsonNode> documents;
            try {
                documents = YAML.readValues(new YAMLFactory().createParser(file.toFile()), JsonNode.class).readAll();
            } catch (IOException | RuntimeException e) {
                continue; // a fixture of broken YAML
            }
            for (JsonNode document : documents) {
                List<JsonNode> items = new ArrayList<>();
                if (document != null && document.path("kind").asText().equals("List")) {
                    document.path("items").forEach(items::add);
                } else if (document != null) {
                    items.add(document);
                }
                for (JsonNode item : items) {
                    as(item, file.toString()).ifPresent(served::add);
                }
            }
        }
        return served;
    }

    /** {@code document} as served, when a cluster serves its apiVersion and kind. */
    public static Optional<Served> as(JsonNode document, String source) {
        if (!document.isObject()) {
            return Optional.empty();
        }
        Optional<ResourceKind> kubernetes = ResourceKind.kubernetesKindOf(document);
        if (kubernetes.isPresent()) {
            return Optional.of(new Served(kubernetes.get(), CalicoApiGroup.CRD_V1, served(document), source));
        }
        for (CalicoApiGroup group : CalicoApiGroup.values()) {
            if (!group.apiVersion().equals(document.path("apiVersion").asText())) {
                continue;
            }
            for (ResourceKind kind : ResourceKind.values()) {
                if (kind.origin() == ResourceKind.Origin.CALICO && group.serves(kind)
                        && kind.kindName().equals(document.path("kind").asText())) {
                    return Optional.of(new Served(kind, group, served(document), source));
                }
            }
        }
        return Optional.empty();
    }

    /** {@code document} with what the API server and kubectl add to it. */
    public static ObjectNode served(JsonNode document) {
        ObjectNode object = document.deepCopy();
        String manifest = document.toString();
        if (!(object.get("metadata") instanceof ObjectNode metadata)) {
            return object; // a malformed fixture: left as written, so the converter refuses it alike
        }
        metadata.put("uid", "3f1c7d2e-8a4b-4c6d-9e0f-" + String.format("%012x", manifest.hashCode() & 0xffffffffL));
        metadata.put("resourceVersion", "184467");
        metadata.put("generation", 1);
        metadata.put("creationTimestamp", "2026-12-01T09:30:00Z");
        JsonNode annotations = metadata.get("annotations");
        if (annotations == null) {
            metadata.putObject("annotations").put(LAST_APPLIED, manifest);
        } else if (annotations instanceof ObjectNode map) {
            map.put(LAST_APPLIED, manifest);
        }
        ObjectNode fields = fieldsOf(document);
        fields.remove(List.of("f:apiVersion", "f:kind"));
        ObjectNode fieldMetadata = (ObjectNode) fields.get("f:metadata");
        ObjectNode fieldAnnotations = fieldMetadata.get("f:annotations") instanceof ObjectNode present ? present
                : fieldMetadata.putObject("f:annotations");
        fieldAnnotations.putObject(".");
        fieldAnnotations.putObject("f:" + LAST_APPLIED);
        ObjectNode entry = metadata.putArray("managedFields").addObject();
        entry.put("manager", "kubectl-client-side-apply").put("operation", "Update")
                .put("apiVersion", document.path("apiVersion").asText()).put("time", "2026-12-01T09:30:00Z")
                .put("fieldsType", "FieldsV1").set("fieldsV1", fields);
        if ("Namespace".equals(document.path("kind").asText())) {
            object.putObject("spec").putArray("finalizers").add("kubernetes");
            object.putObject("status").put("phase", "Active");
        }
        return object;
    }

    /** Managed fields' FieldsV1 of {@code document}: every mapping key as {@code f:<key>}, down to the leaves. */
    private static ObjectNode fieldsOf(JsonNode document) {
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> field : document.properties()) {
            fields.set("f:" + field.getKey(), field.getValue().isObject() ? fieldsOf(field.getValue())
                    : JsonNodeFactory.instance.objectNode());
        }
        return fields;
    }

    private static List<Path> fixtureFiles() {
        List<Path> files = new ArrayList<>();
        for (String root : List.of("examples", "src/test/resources")) {
            try (Stream<Path> walk = Files.walk(Path.of(root))) {
                walk.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted()
                        .forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    /** {@code object} as compact JSON, for sizes. */
    public static int jsonBytes(JsonNode object) {
        try {
            return JSON.writeValueAsBytes(object).length;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
