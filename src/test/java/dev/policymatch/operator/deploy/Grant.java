package dev.policymatch.operator.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.policymatch.devcluster.auth.PolicyRule;
import dev.policymatch.devcluster.auth.RequestAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * One verb on one resource (and name, if the rule names one) that a role of deploy/ grants: a rule
 * {@code verbs: [get, list]} on {@code resources: [pods, namespaces]} is four grants. A Role's grants
 * hold in its namespace, a ClusterRole's everywhere (deploy/ binds each to the operator once).
 */
record Grant(String role, String namespace, String verb, String apiGroup, String resource, String resourceName) {

    static List<Grant> all(List<JsonNode> documents) {
        List<Grant> grants = new ArrayList<>();
        for (JsonNode role : documents) {
            String kind = role.path("kind").asText();
            if (!kind.equals("Role") && !kind.equals("ClusterRole")) {
                continue;
            }
            String name = kind + "/" + role.path("metadata").path("name").asText();
            String namespace = kind.equals("Role") ? role.path("metadata").path("namespace").asText() : "";
            for (JsonNode rule : role.path("rules")) {
                PolicyRule parsed = PolicyRule.fromJson(rule);
                List<String> names = parsed.resourceNames().isEmpty() ? List.of("") : parsed.resourceNames();
                for (String verb : parsed.verbs()) {
                    for (String group : parsed.apiGroups()) {
                        for (String resource : parsed.resources()) {
                            for (String resourceName : names) {
                                grants.add(new Grant(name, namespace, verb, group, resource, resourceName));
                            }
                        }
                    }
                }
            }
        }
        return grants;
    }

    /** Whether this grant alone allows the request, by Kubernetes' rule matching. */
    boolean covers(RequestAttributes request) {
        PolicyRule rule = new PolicyRule(List.of(verb), List.of(apiGroup), List.of(resource),
                resourceName.isEmpty() ? List.of() : List.of(resourceName), List.of());
        return rule.allows(request) && (namespace.isEmpty() || namespace.equals(request.namespace()));
    }
}
