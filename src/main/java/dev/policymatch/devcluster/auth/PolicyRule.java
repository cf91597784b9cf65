package dev.policymatch.devcluster.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One rule of a Role or ClusterRole, and whether it allows a request. The matching follows
 * Kubernetes' {@code pkg/apis/rbac/v1/evaluation_helpers.go} and {@code RuleAllows} in
 * {@code plugin/pkg/auth/authorizer/rbac/rbac.go}: {@code *} matches every verb, group, resource
 * and URL; <code>*&#47;status</code> matches the status subresource of every resource; an empty
 * {@code resourceNames} matches every name (and a request without a name, such as a create or a
 * list, only then); a non-resource URL ending in {@code *} matches every path it prefixes.
 */
public record PolicyRule(List<String> verbs, List<String> apiGroups, List<String> resources,
        List<String> resourceNames, List<String> nonResourceURLs) {

    private static final String ALL = "*";

    public PolicyRule {
        verbs = List.copyOf(verbs);
        apiGroups = List.copyOf(apiGroups);
        resources = List.copyOf(resources);
        resourceNames = List.copyOf(resourceNames);
        nonResourceURLs = List.copyOf(nonResourceURLs);
    }

    public static PolicyRule resources(List<String> verbs, List<String> apiGroups, List<String> resources) {
        return new PolicyRule(verbs, apiGroups, resources, List.of(), List.of());
    }

    public static PolicyRule urls(List<String> verbs, List<String> nonResourceURLs) {
        return new PolicyRule(verbs, List.of(), List.of(), List.of(), nonResourceURLs);
    }

    public boolean allows(RequestAttributes request) {
        if (!verbMatches(request.verb())) {
            return false;
        }
        if (!request.resourceRequest()) {
            return nonResourceURLMatches(request.path());
        }
        return apiGroupMatches(request.apiGroup())
                && resourceMatches(request.combinedResource(), request.subresource())
                && resourceNameMatches(request.name());
    }

    private boolean verbMatches(String verb) {
        return verbs.contains(ALL) || verbs.contains(verb);
    }

    private boolean apiGroupMatches(String group) {
        return apiGroups.contains(ALL) || apiGroups.contains(group);
    }

    private boolean resourceMatches(String combinedResource, String subresource) {
        for (String resource : resources) {
            if (resource.equals(ALL) || resource.equals(combinedResource)) {
                return true;
            }
            if (!subresource.isEmpty() && resource.equals("*/" + subresource)) {
                return true;
            }
        }
        return false;
    }

    private boolean resourceNameMatches(String name) {
        return resourceNames.isEmpty() || resourceNames.contains(name);
    }

    private boolean nonResourceURLMatches(String path) {
        for (String url : nonResourceURLs) {
            if (url.equals(ALL) || url.equals(path)) {
                return true;
            }
            if (url.endsWith(ALL) && path.startsWith(url.substring(0, url.length() - 1))) {
                return true;
            }
        }
        return false;
    }

    /** From a rule as a Role's {@code rules[]} stores it (absent lists are empty). */
    public static PolicyRule fromJson(JsonNode rule) {
        return new PolicyRule(texts(rule.path("verbs")), texts(rule.path("apiGroups")), texts(rule.path("resources")),
                texts(rule.path("resourceNames")), texts(rule.path("nonResourceURLs")));
    }

    /** As a SelfSubjectRulesReview's {@code resourceRules[]} or {@code nonResourceRules[]} shows it. */
    ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        put(node, "verbs", verbs);
        put(node, "apiGroups", apiGroups);
        put(node, "resources", resources);
        put(node, "resourceNames", resourceNames);
        put(node, "nonResourceURLs", nonResourceURLs);
        return node;
    }

    private static void put(ObjectNode node, String field, List<String> values) {
        if (!values.isEmpty()) {
            values.forEach(node.putArray(field)::add);
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
