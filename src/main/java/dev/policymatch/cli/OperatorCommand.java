package dev.policymatch.cli;

import dev.policymatch.api.PolicyMatchReport;
import dev.policymatch.devcluster.EmbeddedApiServer;
import dev.policymatch.kube.ClusterLookup;
import dev.policymatch.kube.KubernetesClientFactory;
import dev.policymatch.operator.EmbeddedRun;
import dev.policymatch.operator.OperatorConfiguration;
import dev.policymatch.operator.PolicyMatchOperator;
import dev.policymatch.operator.http.MetricsAndProbesServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code calicoq operator}: runs the PolicyMatch operator against the cluster in the kubeconfig, or,
 * with {@code --embedded} only, against an in-process API server loaded with {@code examples/cluster}.
 * With no cluster to be found it fails: a pod without its service-account token must not quietly run
 * on a demo server and look healthy. It only wires; the operator is {@link PolicyMatchOperator}.
 */
@Command(name = "operator", mixinStandardHelpOptions = true,
        description = {"Run the PolicyMatch operator: keep a PolicyMatchReport per HostEndpoint up to date, "
                + "warn about invalid HostEndpoints and policies, and serve /metrics, /healthz and /readyz.",
            "The cluster is that of --kubeconfig, else $KUBECONFIG, ~/.kube/config or the pod's service account; "
                + "with none of them it fails (exit 1). Only --embedded starts an in-memory API server with the "
                + "examples, for trying PolicyMatch out."})
public final class OperatorCommand extends CalicoqSubcommand {

    private static final Logger LOG = LoggerFactory.getLogger(OperatorCommand.class);
    static final Duration CONVERGE_TIMEOUT = Duration.ofMinutes(5);

    @Option(names = "--embedded", description = "Run on an in-process API server with examples/cluster applied.")
    boolean embedded;

    @Option(names = "--once", description = "Exit 0 once every HostEndpoint has its report (for scripts and tests).")
    boolean once;

    @Option(names = "--report-namespace", paramLabel = "NS",
            description = "Namespace of the host endpoint reports (default: $POD_NAMESPACE, else policymatch-system).")
    String reportNamespace;

    @Option(names = "--metrics-port", paramLabel = "N", defaultValue = "8080",
            description = "Port of /metrics, /healthz and /readyz (default: ${DEFAULT-VALUE}; 0: any free port).")
    int metricsPort;

    @Option(names = "--leader-election", description = "Hold the Lease policymatch-operator before reconciling.")
    boolean leaderElection;

    @Override
    protected int execute() throws CliException {
        String namespace = OperatorConfiguration.reportNamespace(reportNamespace, System.getenv());
        PolicyMatchOperator.Settings settings = PolicyMatchOperator.Settings.of(namespace);
        if (leaderElection) {
            settings = settings.withLeaderElection(identity(), !embedded && !once);
        }
        if (!embedded && global().kubeconfig() == null) {
            ClusterLookup lookup = ClusterLookup.ofThisProcess();
            if (!lookup.found()) {
                throw new CliException(CliException.FAILURE, "operator: no cluster found (" + lookup.whereLooked()
                        + "); give --kubeconfig FILE, or --embedded to try PolicyMatch on an in-memory API server");
            }
        }
        try {
            return embedded ? runEmbedded(settings) : runOnCluster(settings);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CliException.FAILURE;
        } catch (RuntimeException e) {
            throw new CliException(CliException.FAILURE, "operator: " + e.getMessage());
        }
    }

    private int runOnCluster(PolicyMatchOperator.Settings settings) throws InterruptedException {
        KubernetesClientFactory clients = KubernetesClientFactory.withDefaultTimeouts();
        KubernetesClient client = global().kubeconfig() != null
                ? clients.fromKubeconfig(Path.of(global().kubeconfig()))
                : clients.build(io.fabric8.kubernetes.client.Config.autoConfigure(global().context()));
        return run(client, settings, false, () -> client.close());
    }

    private int runEmbedded(PolicyMatchOperator.Settings settings) throws InterruptedException {
        LOG.info("Starting the embedded API server: it keeps everything in memory and is for trying "
                + "PolicyMatch out, not for production");
        EmbeddedApiServer server = EmbeddedApiServer.start(0);
        try {
            EmbeddedRun.installCrds(server);
            server.ensureNamespace(settings.reportNamespace());
            // cluster-pods/ after cluster/: its pods live in the shop Namespace that cluster/ creates.
            for (Path examples : EmbeddedRun.EXAMPLES) {
                if (Files.isDirectory(examples)) {
                    server.apply("default", examples);
                    LOG.info("Applied {}", examples);
                } else {
                    LOG.warn("No {} in the working directory: the embedded server starts without it", examples);
                }
            }
            server.writeKubeconfig(EmbeddedRun.KUBECONFIG, settings.reportNamespace());
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return run(server.client(), settings, true, server::close);
    }

    private int run(KubernetesClient client, PolicyMatchOperator.Settings settings, boolean embeddedServer,
            Runnable closeClient) throws InterruptedException {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        PolicyMatchOperator operator = new PolicyMatchOperator(client, registry, settings);
        MetricsAndProbesServer http = startHttp(registry, operator, embeddedServer);
        CountDownLatch stopped = new CountDownLatch(1);
        Runnable shutdown = () -> {
            operator.close();
            http.close();
            closeClient.run();
            stopped.countDown();
        };
        Thread hook = new Thread(() -> {
            LOG.info("Stopping");
            shutdown.run();
        }, "policymatch-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        operator.start();
        LOG.info("Operator started; reports go to namespace {}; metrics and probes on port {}",
                settings.reportNamespace(), http.port());
        if (embeddedServer || once) {
            List<PolicyMatchReport> reports = EmbeddedRun.awaitReports(client, settings.reportNamespace(),
                    CONVERGE_TIMEOUT);
            if (embeddedServer) {
                EmbeddedRun.printReports(out(), reports, EmbeddedRun.KUBECONFIG);
            } else {
                out().println(reports.size() + " reports are current");
                out().flush();
            }
        }
        if (once) {
            Runtime.getRuntime().removeShutdownHook(hook);
            shutdown.run();
            return 0;
        }
        if (embeddedServer) {
            out().println("Running; press Ctrl-C to stop.");
            out().flush();
        }
        stopped.await();
        return 0;
    }

    /**
     * In a pod on every interface: the kubelet's probes and Prometheus come to the pod's IP (deploy/'s
     * NetworkPolicy limits who may). The embedded run is local, like its API server: loopback only.
     */
    private MetricsAndProbesServer startHttp(PrometheusMeterRegistry registry, PolicyMatchOperator operator,
            boolean embeddedServer) {
        try {
            return MetricsAndProbesServer.start(address(embeddedServer, metricsPort), registry, operator::isReady);
        } catch (UncheckedIOException e) {
            if (!embeddedServer) {
                throw e;
            }
            // Trying PolicyMatch out should not fail because something else has 8080.
            LOG.warn("Port {} is taken; serving metrics and probes on a free port instead", metricsPort);
            return MetricsAndProbesServer.start(address(true, 0), registry, operator::isReady);
        }
    }

    private static InetSocketAddress address(boolean loopbackOnly, int port) {
        return loopbackOnly ? new InetSocketAddress(InetAddress.getLoopbackAddress(), port) : new InetSocketAddress(port);
    }

    /** The pod's name in a cluster (its hostname), else a unique name for this process. */
    private static String identity() {
        String pod = System.getenv("POD_NAME");
        if (pod == null || pod.isBlank()) {
            pod = System.getenv("HOSTNAME");
        }
        return pod == null || pod.isBlank() ? "policymatch-" + UUID.randomUUID() : pod;
    }
}
