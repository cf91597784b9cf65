package dev.policymatch.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.utils.TokenRefreshInterceptor;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KubernetesClientFactoryTest {

    /** Two clusters; the current context is the first. */
    private static final String KUBECONFIG = """
            apiVersion: v1
            kind: Config
            clusters:
            - name: one
              cluster: {server: "https://one.example:6443"}
            - name: two
              cluster: {server: "https://two.example:6443"}
            users:
            - name: me
              user: {token: secret}
            contexts:
            - name: first
              context: {cluster: one, user: me}
            - name: second
              context: {cluster: two, user: me}
            current-context: first
            """;

    @TempDir
    Path dir;

    private Path kubeconfig() throws IOException {
        return Files.writeString(dir.resolve("kubeconfig"), KUBECONFIG);
    }

    @ParameterizedTest(name = "{0}: HTTP/2 disabled {1}")
    @CsvSource({
            "http://127.0.0.1:6443,    true",
            "HTTP://localhost:8080,    true",
            "https://10.0.0.1:6443,    false",
            "https://api.example.com,  false"})
    void plainHttpServersAreSpokenToInHttp11AndTlsOnesKeepHttp2(String masterUrl, boolean http2Disabled) {
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl(masterUrl).build();
        try (KubernetesClient client = KubernetesClientFactory.withDefaultTimeouts().build(config)) {
            assertThat(client.getConfiguration().isHttp2Disable()).isEqualTo(http2Disabled);
            assertThat(client.getConfiguration().getRequestTimeout())
                    .isEqualTo((int) KubernetesClientFactory.DEFAULT_REQUEST_TIMEOUT.toMillis());
        }
    }

    @Test
    void theOperatorsClientUsesTheContextAskedForAndKeepsFabric8sRetries() throws IOException {
        KubernetesClientFactory clients = KubernetesClientFactory.withDefaultTimeouts();
        try (KubernetesClient second = clients.forCluster(kubeconfig(), "second");
                KubernetesClient current = clients.forCluster(kubeconfig(), null);
                KubernetesClient oneShot = clients.oneShot(kubeconfig(), "second")) {
            assertThat(second.getMasterUrl()).hasToString("https://two.example:6443/");
            assertThat(current.getMasterUrl()).hasToString("https://one.example:6443/");
            assertThat(second.getConfiguration().getRequestRetryBackoffLimit()).isPositive();
            assertThat(oneShot.getMasterUrl()).isEqualTo(second.getMasterUrl());
            assertThat(oneShot.getConfiguration().getRequestRetryBackoffLimit()).isZero();
        }
    }

    /** The operator used to ignore --context beside --kubeconfig, and to fall back to the current context. */
    @Test
    void aContextTheKubeconfigDoesNotHaveIsAnErrorNotTheCurrentCluster() throws IOException {
        Path kubeconfig = kubeconfig();
        KubernetesClientFactory clients = KubernetesClientFactory.withDefaultTimeouts();
        assertThatThrownBy(() -> clients.forCluster(kubeconfig, "third"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("no context \"third\" in the kubeconfig");
        assertThatThrownBy(() -> clients.oneShot(kubeconfig, "third"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("no context \"third\" in the kubeconfig");
    }

    /**
     * Fabric8's TokenRefreshInterceptor re-read and re-parsed a kubeconfig without a token before every
     * request once the client was a minute old (7 % of the operator's CPU in a cold start on the embedded
     * server): it notes a refresh only when one found a token. Seen from outside: a token written into a
     * token-less file afterwards was sent; now it is not. A kubeconfig with a token is still refreshed (at most
     * once a minute), so a rotated token is still picked up.
     */
    @ParameterizedTest(name = "user {0}: sends {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {}                 | none
            {token: at-start}  | Bearer written-later
            """)
    void aKubeconfigWithoutTokenIsNotReadAgainForEveryRequest(String user, String expected) throws IOException {
        Path file = Files.writeString(dir.resolve("kubeconfig"), withUser(user));
        try (KubernetesClient client = KubernetesClientFactory.withDefaultTimeouts().forCluster(file, null)) {
            Files.writeString(file, withUser("{token: written-later}"));
            // As the client's own interceptor, a minute after the client was built.
            TokenRefreshInterceptor refresh = new TokenRefreshInterceptor(client.getConfiguration(), Instant.EPOCH,
                    config -> CompletableFuture.completedFuture(null));
            Map<String, String> headers = new HashMap<>();
            BasicBuilder request = new BasicBuilder() {
                @Override
                public BasicBuilder uri(URI uri) {
                    return this;
                }

                @Override
                public BasicBuilder header(String name, String value) {
                    headers.put(name, value);
                    return this;
                }

                @Override
                public BasicBuilder setHeader(String name, String value) {
                    return header(name, value);
                }
            };
            refresh.before(request, null, null);
            assertThat(headers.getOrDefault("Authorization", "none")).isEqualTo(expected);
        }
    }

    private static String withUser(String user) {
        return """
                apiVersion: v1
                kind: Config
                clusters: [{name: c, cluster: {server: "https://one.example:6443"}}]
                users: [{name: u, user: %s}]
                contexts: [{name: x, context: {cluster: c, user: u}}]
                current-context: x
                """.formatted(user);
    }
}
