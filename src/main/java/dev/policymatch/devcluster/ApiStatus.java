package dev.policymatch.devcluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.policymatch.devcluster.auth.RequestAttributes;

/** Kubernetes {@code Status} bodies, as kube-apiserver writes them for a failed request. */
final class ApiStatus {

    private ApiStatus() {
    }

    /** A failure without details; an empty reason is left out, as for kube-apiserver's {@code StatusReasonUnknown}. */
    static ObjectNode of(int code, String reason, String message) {
        ObjectNode status = Json.MAPPER.createObjectNode();
        status.put("kind", "Status").put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", "Failure").put("message", message);
        if (!reason.isEmpty()) {
            status.put("reason", reason);
        }
        status.put("code", code);
        return status;
    }

    /**
     * A status with details naming the object of {@code request}; a 409 is worded as the API
     * server words it ({@code Operation cannot be fulfilled on <resource>.<group> "<name>": ...}).
     */
    static ObjectNode about(int code, String reason, String message, ApiRequest request) {
        ObjectNode status = Json.MAPPER.createObjectNode();
        status.put("kind", "Status").put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", code < 400 ? "Success" : "Failure");
        String text = message;
        if (request != null && !request.resource().isEmpty()) {
            String qualified = request.group().isEmpty() ? request.resource()
                    : request.resource() + "." + request.group();
            if (code == 409) {
                text = "Operation cannot be fulfilled on " + qualified + " \"" + request.name() + "\": " + message;
            }
            ObjectNode details = status.putObject("details");
            if (!request.name().isEmpty()) {
                details.put("name", request.name());
            }
            details.put("group", request.group()).put("kind", request.resource());
        }
        status.put("message", text).put("reason", reason).put("code", code);
        return status;
    }

    /** 409 for a write whose {@code resourceVersion} is not the stored one. */
    static ObjectNode conflict(ApiRequest request) {
        return about(409, "Conflict",
                "the object has been modified; please apply your changes to the latest version and try again", request);
    }

    /** 403 with the details {@code apierrors.NewForbidden} gives (group, resource as kind, name). */
    static ObjectNode forbidden(RequestAttributes request, String message) {
        ObjectNode status = of(403, "Forbidden", message);
        if (request.resourceRequest() && !request.resource().isEmpty()) {
            ObjectNode details = Json.MAPPER.createObjectNode();
            if (!request.name().isEmpty()) {
                details.put("name", request.name());
            }
            details.put("group", request.apiGroup()).put("kind", request.resource());
            status.set("details", details);
        }
        return status;
    }
}
