package dev.policymatch.devcluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The two size limits of a real cluster that matter to PolicyMatch's reports:
 * <ul>
 * <li>kube-apiserver reads at most 3 MiB of a request body ({@code MaxRequestBodyBytes},
 * {@code staging/src/k8s.io/apiserver/pkg/server/config.go}) and answers a larger one with 413
 * {@code RequestEntityTooLarge}, "Request entity too large: limit is 3145728";</li>
 * <li>etcd refuses a request over 1.5 MiB (its default {@code --max-request-bytes}), so an object
 * whose stored form is larger cannot be written. kube-apiserver passes etcd's error on as a 500
 * without a reason, "etcdserver: request is too large" (kubernetes/kubernetes#112152 asks for a
 * better code; until then this is what clients see, and Fabric8 retries a 500).</li>
 * </ul>
 * The stored size here is the object's JSON as the store keeps it; etcd also counts the key and its
 * request framing (a few hundred bytes), which this leaves out.
 */
final class SizeLimits {

    static final long MAX_REQUEST_BODY_BYTES = 3L * 1024 * 1024;
    static final long MAX_STORED_OBJECT_BYTES = 3L * 512 * 1024;
    static final String ETCD_REQUEST_TOO_LARGE = "etcdserver: request is too large";

    private SizeLimits() {
    }

    /** The 413 a body of this many bytes gets, if it is over the limit. */
    static Optional<ObjectNode> refuseBody(long bodyBytes) {
        if (bodyBytes <= MAX_REQUEST_BODY_BYTES) {
            return Optional.empty();
        }
        return Optional.of(ApiStatus.of(413, "RequestEntityTooLarge",
                "Request entity too large: limit is " + MAX_REQUEST_BODY_BYTES));
    }

    /** Refuses, as etcd would, to store an object this large. */
    static void checkStored(String object) {
        if (object != null && object.length() * 3L > MAX_STORED_OBJECT_BYTES
                && object.getBytes(StandardCharsets.UTF_8).length > MAX_STORED_OBJECT_BYTES) {
            throw new ApiStatusException(ApiStatus.of(500, "", ETCD_REQUEST_TOO_LARGE));
        }
    }
}
