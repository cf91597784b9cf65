package dev.policymatch.devcluster.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code authorization.k8s.io} reviews, answered from the same rules that authorize requests:
 * SelfSubjectRulesReview (JOSDK's leader election asks it at start-up, {@code kubectl auth can-i
 * --list}), SelfSubjectAccessReview ({@code kubectl auth can-i}), and SubjectAccessReview and
 * LocalSubjectAccessReview for another user.
 */
public final class AccessReviews {

    private static final String API_VERSION = "authorization.k8s.io/v1";
    private final RbacAuthorizer authorizer;

    public AccessReviews(RbacAuthorizer authorizer) {
        this.authorizer = authorizer;
    }

    /**
     * The review of resource type {@code resource} ({@code selfsubjectrulesreviews}, ...) with its
     * status filled in, for a request by {@code requester} in {@code namespace} (local reviews);
     * empty for a resource that is no review.
     */
    public Optional<ObjectNode> answer(String resource, String namespace, JsonNode body, User requester) {
        ObjectNode review = body.isObject() ? ((ObjectNode) body).deepCopy() : JsonNodeFactory.instance.objectNode();
        JsonNode spec = review.path("spec");
        ObjectNode status;
        switch (resource) {
            case "selfsubjectrulesreviews" -> status = rules(requester, spec.path("namespace").asText(""));
            case "selfsubjectaccessreviews" -> status = access(requester, spec, "");
            case "subjectaccessreviews" -> status = access(subject(spec), spec, "");
            case "localsubjectaccessreviews" -> status = access(subject(spec), spec, namespace);
            default -> {
                return Optional.empty();
            }
        }
        review.put("apiVersion", API_VERSION).put("kind", kind(resource));
        if (!review.has("metadata")) {
            review.putObject("metadata");
        }
        review.set("status", status);
        return Optional.of(review);
    }

    private ObjectNode rules(User user, String namespace) {
        RulesReview rules = authorizer.rulesFor(user, namespace);
        ObjectNode status = JsonNodeFactory.instance.objectNode();
        ArrayNode resourceRules = status.putArray("resourceRules");
        rules.resourceRules().forEach(r -> resourceRules.add(r.toJson()));
        ArrayNode nonResourceRules = status.putArray("nonResourceRules");
        rules.nonResourceRules().forEach(r -> nonResourceRules.add(r.toJson()));
        status.put("incomplete", false);
        if (!rules.evaluationError().isEmpty()) {
            status.put("evaluationError", rules.evaluationError());
        }
        return status;
    }

    private ObjectNode access(User user, JsonNode spec, String forcedNamespace) {
        Decision decision = authorizer.check(user, attributes(spec, forcedNamespace));
        ObjectNode status = JsonNodeFactory.instance.objectNode();
        status.put("allowed", decision.allowed());
        if (!decision.reason().isEmpty()) {
            status.put("reason", decision.reason());
        }
        return status;
    }

    private static RequestAttributes attributes(JsonNode spec, String forcedNamespace) {
        JsonNode nonResource = spec.path("nonResourceAttributes");
        if (nonResource.isObject()) {
            return RequestAttributes.nonResource(nonResource.path("verb").asText(), nonResource.path("path").asText());
        }
        JsonNode r = spec.path("resourceAttributes");
        String namespace = forcedNamespace.isEmpty() ? r.path("namespace").asText("") : forcedNamespace;
        return RequestAttributes.resource(r.path("verb").asText(), r.path("group").asText(""),
                r.path("resource").asText(""), r.path("subresource").asText(""), namespace, r.path("name").asText(""));
    }

    private static User subject(JsonNode spec) {
        List<String> groups = new ArrayList<>();
        spec.path("groups").forEach(g -> groups.add(g.asText()));
        return new User(spec.path("user").asText(""), groups);
    }

    private static String kind(String resource) {
        return switch (resource) {
            case "selfsubjectrulesreviews" -> "SelfSubjectRulesReview";
            case "selfsubjectaccessreviews" -> "SelfSubjectAccessReview";
            case "subjectaccessreviews" -> "SubjectAccessReview";
            default -> "LocalSubjectAccessReview";
        };
    }
}
