package dev.policymatch.devcluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;
import java.io.UncheckedIOException;

/** The JSON the server reads and answers with: Fabric8's mapper, as the mock's store uses it. */
final class Json {

    static final ObjectMapper MAPPER = Serialization.jsonMapper();

    private Json() {
    }

    /** An empty object of this {@code kind} and {@code apiVersion}. */
    static ObjectNode typed(String kind, String apiVersion) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("kind", kind).put("apiVersion", apiVersion);
        return node;
    }

    static JsonNode read(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MockResponse response(int code, JsonNode body) {
        try {
            return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json")
                    .setBody(MAPPER.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
