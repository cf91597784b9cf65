package dev.policymatch.operator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.policymatch.api.PolicyMatchReport;
import dev.policymatch.api.ReportCondition;
import dev.policymatch.devcluster.EmbeddedApiServer;
import dev.policymatch.operator.inputs.CalicoHostEndpointResource;
import dev.policymatch.operator.report.ReportNames;
import dev.policymatch.render.ReportTable;
import dev.policymatch.source.ResourceConverter;
import dev.policymatch.source.document.Conversion;
import dev.policymatch.source.document.ResourceFormatException;
import dev.policymatch.source.document.ResourceKind;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code calicoq operator --embedded}: the in-process API server with the CRDs and the example estate,
 * the operator on it, and, once every HostEndpoint and pod has its report, the reports as a table and the
 * kubectl line to look at them. For trying PolicyMatch out, not for production.
 */
public final class EmbeddedRun {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRun.class);
    public static final Path KUBECONFIG = Path.of("target", "embedded", "kubeconfig");
    /** Applied in this order: the pods need the shop Namespace of {@code cluster/}. */
    public static final List<Path> EXAMPLES = List.of(Path.of("examples", "cluster"), Path.of("examples", "cluster-pods"));
    /** The CRDs, bundled in the jar (see the pom) so that the run works outside the repository too. */
    static final List<String> BUNDLED_CRDS = List.of(
            "crds/policymatch.dev_policymatchreports.yaml",
            "crds/calico/crd.projectcalico.org_globalnetworkpolicies.yaml",
            "crds/calico/crd.projectcalico.org_hostendpoints.yaml",
            "crds/calico/crd.projectcalico.org_networkpolicies.yaml",
            "crds/calico/crd.projectcalico.org_profiles.yaml",
            "crds/calico/crd.projectcalico.org_tiers.yaml",
            "crds/calico/crd.projectcalico.org_workloadendpoints.yaml");

    private EmbeddedRun() {
    }

    /** Installs the CRDs from {@code crds/} in the working directory, else those bundled in the jar. */
    public static void installCrds(EmbeddedApiServer server) {
        Path local = Path.of("crds");
        if (Files.isDirectory(local)) {
            server.installCrds(local);
            return;
        }
        try {
            Path dir = Files.createTempDirectory("policymatch-crds");
            for (String resource : BUNDLED_CRDS) {
                try (InputStream in = EmbeddedRun.class.getClassLoader().getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new IllegalStateException("no crds/ directory here and no bundled " + resource);
                    }
                    Files.copy(in, dir.resolve(Path.of(resource).getFileName()));
                }
            }
            server.installCrds(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits until every HostEndpoint and every pod with a workload endpoint has a Ready report, and no
     * other report of ours is left; returns the reports.
     */
    public static List<PolicyMatchReport> awaitReports(KubernetesClient client, String namespace, Duration timeout)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Set<String> endpoints = expectedReports(client, namespace);
            List<PolicyMatchReport> reports = client.resources(PolicyMatchReport.class).inAnyNamespace()
                    .withLabelSelector(ReportNames.managedSelector()).list().getItems();
            Set<String> ready = reports.stream()
                    .filter(r -> r.getStatus() != null && r.getStatus().condition(ReportCondition.READY) != null)
                    .map(EmbeddedRun::id).collect(Collectors.toSet());
            if (ready.equals(endpoints) && reports.size() == ready.size()) {
                return reports;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("reports did not converge within " + timeout + ": "
                        + ready.size() + " of " + endpoints.size() + " ready");
            }
            Thread.sleep(200);
        }
    }

    /** {@code namespace/name} of the report each endpoint should have. */
    static Set<String> expectedReports(KubernetesClient client, String namespace) {
        Set<String> expected = new HashSet<>();
        client.resources(CalicoHostEndpointResource.class).list().getItems().forEach(e ->
                expected.add(namespace + "/" + ReportNames.forHostEndpoint(e.getMetadata().getName())));
        ResourceConverter converter = new ResourceConverter();
        for (Pod pod : client.pods().inAnyNamespace().list().getItems()) {
            try {
                if (converter.convert(ResourceKind.POD, client.getKubernetesSerialization().convertValue(pod,
                        ObjectNode.class)) instanceof Conversion.Skipped) {
                    continue;
                }
            } catch (ResourceFormatException e) {
                // Reported as invalid: it has a report all the same.
            }
            expected.add(pod.getMetadata().getNamespace() + "/" + ReportNames.forPod(pod.getMetadata().getName()));
        }
        return expected;
    }

    private static String id(PolicyMatchReport report) {
        return report.getMetadata().getNamespace() + "/" + report.getMetadata().getName();
    }

    /** Prints the table and the kubectl line. */
    public static void printReports(PrintWriter out, List<PolicyMatchReport> reports, Path kubeconfig) {
        out.println();
        out.print(ReportTable.render(reports));
        out.println();
        out.println("The reports are in the embedded API server; look at them with:");
        out.println("  kubectl --kubeconfig " + kubeconfig + " get policymatchreports -A");
        out.flush();
        LOG.info("{} reports written", reports.size());
    }
}
