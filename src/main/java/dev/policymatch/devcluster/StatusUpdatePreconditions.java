package dev.policymatch.devcluster;

import com.fasterxml.jackson.databind.JsonNode;
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

    private static String resourceVersion(String json) {
        if (json == null || json.isBlank()) {
            return "";
        }
        try {
            JsonNode node = Json.MAPPER.readTree(json);
            return node.path("metadata").path("resourceVersion").asText("");
        } catch (IOException e) {
            return "";
        }
    }
}
