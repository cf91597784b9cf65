package dev.policymatch.devcluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Server-side tables: kubectl asks for {@code Accept: application/json;as=Table;...} and prints the
 * columns the server sends, which for a custom resource are the CRD's printer columns. The mock
 * answers with plain objects, and kubectl would then show names only.
 */
final class ServerTables {

    /** {@code /api/v1/...} or {@code /apis/<group>/<version>/...}, optionally namespaced, optionally named. */
    private static final Pattern RESOURCE = Pattern.compile(
            "/(?:api/(?<coreVersion>v1)|apis/(?<group>[^/]+)/(?<version>[^/]+))"
                    + "(?:/namespaces/(?<namespace>[^/]+))?/(?<plural>[^/]+)(?:/(?<name>[^/]+))?/?");

    private final Discovery discovery;
    private final Function<String, MockResponse> store;
    private final Clock clock;

    /** @param store the store's answer to a GET of a path */
    ServerTables(Discovery discovery, Function<String, MockResponse> store, Clock clock) {
        this.discovery = discovery;
        this.store = store;
        this.clock = clock;
    }

    /** A GET that asks for a table; not a watch, which this server streams as objects only. */
    static boolean wanted(RecordedRequest request) {
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains("as=Table") && !request.getPath().contains("watch=true");
    }

    /**
     * The table for a GET of {@code fullPath} (with its query string), or the store's failure; empty
     * when the path names no resource type the server knows.
     */
    Optional<MockResponse> answer(String fullPath) {
        int query = fullPath.indexOf('?');
        Matcher m = RESOURCE.matcher(query < 0 ? fullPath : fullPath.substring(0, query));
        if (!m.matches()) {
            return Optional.empty();
        }
        boolean core = m.group("coreVersion") != null;
        Optional<ApiResource> resource = discovery.resource(core ? "" : m.group("group"),
                core ? "v1" : m.group("version"), m.group("plural"));
        if (resource.isEmpty()) {
            return Optional.empty();
        }
        MockResponse plain = store.apply(fullPath);
        if (plain.code() != 200) {
            return Optional.of(plain);
        }
        JsonNode body = Json.read(plain.getBody().readUtf8());
        List<JsonNode> objects = new ArrayList<>();
        if (m.group("name") == null && body.has("items")) {
            body.get("items").forEach(objects::add);
        } else {
            objects.add(body);
        }
        return Optional.of(Json.response(200, table(resource.get(), objects, body.path("metadata"))));
    }

    /** {@code listMetadata}: the list's resourceVersion, and its continuation when kubectl asked for a chunk. */
    private ObjectNode table(ApiResource resource, List<JsonNode> objects, JsonNode listMetadata) {
        List<CustomResourceColumnDefinition> columns = new ArrayList<>(resource.printerColumns());
        if (columns.isEmpty()) {
            // What the API server shows for a kind without columns of its own.
            columns.add(column("Age", "date", ".metadata.creationTimestamp"));
        }
        ObjectNode table = Json.typed("Table", "meta.k8s.io/v1");
        ObjectNode metadata = table.putObject("metadata").put("resourceVersion", listMetadata.path("resourceVersion").asText(""));
        for (String chunking : List.of("continue", "remainingItemCount")) {
            if (listMetadata.has(chunking)) {
                metadata.set(chunking, listMetadata.get(chunking));
            }
        }
        ArrayNode definitions = table.putArray("columnDefinitions");
        definitions.addObject().put("name", "Name").put("type", "string").put("format", "name")
                .put("description", "Name must be unique within a namespace.").put("priority", 0);
        for (CustomResourceColumnDefinition c : columns) {
            definitions.addObject().put("name", c.getName()).put("type", c.getType())
                    .put("format", c.getFormat() == null ? "" : c.getFormat())
                    .put("description", c.getDescription() == null ? "" : c.getDescription())
                    .put("priority", c.getPriority() == null ? 0 : c.getPriority());
        }
        ArrayNode rows = table.putArray("rows");
        for (JsonNode object : objects) {
            rows.add(row(columns, object));
        }
        return table;
    }

    private ObjectNode row(List<CustomResourceColumnDefinition> columns, JsonNode object) {
        ObjectNode row = JsonNodeFactory.instance.objectNode();
        ArrayNode cells = row.putArray("cells");
        cells.add(object.path("metadata").path("name").asText());
        for (CustomResourceColumnDefinition c : columns) {
            cells.add(cell(c, object));
        }
        ObjectNode partial = row.putObject("object");
        partial.put("kind", "PartialObjectMetadata").put("apiVersion", "meta.k8s.io/v1");
        partial.set("metadata", object.path("metadata").deepCopy());
        return row;
    }

    private JsonNode cell(CustomResourceColumnDefinition column, JsonNode object) {
        List<JsonNode> results;
        try {
            results = PrinterColumnPath.parse(column.getJsonPath()).evaluate(object);
        } catch (IllegalArgumentException e) {
            return JsonNodeFactory.instance.nullNode();
        }
        if (results.isEmpty()) {
            return JsonNodeFactory.instance.nullNode();
        }
        JsonNode value = results.get(0);
        switch (column.getType()) {
            case "date":
                try {
                    Instant at = Instant.parse(value.asText());
                    return JsonNodeFactory.instance.textNode(HumanDuration.format(Duration.between(at, clock.instant())));
                } catch (DateTimeParseException e) {
                    return JsonNodeFactory.instance.textNode("<invalid>");
                }
            case "string":
                return JsonNodeFactory.instance.textNode(value.isValueNode() ? value.asText() : value.toString());
            default:
                return value;
        }
    }

    private static CustomResourceColumnDefinition column(String name, String type, String jsonPath) {
        CustomResourceColumnDefinition c = new CustomResourceColumnDefinition();
        c.setName(name);
        c.setType(type);
        c.setJsonPath(jsonPath);
        return c;
    }
}
