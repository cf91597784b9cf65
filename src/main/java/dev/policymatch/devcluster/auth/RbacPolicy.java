package dev.policymatch.devcluster.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Roles, ClusterRoles, RoleBindings and ClusterRoleBindings of a cluster at one moment, and the
 * rules they give a user in a namespace. Resolution follows Kubernetes' {@code DefaultRuleResolver}
 * ({@code pkg/registry/rbac/validation/rule.go}): first every ClusterRoleBinding that names the user,
 * one of its groups or its service account, then the RoleBindings of the namespace; a binding whose
 * role does not exist contributes an error instead of rules. Immutable.
 */
public final class RbacPolicy {

    /** Where a rule came from, worded as kube-apiserver words it in an allowed decision's reason. */
    public interface RuleVisitor {
        /** @return false to stop visiting */
        boolean visit(String source, PolicyRule rule);

        /** A binding whose role could not be found. */
        void error(String message);
    }

    record Subject(String kind, String name, String namespace) {
    }

    record Binding(String name, String namespace, String roleKind, String roleName, List<Subject> subjects) {
    }

    public static final RbacPolicy EMPTY = new RbacPolicy(Map.of(), Map.of(), List.of(), Map.of());

    private final Map<String, List<PolicyRule>> clusterRoles;
    /** {@code namespace/name} → rules. */
    private final Map<String, List<PolicyRule>> roles;
    private final List<Binding> clusterRoleBindings;
    private final Map<String, List<Binding>> roleBindingsByNamespace;

    private RbacPolicy(Map<String, List<PolicyRule>> clusterRoles, Map<String, List<PolicyRule>> roles,
            List<Binding> clusterRoleBindings, Map<String, List<Binding>> roleBindingsByNamespace) {
        this.clusterRoles = clusterRoles;
        this.roles = roles;
        this.clusterRoleBindings = clusterRoleBindings;
        this.roleBindingsByNamespace = roleBindingsByNamespace;
    }

    /** From the {@code items} of the four kinds' lists, as the API server returns them. */
    public static RbacPolicy of(JsonNode clusterRoles, JsonNode roles, JsonNode clusterRoleBindings,
            JsonNode roleBindings) {
        Map<String, List<PolicyRule>> clusterRoleRules = new HashMap<>();
        clusterRoles.forEach(role -> clusterRoleRules.put(name(role), rules(role)));
        Map<String, List<PolicyRule>> roleRules = new HashMap<>();
        roles.forEach(role -> roleRules.put(namespace(role) + "/" + name(role), rules(role)));
        List<Binding> clusterBindings = new ArrayList<>();
        clusterRoleBindings.forEach(binding -> clusterBindings.add(binding(binding)));
        Map<String, List<Binding>> bindingsByNamespace = new HashMap<>();
        roleBindings.forEach(binding -> bindingsByNamespace.computeIfAbsent(namespace(binding), n -> new ArrayList<>())
                .add(binding(binding)));
        return new RbacPolicy(Map.copyOf(clusterRoleRules), Map.copyOf(roleRules), List.copyOf(clusterBindings),
                Map.copyOf(bindingsByNamespace));
    }

    /**
     * Visits every rule that applies to {@code user} in {@code namespace} (cluster-wide rules only
     * when the namespace is empty), with its source, until the visitor says stop.
     */
    public void visitRulesFor(User user, String namespace, RuleVisitor visitor) {
        for (Binding binding : clusterRoleBindings) {
            if (!visitBinding(user, binding, "", visitor)) {
                return;
            }
        }
        if (namespace.isEmpty()) {
            return;
        }
        for (Binding binding : roleBindingsByNamespace.getOrDefault(namespace, List.of())) {
            if (!visitBinding(user, binding, namespace, visitor)) {
                return;
            }
        }
    }

    private boolean visitBinding(User user, Binding binding, String namespace, RuleVisitor visitor) {
        Subject subject = binding.subjects().stream().filter(s -> appliesTo(user, s, namespace)).findFirst()
                .orElse(null);
        if (subject == null) {
            return true;
        }
        List<PolicyRule> rules = switch (binding.roleKind()) {
            case "ClusterRole" -> clusterRoles.get(binding.roleName());
            case "Role" -> roles.get(namespace + "/" + binding.roleName());
            default -> null;
        };
        if (rules == null) {
            visitor.error(binding.roleKind().toLowerCase() + ".rbac.authorization.k8s.io \"" + binding.roleName()
                    + "\" not found");
            return true;
        }
        String source = describe(binding, subject);
        for (PolicyRule rule : rules) {
            if (!visitor.visit(source, rule)) {
                return false;
            }
        }
        return true;
    }

    /** As {@code appliesToUser}: a service account subject without a namespace means the binding's. */
    private static boolean appliesTo(User user, Subject subject, String bindingNamespace) {
        return switch (subject.kind()) {
            case "User" -> user.name().equals(subject.name());
            case "Group" -> user.groups().contains(subject.name());
            case "ServiceAccount" -> {
                String namespace = subject.namespace().isEmpty() ? bindingNamespace : subject.namespace();
                yield !namespace.isEmpty()
                        && user.name().equals(User.SERVICE_ACCOUNT_PREFIX + namespace + ":" + subject.name());
            }
            default -> false;
        };
    }

    /** {@code ClusterRoleBinding "x" of ClusterRole "y" to ServiceAccount "name/namespace"}. */
    private static String describe(Binding binding, Subject subject) {
        String who = subject.kind().equals("ServiceAccount")
                ? subject.kind() + " \"" + subject.name() + "/"
                        + (subject.namespace().isEmpty() ? binding.namespace() : subject.namespace()) + "\""
                : subject.kind() + " \"" + subject.name() + "\"";
        String bindingName = binding.namespace().isEmpty()
                ? "ClusterRoleBinding \"" + binding.name() + "\""
                : "RoleBinding \"" + binding.name() + "/" + binding.namespace() + "\"";
        return bindingName + " of " + binding.roleKind() + " \"" + binding.roleName() + "\" to " + who;
    }

    private static Binding binding(JsonNode binding) {
        List<Subject> subjects = new ArrayList<>();
        binding.path("subjects").forEach(s -> subjects.add(new Subject(s.path("kind").asText(),
                s.path("name").asText(), s.path("namespace").asText(""))));
        JsonNode roleRef = binding.path("roleRef");
        return new Binding(name(binding), namespace(binding), roleRef.path("kind").asText(),
                roleRef.path("name").asText(), List.copyOf(subjects));
    }

    private static List<PolicyRule> rules(JsonNode role) {
        List<PolicyRule> rules = new ArrayList<>();
        role.path("rules").forEach(rule -> rules.add(PolicyRule.fromJson(rule)));
        return List.copyOf(rules);
    }

    private static String name(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }

    private static String namespace(JsonNode object) {
        return object.path("metadata").path("namespace").asText("");
    }
}
