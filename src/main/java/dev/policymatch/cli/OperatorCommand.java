package dev.policymatch.cli;

import dev.policymatch.operator.OperatorLaunch;
import dev.policymatch.operator.OperatorRuntime;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code calicoq operator}: its options as an {@link OperatorLaunch}, run by {@link OperatorRuntime};
 * what it cannot do becomes one line and exit 1.
 */
@Command(name = "operator", mixinStandardHelpOptions = true,
        description = {"Run the PolicyMatch operator: keep a PolicyMatchReport per HostEndpoint and pod up to date, "
                + "warn about invalid HostEndpoints and policies, and serve /metrics, /healthz and /readyz.",
            "The cluster is that of --kubeconfig, else $KUBECONFIG, ~/.kube/config or the pod's service account; "
                + "with none of them it fails (exit 1). A --context the kubeconfig does not have fails too. "
                + "Only --embedded starts an in-memory API server with the examples, for trying PolicyMatch out."})
public final class OperatorCommand extends CalicoqSubcommand {

    @Option(names = "--embedded", description = {"Run on an in-process API server with examples/cluster applied: "
            + "as crd.projectcalico.org/v1 CRDs, or with --calico-api-group projectcalico.org/v3 as Calico 3.32's "
            + "v3 CRDs (crds/calico-v3/; the example Profiles and WorkloadEndpoints are left out, as Calico has no "
            + "CRD for them there)."})
    boolean embedded;

    @Option(names = "--once", description = "Exit 0 once every endpoint in the report scope has its report and no "
            + "other report is left (for scripts and tests).")
    boolean once;

    @Option(names = "--report-namespace", paramLabel = "NS",
            description = "Namespace of the host endpoint reports (default: $POD_NAMESPACE, else policymatch-system).")
    String reportNamespace;

    @Option(names = "--metrics-port", paramLabel = "N", defaultValue = "" + OperatorLaunch.DEFAULT_METRICS_PORT,
            description = "Port of /metrics, /healthz and /readyz (default: ${DEFAULT-VALUE}; 0: any free port).")
    int metricsPort;

    @Option(names = "--leader-election", description = "Hold the Lease policymatch-operator before reconciling.")
    boolean leaderElection;

    @Option(names = "--reports", paramLabel = "KINDS",
            defaultValue = "${env:POLICYMATCH_REPORTS:-host,workload}",
            description = {"Which endpoints get a PolicyMatchReport: host,workload (the default, or "
                    + "$POLICYMATCH_REPORTS), host, workload or none. Every endpoint is still matched and counted in "
                    + "policymatch_endpoints; the reports of the others are deleted."})
    String reports;

    @Option(names = "--report-namespace-selector", paramLabel = "SELECTOR",
            defaultValue = "${env:POLICYMATCH_REPORT_NAMESPACE_SELECTOR:-}",
            description = {"Only pods of the namespaces this Calico selector matches get reports, e.g. "
                    + "\"policymatch-reports == 'on'\"; it sees the Namespace's own labels and projectcalico.org/name "
                    + "(the namespace's name), as a policy's namespaceSelector does. Default: every namespace "
                    + "(or $POLICYMATCH_REPORT_NAMESPACE_SELECTOR). Relabelling a namespace adds or deletes "
                    + "its pods' reports."})
    String reportNamespaceSelector;

    @Option(names = "--list-page-size", paramLabel = "N",
            defaultValue = "${env:POLICYMATCH_LIST_PAGE_SIZE:-500}",
            description = {"Objects per list request when an informer starts or re-lists (default 500, or "
                    + "$POLICYMATCH_LIST_PAGE_SIZE; 0: one unpaginated list). Pages keep the operator's memory flat on "
                    + "large clusters; a real API server serves them from etcd rather than its watch cache."})
    long listPageSize;

    @Override
    protected int execute() throws CliException {
        OperatorLaunch launch = new OperatorLaunch(embedded, once, reportNamespace, metricsPort, leaderElection,
                global().kubeconfig() == null ? null : Path.of(global().kubeconfig()), global().context(),
                global().calicoApiGroup(), reports, reportNamespaceSelector, listPageSize);
        try {
            // A value an option does not take is a usage error (exit 2), as for --calico-api-group or a page size
            // that is not a number, which picocli refuses.
            launch.reportScope();
            launch.pageSize();
        } catch (IllegalArgumentException e) {
            throw new CliException(CliException.USAGE, "operator: " + e.getMessage());
        }
        try {
            OperatorRuntime.run(launch, out());
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CliException.FAILURE;
        } catch (RuntimeException e) {
            throw new CliException(CliException.FAILURE, "operator: " + e.getMessage());
        }
    }
}
