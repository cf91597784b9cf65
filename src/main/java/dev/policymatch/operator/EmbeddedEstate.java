package dev.policymatch.operator;

import dev.policymatch.devcluster.EmbeddedApiServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code calicoq operator --embedded} runs on: the in-process API server with the CRDs, the report
 * namespace and the example estate, and a kubeconfig for kubectl. For trying PolicyMatch out, not for
 * production. The one class outside {@code devcluster} that uses it.
 */
final class EmbeddedEstate implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedEstate.class);
    static final Path KUBECONFIG = Path.of("target", "embedded", "kubeconfig");
    /** Applied in this order: the pods need the shop Namespace of {@code cluster/}. */
    static final List<Path> EXAMPLES = List.of(Path.of("examples", "cluster"), Path.of("examples", "cluster-pods"));
    /** The CRDs, bundled in the jar (see the pom) so that the run works outside the repository too. */
    static final List<String> BUNDLED_CRDS = List.of(
            "crds/policymatch.dev_policymatchreports.yaml",
            "crds/calico/crd.projectcalico.org_globalnetworkpolicies.yaml",
            "crds/calico/crd.projectcalico.org_hostendpoints.yaml",
            "crds/calico/crd.projectcalico.org_networkpolicies.yaml",
            "crds/calico/crd.projectcalico.org_profiles.yaml",
            "crds/calico/crd.projectcalico.org_tiers.yaml",
            "crds/calico/crd.projectcalico.org_workloadendpoints.yaml",
            "crds/calico/crd.projectcalico.org_stagedglobalnetworkpolicies.yaml",
            "crds/calico/crd.projectcalico.org_stagednetworkpolicies.yaml",
            "crds/calico/crd.projectcalico.org_stagedkubernetesnetworkpolicies.yaml",
            "crds/network-policy-api/policy.networking.k8s.io_clusternetworkpolicies.yaml",
            "crds/network-policy-api/policy.networking.k8s.io_adminnetworkpolicies.yaml",
            "crds/network-policy-api/policy.networking.k8s.io_baselineadminnetworkpolicies.yaml");

    private final EmbeddedApiServer server;

    private EmbeddedEstate(EmbeddedApiServer server) {
        this.server = server;
    }

    /** Starts the server, loads it and writes {@link #KUBECONFIG} (its namespace: the report namespace). */
    static EmbeddedEstate start(String reportNamespace) {
        LOG.info("Starting the embedded API server: it keeps everything in memory and is for trying "
                + "PolicyMatch out, not for production");
        EmbeddedApiServer server = EmbeddedApiServer.start(0);
        try {
            installCrds(server);
            server.ensureNamespace(reportNamespace);
            applyExamples(server);
            server.writeKubeconfig(KUBECONFIG, reportNamespace);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return new EmbeddedEstate(server);
    }

    /** The administrator's client, closed with the server. */
    KubernetesClient client() {
        return server.client();
    }

    @Override
    public void close() {
        server.close();
    }

    /** Installs the CRDs from {@code crds/} in the working directory, else those bundled in the jar. */
    private static void installCrds(EmbeddedApiServer server) {
        Path local = Path.of("crds");
        if (Files.isDirectory(local)) {
            server.installCrds(local);
            return;
        }
        try {
            Path dir = Files.createTempDirectory("policymatch-crds");
            for (String resource : BUNDLED_CRDS) {
                try (InputStream in = EmbeddedEstate.class.getClassLoader().getResourceAsStream(resource)) {
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

    private static void applyExamples(EmbeddedApiServer server) {
        for (Path examples : EXAMPLES) {
            if (Files.isDirectory(examples)) {
                server.apply("default", examples);
                LOG.info("Applied {}", examples);
            } else {
                LOG.warn("No {} in the working directory: the embedded server starts without it", examples);
            }
        }
    }
}
