package dev.policymatch.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The one place that builds Fabric8 clients, for the operator, the CLI's cluster reader and tests.
 * Every client gets request and connection timeouts (a request a server never answers would otherwise
 * wait forever) and the JDK HTTP client explicitly, so that no other factory on the classpath is
 * picked at random. A cluster named by kubeconfig and context is found one way for the operator and
 * the CLI: a context the kubeconfig does not have is an error, never another cluster.
 */
public final class KubernetesClientFactory {

    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final Duration requestTimeout;
    private final Duration connectTimeout;

    public KubernetesClientFactory(Duration requestTimeout, Duration connectTimeout) {
        this.requestTimeout = requestTimeout;
        this.connectTimeout = connectTimeout;
    }

    public static KubernetesClientFactory withDefaultTimeouts() {
        return new KubernetesClientFactory(DEFAULT_REQUEST_TIMEOUT, DEFAULT_CONNECT_TIMEOUT);
    }

    /** The current context of a kubeconfig file, as {@link #forCluster} without a context. */
    public KubernetesClient fromKubeconfig(Path kubeconfig) {
        return forCluster(kubeconfig, null);
    }

    /**
     * For a long-running process such as the operator: the kubeconfig file (null: {@code KUBECONFIG},
     * then {@code ~/.kube/config}, then the pod's service account) and its context (null: the current
     * one), with Fabric8's request retries, which carry the process through a short API server outage.
     *
     * @throws IllegalArgumentException when the kubeconfig has no such context
     */
    public KubernetesClient forCluster(Path kubeconfig, String context) {
        return build(config(kubeconfig, context));
    }

    /**
     * For one-shot tools such as {@code calicoq}: as {@link #forCluster}, without request retries, so an
     * unreachable cluster fails at once instead of after Fabric8's exponential backoff.
     *
     * @throws IllegalArgumentException when the kubeconfig has no such context
     */
    public KubernetesClient oneShot(Path kubeconfig, String context) {
        Config config = config(kubeconfig, context);
        config.setRequestRetryBackoffLimit(0);
        return build(config);
    }

    private static Config config(Path kubeconfig, String context) {
        Config config;
        if (kubeconfig == null) {
            config = Config.autoConfigure(context);
        } else {
            try {
                config = Config.fromKubeconfig(context, Files.readString(kubeconfig), kubeconfig.toString());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read kubeconfig " + kubeconfig, e);
            }
        }
        // Fabric8 falls back to the current context when the named one does not exist: that would use
        // another cluster than the one asked for.
        if (context != null && (config.getCurrentContext() == null
                || !context.equals(config.getCurrentContext().getName()))) {
            throw new IllegalArgumentException("no context \"" + context + "\" in the kubeconfig");
        }
        return config;
    }

    /** A client for an unauthenticated server such as the embedded one, with a default namespace. */
    public KubernetesClient forMasterUrl(String masterUrl, String namespace) {
        return build(new ConfigBuilder(Config.empty())
                .withMasterUrl(masterUrl)
                .withNamespace(namespace)
                .withTrustCerts(true)
                .build());
    }

    /** A client that authenticates with a bearer token, such as a service account's on the embedded server. */
    public KubernetesClient forMasterUrl(String masterUrl, String namespace, String bearerToken) {
        return build(new ConfigBuilder(Config.empty())
                .withMasterUrl(masterUrl)
                .withNamespace(namespace)
                .withTrustCerts(true)
                .withOauthToken(bearerToken)
                .build());
    }

    public KubernetesClient build(Config config) {
        config.setRequestTimeout((int) requestTimeout.toMillis());
        config.setConnectionTimeout((int) connectTimeout.toMillis());
        if (isPlainHttp(config)) {
            // On http:// the JDK client asks to upgrade to HTTP/2 (h2c), which no API server offers (they
            // speak HTTP/2 over TLS only) and which the embedded server's Vert.x now and then garbles: the
            // client then reads an HTTP/1.1 answer as an HTTP/2 frame ("Frame type(49) length(3160378)
            // exceeds MAX_FRAME_SIZE") and the informer fails to start. TLS keeps HTTP/2.
            config.setHttp2Disable(true);
        }
        if (hasNoCredentialToRefresh(config)) {
            // Fabric8's TokenRefreshInterceptor re-reads and re-parses the kubeconfig (YAML) before every
            // request while it holds no token: it notes the time of a refresh only when one found a token. With
            // client certificates, or none (the embedded server), that was 7 % of the operator's CPU in a
            // 10,000-endpoint cold start. A provider that has no token either makes the refresh a no-op.
            // A token added to the kubeconfig later is not picked up; restart the process then.
            config.setOauthTokenProvider(() -> null);
        }
        return new KubernetesClientBuilder()
                .withConfig(config)
                .withHttpClientFactory(new JdkHttpClientFactory())
                .build();
    }

    /** No bearer token (static, automatic or from a provider), no basic auth and no auth provider. */
    static boolean hasNoCredentialToRefresh(Config config) {
        return config.getOauthToken() == null && config.getAutoOAuthToken() == null
                && config.getOauthTokenProvider() == null && config.getUsername() == null
                && config.getAuthProvider() == null;
    }

    static boolean isPlainHttp(Config config) {
        String url = config.getMasterUrl();
        return url != null && url.regionMatches(true, 0, "http://", 0, "http://".length());
    }
}
