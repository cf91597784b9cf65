package dev.policymatch.operator;

import dev.policymatch.api.PolicyMatchReport;
import dev.policymatch.kube.ClusterLookup;
import dev.policymatch.kube.KubernetesClientFactory;
import dev.policymatch.operator.http.MetricsAndProbesServer;
import dev.policymatch.render.ReportTable;
import dev.policymatch.source.document.CalicoApiGroup;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator as a process, the one entry point of {@code calicoq operator}: the cluster (or the
 * {@link EmbeddedEstate}), the metrics registry, {@link PolicyMatchOperator}, the HTTP server of
 * metrics and probes, a shutdown hook that stops them, and, for {@code --once} and the embedded run,
 * the wait until every endpoint has its report.
 */
public final class OperatorRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(OperatorRuntime.class);
    private static final Duration CONVERGE_TIMEOUT = Duration.ofMinutes(5);

    private final OperatorLaunch launch;
    private final PrintWriter out;

    private OperatorRuntime(OperatorLaunch launch, PrintWriter out) {
        this.launch = launch;
        this.out = out;
    }

    /**
     * Runs the operator until the JVM shuts down (Ctrl-C, SIGTERM), or with {@code --once} until the
     * reports have converged. {@code out} gets the embedded run's table, or {@code --once}'s count.
     *
     * @throws RuntimeException with a one-line message when it cannot run: no cluster found, a kubeconfig
     *                          it cannot use, a port it cannot listen on, reports that do not converge
     */
    public static void run(OperatorLaunch launch, PrintWriter out) throws InterruptedException {
        new OperatorRuntime(launch, out).run(settings(launch, System.getenv()));
    }

    static PolicyMatchOperator.Settings settings(OperatorLaunch launch, Map<String, String> environment) {
        PolicyMatchOperator.Settings settings = PolicyMatchOperator.Settings.of(
                OperatorConfiguration.reportNamespace(launch.reportNamespace(), environment))
                .withCalicoApiGroup(launch.calicoApiGroup())
                .withReportScope(launch.reportScope())
                .withListPageSize(launch.pageSize());
        // A pod that loses the Lease exits and is restarted; a run that ends by itself must not exit early.
        return launch.leaderElection() ? settings.withLeaderElection(OperatorConfiguration.leaderIdentity(environment),
                !launch.embedded() && !launch.once()) : settings;
    }

    private void run(PolicyMatchOperator.Settings settings) throws InterruptedException {
        if (launch.embedded()) {
            EmbeddedEstate estate = EmbeddedEstate.start(settings.reportNamespace(),
                    launch.calicoApiGroup().orElse(CalicoApiGroup.CRD_V1));
            serve(estate.client(), settings, estate::close);
        } else {
            KubernetesClient client = connect();
            serve(client, settings, client::close);
        }
    }

    /**
     * The cluster of the kubeconfig and context. Without {@code --kubeconfig} and nowhere else to find
     * one, it fails: a pod without its service-account token must not quietly run on a demo server and
     * look healthy.
     */
    private KubernetesClient connect() {
        if (launch.kubeconfig() == null) {
            ClusterLookup lookup = ClusterLookup.ofThisProcess();
            if (!lookup.found()) {
                throw new IllegalStateException("no cluster found (" + lookup.whereLooked()
                        + "); give --kubeconfig FILE, or --embedded to try PolicyMatch on an in-memory API server");
            }
        }
        return KubernetesClientFactory.withDefaultTimeouts().forCluster(launch.kubeconfig(), launch.context());
    }

    private void serve(KubernetesClient client, PolicyMatchOperator.Settings settings, Runnable closeClient)
            throws InterruptedException {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        PolicyMatchOperator operator = new PolicyMatchOperator(client, registry, settings);
        MetricsAndProbesServer http = startHttp(registry, operator);
        Shutdown shutdown = Shutdown.atExit(() -> {
            operator.close();
            http.close();
            closeClient.run();
        });
        operator.start();
        LOG.info("Operator started; reports of {} endpoints; host endpoint reports go to namespace {}; "
                + "metrics and probes on port {}", settings.reportScope().describe(), settings.reportNamespace(),
                http.port());
        if (launch.embedded()) {
            printTable(ReportConvergence.awaitReports(client, operator.calicoApiGroup(), settings.reportNamespace(),
                    settings.reportScope(), settings.listPageSize(), CONVERGE_TIMEOUT));
        } else if (launch.once()) {
            out.println(ReportConvergence.awaitConvergence(client, operator.calicoApiGroup(), settings.reportNamespace(),
                    settings.reportScope(), settings.listPageSize(), CONVERGE_TIMEOUT) + " reports are current");
            out.flush();
        }
        if (launch.once()) {
            shutdown.now();
            return;
        }
        if (launch.embedded()) {
            out.println("Running; press Ctrl-C to stop.");
            out.flush();
        }
        shutdown.await();
    }

    /**
     * In a pod on every interface: the kubelet's probes and Prometheus come to the pod's IP (deploy/'s
     * NetworkPolicy limits who may). The embedded run is local, like its API server: loopback only.
     */
    private MetricsAndProbesServer startHttp(PrometheusMeterRegistry registry, PolicyMatchOperator operator) {
        try {
            return MetricsAndProbesServer.start(address(launch.embedded(), launch.metricsPort()), registry,
                    operator::isReady);
        } catch (UncheckedIOException e) {
            if (!launch.embedded()) {
                throw e;
            }
            // Trying PolicyMatch out should not fail because something else has 8080.
            LOG.warn("Port {} is taken; serving metrics and probes on a free port instead", launch.metricsPort());
            return MetricsAndProbesServer.start(address(true, 0), registry, operator::isReady);
        }
    }

    private static InetSocketAddress address(boolean loopbackOnly, int port) {
        return loopbackOnly ? new InetSocketAddress(InetAddress.getLoopbackAddress(), port)
                : new InetSocketAddress(port);
    }

    /** The embedded run's table of reports and the kubectl line to see them. */
    private void printTable(List<PolicyMatchReport> reports) {
        out.println();
        out.print(ReportTable.render(reports));
        out.println();
        out.println("The reports are in the embedded API server; look at them with:");
        out.println("  kubectl --kubeconfig " + EmbeddedEstate.KUBECONFIG + " get policymatchreports -A");
        LOG.info("{} reports written", reports.size());
        out.flush();
    }

    /** Stops everything once: at JVM shutdown, or {@link #now()}; {@link #await()} returns after either. */
    private static final class Shutdown {
        private final Runnable stop;
        private final Thread hook;
        private final CountDownLatch stopped = new CountDownLatch(1);

        private Shutdown(Runnable stop) {
            this.stop = stop;
            this.hook = new Thread(() -> {
                LOG.info("Stopping");
                stopNow();
            }, "policymatch-shutdown");
        }

        static Shutdown atExit(Runnable stop) {
            Shutdown shutdown = new Shutdown(stop);
            Runtime.getRuntime().addShutdownHook(shutdown.hook);
            return shutdown;
        }

        void now() {
            Runtime.getRuntime().removeShutdownHook(hook);
            stopNow();
        }

        void await() throws InterruptedException {
            stopped.await();
        }

        private void stopNow() {
            stop.run();
            stopped.countDown();
        }
    }
}
