package dev.policymatch.devcluster;

import java.time.Duration;
import java.util.Objects;

/** What {@link ApiFaults} does to a request that a fault rule matches. */
public sealed interface Fault {

    /**
     * Answers with this HTTP status and a Kubernetes {@code Status} body, without touching the store.
     * On a watch request the WebSocket upgrade is refused with it.
     */
    record Error(int code, String reason, String message) implements Fault {
        public Error {
            Objects.requireNonNull(reason);
            Objects.requireNonNull(message);
        }
    }

    /**
     * Lets the store process the request (a write lands) and holds the answer back this long, as a
     * server that is slow or partitioned from its client: a client whose request timeout is
     * shorter gives up without knowing whether the write happened. Not applied to watches.
     */
    record Delay(Duration delay) implements Fault {
        public Delay {
            if (delay.isNegative()) {
                throw new IllegalArgumentException("negative delay " + delay);
            }
        }
    }

    /** 500 InternalError, as an API server whose etcd call failed. */
    static Fault internalError() {
        return new Error(500, "InternalError", "Internal error occurred: injected by ApiFaults");
    }

    /** 503 ServiceUnavailable. */
    static Fault unavailable() {
        return new Error(503, "ServiceUnavailable", "the server is currently unable to handle the request");
    }

    /**
     * 409 Conflict with the message the API server gives when a write carries a stale
     * {@code resourceVersion} ({@code the object has been modified ...}).
     */
    static Fault conflict() {
        return new Error(409, "Conflict",
                "the object has been modified; please apply your changes to the latest version and try again");
    }

    /** Any status, with Kubernetes' reason for it. */
    static Fault status(int code) {
        return switch (code) {
            case 409 -> conflict();
            case 500 -> internalError();
            case 503 -> unavailable();
            case 410 -> new Error(410, "Expired", "too old resource version");
            case 429 -> new Error(429, "TooManyRequests", "too many requests, please try again later");
            case 504 -> new Error(504, "Timeout", "the server was unable to return a response in the time allotted");
            default -> new Error(code, "InternalError", "injected by ApiFaults");
        };
    }

    static Fault delay(Duration delay) {
        return new Delay(delay);
    }
}
