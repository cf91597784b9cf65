package dev.policymatch.devcluster;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.policymatch.devcluster.ApiRequest.Verb;
import io.fabric8.mockwebserver.http.MockResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Optimistic locking on the status subresource. A real API server refuses an update (PUT) of
 * {@code .../status} whose {@code metadata.resourceVersion} is not the stored one with 409, as it
 * does for the object itself; the Fabric8 mock compares the stored object with itself there and so
 * accepts a stale status update, silently undoing a newer one. The check must run where no other
 * write can come between it and the update: the dispatcher holds its write lock.
 *
 * <p>Every report's first status write passes here, so the two resourceVersions are read by streaming
 * up to {@code metadata.resourceVersion} (near the start: Fabric8 writes metadata before spec and status)
 * rather than by parsing both whole objects: a profile of a 10,000-endpoint cold start put a sixth of
 * the server's time in those two parses.
 */
final class StatusUpdatePreconditions {

    private StatusUpdatePreconditions() {
    }

    /**
     * The 409 for a status update with a stale resourceVersion; empty for any other request, for a
     * body without a resourceVersion (the mock's behaviour) and for an object that does not exist.
     *
     * @param read the store's answer to a GET of a path
     */
    static Optional<MockResponse> check(ApiRequest request, Supplier<String> body,
            Function<String, MockResponse> read) {
        if (request.verb() != Verb.UPDATE || !request.subresource().equals("status")) {
            return Optional.empty();
        }
        String sent = resourceVersion(body.get());
        if (sent.isEmpty()) {
            return Optional.empty();
        }
        MockResponse current = read.apply(request.pathWithoutQuery().replaceFirst("/status/?$", ""));
        if (current.code() != 200) {
            return Optional.empty();
        }
        String stored = resourceVersion(current.getBody().readUtf8());
        return stored.equals(sent) ? Optional.empty()
                : Optional.of(Json.response(409, ApiStatus.conflict(request)));
    }

    /** {@code metadata.resourceVersion} of a JSON object, or "" when there is none or the text is no object. */
    static String resourceVersion(String json) {
        if (json == null || json.isBlank()) {
            return "";
        }
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(json)) {
            return parser.nextToken() == JsonToken.START_OBJECT && fieldObject(parser, "metadata")
                    && fieldValue(parser, "resourceVersion") ? parser.getValueAsString("") : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** Moves to the start of the object {@code name} among the fields of the current object. */
    private static boolean fieldObject(JsonParser parser, String name) throws IOException {
        return fieldValue(parser, name) && parser.currentToken() == JsonToken.START_OBJECT;
    }

    /** Moves to the value of the field {@code name} of the current object, skipping the others whole. */
    private static boolean fieldValue(JsonParser parser, String name) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            boolean wanted = name.equals(parser.currentName());
            parser.nextToken();
            if (wanted) {
                return true;
            }
            parser.skipChildren();
        }
        return false;
    }
}
