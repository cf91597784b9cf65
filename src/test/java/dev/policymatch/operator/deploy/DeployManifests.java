package dev.policymatch.operator.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The documents deploy/kustomization.yaml lists, read as kustomize would (namespace applied). */
final class DeployManifests {

    static final Path DEPLOY = Path.of("deploy");
    private static final ObjectMapper YAML = new YAMLMapper();

    private DeployManifests() {
    }

    static List<JsonNode> load() {
        JsonNode kustomization = readAll(DEPLOY.resolve("kustomization.yaml")).get(0);
        String namespace = kustomization.path("namespace").asText(null);
        List<JsonNode> documents = new ArrayList<>();
        for (JsonNode resource : kustomization.path("resources")) {
            for (JsonNode document : readAll(DEPLOY.resolve(resource.asText()))) {
                if (namespace != null && document.path("metadata").has("namespace")) {
                    ((com.fasterxml.jackson.databind.node.ObjectNode) document.get("metadata"))
                            .put("namespace", namespace);
                }
                documents.add(document);
            }
        }
        return documents;
    }

    static List<JsonNode> ofKind(List<JsonNode> documents, String kind) {
        return documents.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
    }

    static List<JsonNode> readAll(Path file) {
        try (var parser = new YAMLFactory().createParser(file.toFile())) {
            List<JsonNode> documents = new ArrayList<>();
            YAML.readValues(parser, JsonNode.class).forEachRemaining(d -> {
                if (d != null && !d.isNull() && !d.isMissingNode()) {
                    documents.add(d);
                }
            });
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
