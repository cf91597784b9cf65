package dev.policymatch.devcluster.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The authorizer on RBAC objects written as YAML; cases from Kubernetes' {@code TestAuthorizer}
 * ({@code plugin/pkg/auth/authorizer/rbac/rbac_test.go}) and the binding rules of
 * {@code pkg/registry/rbac/validation/rule.go}.
 */
class RbacAuthorizerTest {

    private static final ObjectMapper YAML = new YAMLMapper();
    private static final User OPERATOR = User.serviceAccount("policymatch-system", "policymatch-operator");

    private final AuthorizationLog log = new AuthorizationLog();

    private static final String ADMIN_IN_NS1 = """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: admin}
            rules:
            - {verbs: ["*"], apiGroups: ["*"], resources: ["*"]}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: admins, namespace: ns1}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: admin}
            subjects:
            - {kind: User, name: admin}
            - {kind: Group, name: admins}
            """;

    private static final String OPERATOR_ROLES = """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: reader}
            rules:
            - {verbs: [list, watch], apiGroups: [""], resources: [pods]}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: reader}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: reader}
            subjects:
            - {kind: ServiceAccount, name: policymatch-operator, namespace: policymatch-system}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata: {name: leases, namespace: policymatch-system}
            rules:
            - {verbs: [create], apiGroups: [coordination.k8s.io], resources: [leases]}
            - {verbs: [get, patch], apiGroups: [coordination.k8s.io], resources: [leases], resourceNames: [the-lease]}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: leases, namespace: policymatch-system}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: leases}
            subjects:
            - {kind: ServiceAccount, name: policymatch-operator}
            """;

    @Test
    void aRoleBindingToAClusterRoleGrantsItInItsNamespaceOnly() {
        RbacAuthorizer authorizer = authorizer(ADMIN_IN_NS1);
        User admin = new User("admin", List.of());
        User joe = new User("joe", List.of("group1", "admins"));
        assertThat(allowed(authorizer, admin, "get", "", "pods", "ns1")).isTrue();
        assertThat(allowed(authorizer, admin, "watch", "", "pods", "ns1")).isTrue();
        assertThat(allowed(authorizer, joe, "watch", "", "foobar", "ns1")).isTrue();
        assertThat(allowed(authorizer, admin, "get", "", "pods", "ns2")).isFalse();
        assertThat(allowed(authorizer, admin, "get", "", "nodes", "")).isFalse();
        assertThat(allowed(authorizer, new User("jane", List.of("group1")), "get", "", "pods", "ns1")).isFalse();
    }

    @Test
    void aServiceAccountSubjectWithoutNamespaceIsTheBindingsAndTheReasonNamesTheBinding() {
        RbacAuthorizer authorizer = authorizer(OPERATOR_ROLES);
        Decision get = authorizer.authorize(OPERATOR,
                RequestAttributes.resource("get", "coordination.k8s.io", "leases", "", "policymatch-system", "the-lease"));
        assertThat(get).isEqualTo(new Decision(true, "RBAC: allowed by RoleBinding \"leases/policymatch-system\" of "
                + "Role \"leases\" to ServiceAccount \"policymatch-operator/policymatch-system\""));
        Decision list = authorizer.authorize(OPERATOR, RequestAttributes.resource("list", "", "pods", "", "", ""));
        assertThat(list).isEqualTo(new Decision(true, "RBAC: allowed by ClusterRoleBinding \"reader\" of ClusterRole "
                + "\"reader\" to ServiceAccount \"policymatch-operator/policymatch-system\""));
        assertThat(allowed(authorizer, OPERATOR, "get", "coordination.k8s.io", "leases", "other-namespace")).isFalse();
        assertThat(allowed(authorizer, User.serviceAccount("other", "policymatch-operator"), "list", "", "pods", ""))
                .isFalse();
    }

    @Test
    void resourceNamesAllowOnlyRequestsForThatName() {
        RbacAuthorizer authorizer = authorizer(OPERATOR_ROLES);
        assertThat(authorizer.authorize(OPERATOR, RequestAttributes.resource("patch", "coordination.k8s.io", "leases",
                "", "policymatch-system", "the-lease")).allowed()).isTrue();
        assertThat(authorizer.authorize(OPERATOR, RequestAttributes.resource("patch", "coordination.k8s.io", "leases",
                "", "policymatch-system", "another-lease")).allowed()).isFalse();
        assertThat(allowed(authorizer, OPERATOR, "create", "coordination.k8s.io", "leases", "policymatch-system"))
                .isTrue();
        assertThat(allowed(authorizer, OPERATOR, "update", "coordination.k8s.io", "leases", "policymatch-system"))
                .isFalse();
    }

    @Test
    void aBindingToARoleThatDoesNotExistGrantsNothingAndSaysSo() {
        RbacAuthorizer authorizer = authorizer(OPERATOR_ROLES + """
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRoleBinding
                metadata: {name: dangling}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: gone}
                subjects:
                - {kind: ServiceAccount, name: policymatch-operator, namespace: policymatch-system}
                """);
        assertThat(authorizer.authorize(OPERATOR, RequestAttributes.resource("delete", "", "pods", "", "x", "p")))
                .isEqualTo(new Decision(false, "RBAC: clusterrole.rbac.authorization.k8s.io \"gone\" not found"));
        assertThat(allowed(authorizer, OPERATOR, "list", "", "pods", "")).isTrue();
    }

    @Test
    void systemMastersMayDoEverythingWithoutAnyBinding() {
        RbacAuthorizer authorizer = authorizer("");
        assertThat(authorizer.authorize(User.ADMIN, RequestAttributes.resource("delete", "", "secrets", "", "x", "y")))
                .isEqualTo(new Decision(true, ""));
        assertThat(authorizer.rulesFor(User.ADMIN, "x").resourceRules())
                .containsExactly(PolicyRule.resources(List.of("*"), List.of("*"), List.of("*")));
    }

    @Test
    void rulesForAUserAreTheClusterWideOnesAndThoseOfTheNamespace() {
        RbacAuthorizer authorizer = authorizer(OPERATOR_ROLES + "---\n" + bootstrap());
        RulesReview inOwnNamespace = authorizer.rulesFor(OPERATOR, "policymatch-system");
        assertThat(inOwnNamespace.resourceRules()).extracting(PolicyRule::resources).contains(List.of("pods"),
                List.of("leases"), List.of("selfsubjectaccessreviews", "selfsubjectrulesreviews"));
        assertThat(inOwnNamespace.nonResourceRules()).isNotEmpty().allMatch(r -> r.resources().isEmpty());
        assertThat(authorizer.rulesFor(OPERATOR, "elsewhere").resourceRules()).extracting(PolicyRule::resources)
                .doesNotContain(List.of("leases"));
        assertThat(inOwnNamespace.evaluationError()).isEmpty();
    }

    @Test
    void theLogRecordsRequestsOfUnprivilegedUsersButNotReviewQuestions() {
        RbacAuthorizer authorizer = authorizer(OPERATOR_ROLES);
        RequestAttributes list = RequestAttributes.resource("list", "", "pods", "", "", "");
        RequestAttributes delete = RequestAttributes.resource("delete", "", "pods", "", "x", "p");
        authorizer.authorize(OPERATOR, list);
        authorizer.authorize(OPERATOR, delete);
        authorizer.authorize(User.ADMIN, delete);
        authorizer.check(OPERATOR, RequestAttributes.resource("get", "", "secrets", "", "x", "s"));
        assertThat(log.allowed(OPERATOR.name())).isEqualTo(Set.of(list));
        assertThat(log.denied(OPERATOR.name())).isEqualTo(Set.of(delete));
        assertThat(log.allowed(User.ADMIN.name())).isEmpty();
    }

    private static boolean allowed(RbacAuthorizer authorizer, User user, String verb, String group, String resource,
            String namespace) {
        return authorizer.check(user, RequestAttributes.resource(verb, group, resource, "", namespace, "")).allowed();
    }

    private RbacAuthorizer authorizer(String yaml) {
        List<JsonNode> documents = documents(yaml);
        RbacPolicy policy = RbacPolicy.of(ofKind(documents, "ClusterRole"), ofKind(documents, "Role"),
                ofKind(documents, "ClusterRoleBinding"), ofKind(documents, "RoleBinding"));
        return new RbacAuthorizer(() -> policy, log);
    }

    private static String bootstrap() {
        StringBuilder yaml = new StringBuilder();
        for (var object : BootstrapPolicy.objects()) {
            yaml.append(io.fabric8.kubernetes.client.utils.Serialization.asYaml(object)).append("\n");
        }
        return yaml.toString();
    }

    static List<JsonNode> documents(String yaml) {
        try (var parser = new YAMLFactory().createParser(yaml)) {
            List<JsonNode> documents = new ArrayList<>();
            YAML.readValues(parser, JsonNode.class).forEachRemaining(d -> {
                if (d != null && d.isObject()) {
                    documents.add(d);
                }
            });
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ArrayNode ofKind(List<JsonNode> documents, String kind) {
        ArrayNode items = YAML.createArrayNode();
        documents.stream().filter(d -> d.path("kind").asText().equals(kind)).forEach(items::add);
        return items;
    }
}
