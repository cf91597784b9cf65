package dev.policymatch.operator;

import dev.policymatch.operator.http.MetricsAndProbesServer;
import dev.policymatch.operator.inputs.ListPageSize;
import dev.policymatch.operator.reconcile.ReportScope;
import dev.policymatch.source.document.CalicoApiGroup;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How the operator process is to run, as {@code calicoq operator}'s options give it.
 *
 * @param embedded        on the in-process API server with the examples ({@link EmbeddedEstate}), not a cluster
 * @param once            exit once every endpoint has its report, instead of running until stopped
 * @param reportNamespace {@code --report-namespace}, or null (see {@link OperatorConfiguration#reportNamespace})
 * @param metricsPort     port of {@code /metrics}, {@code /healthz} and {@code /readyz}; 0: any free port
 * @param leaderElection  hold the Lease {@link OperatorConfiguration#LEASE_NAME} before reconciling
 * @param kubeconfig      the cluster's kubeconfig, or null: {@code $KUBECONFIG}, {@code ~/.kube/config}, the pod's
 *                        service account
 * @param context         the kubeconfig's context, or null: its current one
 * @param calicoApiGroup  {@code --calico-api-group}; empty: auto (the embedded run then installs
 *                        {@code crd.projectcalico.org/v1})
 * @param reports         {@code --reports}: {@code host,workload}, {@code host}, {@code workload} or {@code none};
 *                        null: the default
 * @param reportNamespaceSelector {@code --report-namespace-selector}, a Calico selector; null or blank: every
 *                        namespace (see {@link ReportScope#parse})
 * @param listPageSize    {@code --list-page-size}: objects per list request of every informer; 0: one unpaginated list
 */
public record OperatorLaunch(boolean embedded, boolean once, String reportNamespace, int metricsPort,
        boolean leaderElection, Path kubeconfig, String context, Optional<CalicoApiGroup> calicoApiGroup,
        String reports, String reportNamespaceSelector, long listPageSize) {

    public static final int DEFAULT_METRICS_PORT = MetricsAndProbesServer.DEFAULT_PORT;

    /**
     * The report scope of the two options.
     *
     * @throws IllegalArgumentException with one line naming the option and its value when it is not valid
     */
    public ReportScope reportScope() {
        return ReportScope.parse(reports, reportNamespaceSelector);
    }

    /** @throws IllegalArgumentException with one line naming the option and its value when it is negative */
    public ListPageSize pageSize() {
        return new ListPageSize(listPageSize);
    }
}
