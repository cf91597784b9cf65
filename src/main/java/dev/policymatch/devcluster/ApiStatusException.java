package dev.policymatch.devcluster;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A refusal raised from inside the store (where the mock offers no other way out), answered with
 * its {@code Status} instead of the 500 an unexpected exception gets.
 */
final class ApiStatusException extends RuntimeException {

    private final transient ObjectNode status;

    ApiStatusException(ObjectNode status) {
        super(status.path("message").asText());
        this.status = status;
    }

    int code() {
        return status.path("code").asInt(500);
    }

    ObjectNode status() {
        return status;
    }
}
