package dev.policymatch.devcluster.auth;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import java.util.List;

/**
 * The default ClusterRoles and ClusterRoleBindings every kube-apiserver creates at start-up that
 * matter to a client of the embedded server, as in Kubernetes'
 * {@code plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go}: {@code cluster-admin} for
 * {@code system:masters}; {@code system:basic-user} (self access and rules reviews),
 * {@code system:discovery} and {@code system:public-info-viewer} for every authenticated user.
 */
public final class BootstrapPolicy {

    private static final String RBAC_GROUP = "rbac.authorization.k8s.io";
    private static final List<String> HEALTH_AND_VERSION = List.of("/livez", "/readyz", "/healthz", "/version",
            "/version/");

    private BootstrapPolicy() {
    }

    public static List<HasMetadata> objects() {
        return List.of(
                clusterRole("cluster-admin",
                        new PolicyRuleBuilder().withVerbs("*").withApiGroups("*").withResources("*").build(),
                        new PolicyRuleBuilder().withVerbs("*").withNonResourceURLs("*").build()),
                binding("cluster-admin", User.MASTERS),
                clusterRole("system:basic-user",
                        new PolicyRuleBuilder().withVerbs("create").withApiGroups("authorization.k8s.io")
                                .withResources("selfsubjectaccessreviews", "selfsubjectrulesreviews").build(),
                        new PolicyRuleBuilder().withVerbs("create").withApiGroups("authentication.k8s.io")
                                .withResources("selfsubjectreviews").build()),
                binding("system:basic-user", User.AUTHENTICATED),
                clusterRole("system:discovery", new PolicyRuleBuilder().withVerbs("get")
                        .withNonResourceURLs(HEALTH_AND_VERSION)
                        .addToNonResourceURLs("/openapi", "/openapi/*", "/api", "/api/*", "/apis", "/apis/*").build()),
                binding("system:discovery", User.AUTHENTICATED),
                clusterRole("system:public-info-viewer", new PolicyRuleBuilder().withVerbs("get")
                        .withNonResourceURLs(HEALTH_AND_VERSION).build()),
                binding("system:public-info-viewer", User.AUTHENTICATED, "system:unauthenticated"));
    }

    private static ClusterRole clusterRole(String name, io.fabric8.kubernetes.api.model.rbac.PolicyRule... rules) {
        return new ClusterRoleBuilder().withNewMetadata().withName(name)
                .addToLabels("kubernetes.io/bootstrapping", "rbac-defaults").endMetadata()
                .withRules(rules).build();
    }

    private static ClusterRoleBinding binding(String role, String... groups) {
        ClusterRoleBindingBuilder builder = new ClusterRoleBindingBuilder().withNewMetadata().withName(role)
                .addToLabels("kubernetes.io/bootstrapping", "rbac-defaults").endMetadata()
                .withNewRoleRef(RBAC_GROUP, "ClusterRole", role);
        for (String group : groups) {
            builder.addNewSubject().withApiGroup(RBAC_GROUP).withKind("Group").withName(group).endSubject();
        }
        return builder.build();
    }
}
