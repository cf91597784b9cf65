package dev.policymatch.devcluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.policymatch.devcluster.auth.RequestAttributes;
import dev.policymatch.devcluster.auth.User;
import dev.policymatch.kube.KubernetesClientFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRule;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Authentication and RBAC on the embedded server, as a client sees them: a service account's token,
 * the Roles in the store, 401 and 403 as kube-apiserver sends them, access reviews and impersonation.
 */
class AccessControlIT {

    static final String NAMESPACE = "team";
    static final User READER = User.serviceAccount(NAMESPACE, "reader");
    static final String RBAC = """
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: reader, namespace: team}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata: {name: configmap-reader, namespace: team}
            rules:
            - {apiGroups: [""], resources: [configmaps], verbs: [list, watch]}
            - {apiGroups: [""], resources: [configmaps], verbs: [get], resourceNames: [public]}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: configmap-reader, namespace: team}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: configmap-reader}
            subjects:
            - {kind: ServiceAccount, name: reader, namespace: team}
            """;

    private final KubernetesClientFactory clients = new KubernetesClientFactory(Duration.ofSeconds(10),
            Duration.ofSeconds(5));
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private EmbeddedApiServer server;
    private KubernetesClient admin;
    private KubernetesClient reader;
    private String token;

    @BeforeEach
    void start() {
        server = EmbeddedApiServer.start(0, clients);
        admin = server.client();
        server.ensureNamespace(NAMESPACE);
        admin.load(new ByteArrayInputStream(RBAC.getBytes(StandardCharsets.UTF_8))).createOrReplace();
        for (String name : List.of("public", "private")) {
            admin.configMaps().inNamespace(NAMESPACE).resource(new ConfigMapBuilder().withNewMetadata().withName(name)
                    .endMetadata().addToData("k", name).build()).create();
        }
        token = server.createToken(NAMESPACE, "reader");
        reader = clients.forMasterUrl(server.url(), NAMESPACE, token);
    }

    @AfterEach
    void stop() {
        reader.close();
        server.close();
    }

    @Test
    void aServiceAccountMayDoWhatItsRoleGrantsAndNothingElse() {
        assertThat(reader.configMaps().inNamespace(NAMESPACE).list().getItems()).hasSize(2);
        assertThat(reader.configMaps().inNamespace(NAMESPACE).withName("public").get().getData()).containsEntry("k",
                "public");
        assertThatThrownBy(() -> reader.configMaps().inNamespace(NAMESPACE).withName("private").get())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(403);
                    assertThat(e.getStatus().getReason()).isEqualTo("Forbidden");
                    assertThat(e.getStatus().getMessage()).isEqualTo("configmaps \"private\" is forbidden: User "
                            + "\"system:serviceaccount:team:reader\" cannot get resource \"configmaps\" in API group "
                            + "\"\" in the namespace \"team\"");
                    assertThat(e.getStatus().getDetails().getName()).isEqualTo("private");
                    assertThat(e.getStatus().getDetails().getKind()).isEqualTo("configmaps");
                });
        assertThatThrownBy(() -> reader.configMaps().inNamespace("default").list())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
        assertThatThrownBy(() -> reader.configMaps().inNamespace(NAMESPACE).withName("public")
                .edit(c -> new ConfigMapBuilder(c).addToData("k", "changed").build()))
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
        assertThat(admin.configMaps().inNamespace(NAMESPACE).withName("public").get().getData()).containsEntry("k",
                "public");
        assertThat(server.authorizations().denied(READER.name())).contains(
                RequestAttributes.resource("get", "", "configmaps", "", NAMESPACE, "private"),
                RequestAttributes.resource("list", "", "configmaps", "", "default", ""));
        assertThat(server.authorizations().allowed(READER.name())).contains(
                RequestAttributes.resource("list", "", "configmaps", "", NAMESPACE, ""));
    }

    @Test
    void watchesAreAuthorizedToo() {
        SharedIndexInformer<ConfigMap> informer = reader.configMaps().inNamespace(NAMESPACE).inform();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> informer.getStore().list().size() == 2);
            admin.configMaps().inNamespace(NAMESPACE).resource(new ConfigMapBuilder().withNewMetadata()
                    .withName("third").endMetadata().build()).create();
            await().atMost(Duration.ofSeconds(10)).until(() -> informer.getStore().list().size() == 3);
        } finally {
            informer.close();
        }
        assertThat(server.authorizations().allowed(READER.name()))
                .contains(RequestAttributes.resource("watch", "", "configmaps", "", NAMESPACE, ""));
    }

    @Test
    void aRoleChangedInTheStoreTakesEffectAtOnce() {
        assertThatThrownBy(() -> reader.configMaps().inNamespace(NAMESPACE).withName("private").get())
                .isInstanceOf(KubernetesClientException.class);
        admin.rbac().roles().inNamespace(NAMESPACE).withName("configmap-reader").edit(role -> {
            role.getRules().get(1).getResourceNames().add("private");
            return role;
        });
        assertThat(reader.configMaps().inNamespace(NAMESPACE).withName("private").get()).isNotNull();
        admin.rbac().roleBindings().inNamespace(NAMESPACE).withName("configmap-reader").delete();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThatThrownBy(() -> reader.configMaps().inNamespace(NAMESPACE).list())
                        .isInstanceOf(KubernetesClientException.class));
    }

    @Test
    void anUnknownTokenIsUnauthorizedAndNoCredentialsMayDoEverything() throws Exception {
        HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(URI.create(server.url()
                + "/api/v1/namespaces/team/configmaps")).header("Authorization", "Bearer not-issued")
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(401);
        JsonNode status = Serialization.jsonMapper().readTree(unknown.body());
        assertThat(status.path("reason").asText()).isEqualTo("Unauthorized");
        assertThat(status.path("message").asText()).isEqualTo("Unauthorized");
        assertThat(admin.rbac().clusterRoles().withName("cluster-admin").get()).isNotNull();
        assertThat(admin.configMaps().inNamespace(NAMESPACE).withName("private").get()).isNotNull();
        assertThatThrownBy(() -> server.createToken(NAMESPACE, "nobody")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rulesAndAccessReviewsAnswerFromTheSameRules() {
        SelfSubjectRulesReview rules = reader.resource(new SelfSubjectRulesReviewBuilder().withNewSpec()
                .withNamespace(NAMESPACE).endSpec().build()).create();
        assertThat(rules.getStatus().getResourceRules()).extracting(ResourceRule::getResources)
                .contains(List.of("configmaps"), List.of("selfsubjectaccessreviews", "selfsubjectrulesreviews"))
                .doesNotContain(List.of("*"));
        assertThat(rules.getStatus().getNonResourceRules()).isNotEmpty();
        assertThat(rules.getStatus().getIncomplete()).isFalse();

        assertThat(review(reader, "get", "configmaps", "public").getStatus().getAllowed()).isTrue();
        SelfSubjectAccessReview denied = review(reader, "get", "configmaps", "private");
        assertThat(denied.getStatus().getAllowed()).isFalse();
        SelfSubjectAccessReview asAdmin = review(admin, "delete", "secrets", "x");
        assertThat(asAdmin.getStatus().getAllowed()).isTrue();
        assertThat(server.authorizations().denied(READER.name())).as("questions are not requests").isEmpty();
    }

    @Test
    void impersonationNeedsPermissionAndThenActsAsTheUser() {
        Config asReader = new ConfigBuilder(Config.empty()).withMasterUrl(server.url()).withNamespace(NAMESPACE)
                .withImpersonateUsername(READER.name()).build();
        try (KubernetesClient impersonating = clients.build(asReader)) {
            assertThat(review(impersonating, "get", "configmaps", "public").getStatus().getAllowed()).isTrue();
            assertThatThrownBy(() -> impersonating.configMaps().inNamespace(NAMESPACE).withName("private").get())
                    .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
        }
        Config readerAsAdmin = new ConfigBuilder(Config.empty()).withMasterUrl(server.url()).withNamespace(NAMESPACE)
                .withOauthToken(token).withImpersonateUsername("jane").build();
        try (KubernetesClient escalating = clients.build(readerAsAdmin)) {
            assertThatThrownBy(() -> escalating.configMaps().inNamespace(NAMESPACE).list())
                    .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getStatus().getMessage())
                            .isEqualTo("users \"jane\" is forbidden: User \"system:serviceaccount:team:reader\" cannot "
                                    + "impersonate resource \"users\" in API group \"\" at the cluster scope"));
        }
    }

    private static SelfSubjectAccessReview review(KubernetesClient client, String verb, String resource, String name) {
        return client.resource(new SelfSubjectAccessReviewBuilder().withNewSpec().withNewResourceAttributes()
                .withNamespace(NAMESPACE).withVerb(verb).withResource(resource).withName(name)
                .endResourceAttributes().endSpec().build()).create();
    }
}
