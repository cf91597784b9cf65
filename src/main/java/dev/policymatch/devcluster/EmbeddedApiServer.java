package dev.policymatch.devcluster;

import dev.policymatch.devcluster.auth.AuthorizationLog;
import dev.policymatch.devcluster.auth.BootstrapPolicy;
import dev.policymatch.kube.KubernetesClientFactory;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process Kubernetes API server: Fabric8's mock server in CRUD mode on 127.0.0.1, with
 * discovery and server-side tables so that the real {@code kubectl} works against it (see
 * {@link EmbeddedApiDispatcher}). Requests with a service account's token ({@link #createToken}) are
 * authorized by Kubernetes RBAC against the Roles and bindings stored in it (the default ClusterRoles
 * of a real server are there from the start); requests without credentials may do everything. It
 * keeps everything in memory, runs no controllers (no garbage collector, no namespace lifecycle)
 * and checks no schemas: it is for trying PolicyMatch out and for tests, not for production.
 *
 * <pre>{@code
 * try (var server = EmbeddedApiServer.start(0)) {
 *     server.installCrds(Path.of("crds"));
 *     server.apply("policymatch-system", Path.of("examples"));
 *     server.writeKubeconfig(Path.of("target/embedded/kubeconfig"));
 *     KubernetesClient client = server.client();
 * }
 * }</pre>
 */
public final class EmbeddedApiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedApiServer.class);
    public static final String HOST = "127.0.0.1";
    public static final String CONTEXT_NAME = "policymatch-embedded";

    /** Held so that the level set on it stays set (java.util.logging keeps loggers weakly). */
    private static final java.util.logging.Logger MOCK_REQUEST_LOG =
            java.util.logging.Logger.getLogger(MockWebServer.class.getName());

    private final KubernetesMockServer server;
    private final EmbeddedApiDispatcher dispatcher;
    private final KubernetesClient client;
    private final Thread requestLogDrain;
    private volatile boolean closed;

    private EmbeddedApiServer(KubernetesMockServer server, MockWebServer webServer, EmbeddedApiDispatcher dispatcher,
            KubernetesClientFactory clients) {
        this.server = server;
        this.dispatcher = dispatcher;
        this.client = clients.forMasterUrl(url(), "default");
        // The mock records every request in an unbounded queue for tests that inspect them; a server
        // that runs for long would grow without end, so take them off as they come.
        this.requestLogDrain = new Thread(() -> {
            while (!closed) {
                try {
                    webServer.takeRequest(1, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }, "embedded-api-request-drain");
        requestLogDrain.setDaemon(true);
        requestLogDrain.start();
        ensureNamespace("default");
        BootstrapPolicy.objects().forEach(o -> client.resource(o).createOr(NonDeletingOperation::update));
    }

    /**
     * A bearer token for the service account, as the TokenRequest API issues one for a pod: a client
     * that sends it ({@link KubernetesClientFactory#forMasterUrl(String, String, String)}) is
     * {@code system:serviceaccount:<namespace>:<name>} and may do what the RBAC objects in the store
     * allow it. Requests without a token may do everything.
     *
     * @throws IllegalArgumentException when the service account does not exist
     */
    public String createToken(String namespace, String serviceAccount) {
        if (client.serviceAccounts().inNamespace(namespace).withName(serviceAccount).get() == null) {
            throw new IllegalArgumentException(
                    "serviceaccounts \"" + serviceAccount + "\" not found in namespace " + namespace);
        }
        return dispatcher.tokens().issue(namespace, serviceAccount);
    }

    /** Every request a service account (or other unprivileged user) made, allowed or refused. */
    public AuthorizationLog authorizations() {
        return dispatcher.authorizations();
    }

    /**
     * Creates the namespace unless it exists. The mock, unlike a real server, accepts objects in a
     * namespace that does not exist; this keeps {@code kubectl get ns} truthful.
     */
    public void ensureNamespace(String name) {
        if (client.namespaces().withName(name).get() == null) {
            client.resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
                    .createOr(NonDeletingOperation::update);
        }
    }

    /** Starts on {@code port} of 127.0.0.1 (0: a free port) with default client timeouts. */
    public static EmbeddedApiServer start(int port) {
        return start(port, KubernetesClientFactory.withDefaultTimeouts());
    }

    public static EmbeddedApiServer start(int port, KubernetesClientFactory clients) {
        return start(port, clients, RequestInterceptor.NONE);
    }

    /** With an interceptor that sees every request first (tests: faults and request counts). */
    public static EmbeddedApiServer start(int port, KubernetesClientFactory clients, RequestInterceptor interceptor) {
        // The mock logs every request at INFO; that drowns the operator's own log.
        MOCK_REQUEST_LOG.setLevel(java.util.logging.Level.WARNING);
        EmbeddedApiDispatcher dispatcher = new EmbeddedApiDispatcher(Clock.systemUTC(), interceptor);
        MockWebServer webServer = new MockWebServer();
        KubernetesMockServer server = new KubernetesMockServer(new Context(), webServer, new HashMap<>(), dispatcher,
                false);
        try {
            server.init(InetAddress.getByName(HOST), port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        dispatcher.discovery().serverAddress(HOST + ":" + server.getPort());
        LOG.info("Embedded API server listening on http://{}:{} (in memory, for trying PolicyMatch out; "
                + "not for production)", HOST, server.getPort());
        return new EmbeddedApiServer(server, webServer, dispatcher, clients);
    }

    public int port() {
        return server.getPort();
    }

    public String url() {
        return "http://" + HOST + ":" + server.getPort();
    }

    /** A client owned by this server (closed with it); default namespace {@code default}. */
    public KubernetesClient client() {
        return client;
    }

    /**
     * Installs every CustomResourceDefinition in the given YAML files and directories (recursively,
     * in path order), creating or replacing each.
     *
     * @throws IllegalArgumentException if a document is not a CRD
     */
    public List<CustomResourceDefinition> installCrds(Path... filesOrDirs) {
        List<CustomResourceDefinition> installed = new ArrayList<>();
        for (HasMetadata item : load(filesOrDirs)) {
            if (!(item instanceof CustomResourceDefinition crd)) {
                throw new IllegalArgumentException("not a CustomResourceDefinition: " + describe(item));
            }
            installed.add(client.resource(crd).createOr(NonDeletingOperation::update));
        }
        return installed;
    }

    /**
     * Creates or replaces every object in the given YAML files and directories (recursively, in path
     * order). Namespaced objects without a namespace go to {@code defaultNamespace}; namespaces they
     * use are created. Kinds are the built-in ones and those of the installed CRDs: install the CRDs first.
     */
    public List<HasMetadata> apply(String defaultNamespace, Path... filesOrDirs) {
        List<HasMetadata> applied = new ArrayList<>();
        List<ApiResource> known = dispatcher.discovery().resources();
        for (HasMetadata item : load(filesOrDirs)) {
            ApiResource type = known.stream()
                    .filter(r -> r.groupVersion().equals(item.getApiVersion()) && r.kind().equals(item.getKind()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(
                            "the embedded API server has no resource type for " + describe(item)
                                    + " (install its CRD first)"));
            if (type.namespaced() && item.getMetadata().getNamespace() == null) {
                item.getMetadata().setNamespace(defaultNamespace);
            }
            if (type.namespaced()) {
                ensureNamespace(item.getMetadata().getNamespace());
            } else {
                item.getMetadata().setNamespace(null);
            }
            if (item instanceof GenericKubernetesResource generic) {
                ResourceDefinitionContext context = new ResourceDefinitionContext.Builder()
                        .withGroup(type.group()).withVersion(type.version()).withKind(type.kind())
                        .withPlural(type.plural()).withNamespaced(type.namespaced()).build();
                var operation = client.genericKubernetesResources(context);
                applied.add(type.namespaced()
                        ? operation.inNamespace(generic.getMetadata().getNamespace()).resource(generic)
                                .createOr(NonDeletingOperation::update)
                        : operation.resource(generic).createOr(NonDeletingOperation::update));
            } else {
                applied.add(client.resource(item).createOr(NonDeletingOperation::update));
            }
        }
        return applied;
    }

    /**
     * Writes a kubeconfig whose current context points at this server, creating parent directories,
     * so that {@code kubectl --kubeconfig FILE ...} talks to it.
     */
    public Path writeKubeconfig(Path file, String namespace) {
        String yaml = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: %1$s
                  cluster:
                    server: %2$s
                users:
                - name: %1$s
                  user: {}
                contexts:
                - name: %1$s
                  context:
                    cluster: %1$s
                    user: %1$s
                    namespace: %3$s
                current-context: %1$s
                """.formatted(CONTEXT_NAME, url(), namespace);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write kubeconfig " + file, e);
        }
        return file;
    }

    private List<HasMetadata> load(Path... filesOrDirs) {
        List<HasMetadata> items = new ArrayList<>();
        for (Path file : yamlFiles(filesOrDirs)) {
            try (InputStream in = Files.newInputStream(file)) {
                items.addAll(client.load(in).items());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return items;
    }

    static List<Path> yamlFiles(Path... filesOrDirs) {
        List<Path> files = new ArrayList<>();
        for (Path path : filesOrDirs) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    walk.filter(Files::isRegularFile)
                            .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                            .sorted()
                            .forEach(files::add);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list " + path, e);
                }
            } else if (Files.isRegularFile(path)) {
                files.add(path);
            } else {
                throw new IllegalArgumentException("no such file or directory: " + path);
            }
        }
        return files;
    }

    private static String describe(HasMetadata item) {
        return item.getApiVersion() + " " + item.getKind() + " " + item.getMetadata().getName();
    }

    @Override
    public void close() {
        closed = true;
        client.close();
        server.destroy();
        requestLogDrain.interrupt();
    }
}
