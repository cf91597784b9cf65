package dev.policymatch.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.policymatch.devcluster.EmbeddedApiServer;
import dev.policymatch.source.calico.StoredForm;
import dev.policymatch.source.document.CalicoApiGroup;
import dev.policymatch.source.document.ResourceFormatException;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
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
    static final String REPORT_CRD = "crds/policymatch.dev_policymatchreports.yaml";
    /** Calico's CRDs per group, bundled in the jar (see the pom) so that the run works outside the repository too. */
    static final Map<CalicoApiGroup, List<String>> BUNDLED_CRDS = Map.of(
            CalicoApiGroup.CRD_V1, List.of(
                    "crds/calico/crd.projectcalico.org_globalnetworkpolicies.yaml",
                    "crds/calico/crd.projectcalico.org_hostendpoints.yaml",
                    "crds/calico/crd.projectcalico.org_networkpolicies.yaml",
                    "crds/calico/crd.projectcalico.org_profiles.yaml",
                    "crds/calico/crd.projectcalico.org_tiers.yaml",
                    "crds/calico/crd.projectcalico.org_workloadendpoints.yaml",
                    "crds/calico/crd.projectcalico.org_stagedglobalnetworkpolicies.yaml",
                    "crds/calico/crd.projectcalico.org_stagednetworkpolicies.yaml",
                    "crds/calico/crd.projectcalico.org_stagedkubernetesnetworkpolicies.yaml"),
            CalicoApiGroup.PROJECTCALICO_V3, List.of(
                    "crds/calico-v3/projectcalico.org_globalnetworkpolicies.yaml",
                    "crds/calico-v3/projectcalico.org_hostendpoints.yaml",
                    "crds/calico-v3/projectcalico.org_networkpolicies.yaml",
                    "crds/calico-v3/projectcalico.org_tiers.yaml",
                    "crds/calico-v3/projectcalico.org_stagedglobalnetworkpolicies.yaml",
                    "crds/calico-v3/projectcalico.org_stagednetworkpolicies.yaml",
                    "crds/calico-v3/projectcalico.org_stagedkubernetesnetworkpolicies.yaml"));
    /** The Kubernetes network-policy-api CRDs Calico converts, in either group. */
    static final List<String> NETWORK_POLICY_API_CRDS = List.of(
            "crds/network-policy-api/policy.networking.k8s.io_clusternetworkpolicies.yaml",
            "crds/network-policy-api/policy.networking.k8s.io_adminnetworkpolicies.yaml",
            "crds/network-policy-api/policy.networking.k8s.io_baselineadminnetworkpolicies.yaml");

    private static final YAMLMapper YAML = new YAMLMapper();

    private final EmbeddedApiServer server;

    private EmbeddedEstate(EmbeddedApiServer server) {
        this.server = server;
    }

    /**
     * Starts the server with Calico's CRDs of {@code group}, loads it and writes {@link #KUBECONFIG} (its namespace:
     * the report namespace).
     */
    static EmbeddedEstate start(String reportNamespace, CalicoApiGroup group) {
        LOG.info("Starting the embedded API server: it keeps everything in memory and is for trying "
                + "PolicyMatch out, not for production");
        EmbeddedApiServer server = EmbeddedApiServer.start(0);
        try {
            installCrds(server, group);
            server.ensureNamespace(reportNamespace);
            applyExamples(server, group);
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
    private static void installCrds(EmbeddedApiServer server, CalicoApiGroup group) {
        List<String> crds = new ArrayList<>(BUNDLED_CRDS.get(group));
        crds.add(0, REPORT_CRD);
        crds.addAll(NETWORK_POLICY_API_CRDS);
        if (crds.stream().allMatch(crd -> Files.isRegularFile(Path.of(crd)))) {
            server.installCrds(crds.stream().map(Path::of).toArray(Path[]::new));
            return;
        }
        try {
            Path dir = Files.createTempDirectory("policymatch-crds");
            for (String resource : crds) {
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

    private static void applyExamples(EmbeddedApiServer server, CalicoApiGroup group) {
        for (Path examples : EXAMPLES) {
            if (Files.isDirectory(examples)) {
                server.apply("default", group == CalicoApiGroup.CRD_V1 ? examples : asV3(examples));
                LOG.info("Applied {} in {}", examples, group.apiVersion());
            } else {
                LOG.warn("No {} in the working directory: the embedded server starts without it", examples);
            }
        }
    }

    /**
     * The examples, written in Calico's stored form, as the v3 objects they stand for ({@link StoredForm}), in a
     * temporary directory; the Profiles and WorkloadEndpoints, which Calico has no v3 CRD for, are left out.
     */
    private static Path asV3(Path examples) {
        try {
            Path dir = Files.createTempDirectory("policymatch-examples-v3");
            List<Path> files;
            try (Stream<Path> walk = Files.walk(examples)) {
                files = walk.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
            }
            for (Path file : files) {
                List<JsonNode> documents = new ArrayList<>();
                try (MappingIterator<JsonNode> read = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
                    while (read.hasNext()) {
                        JsonNode document = read.next();
                        if (document != null && !document.isNull() && !document.isEmpty()) {
                            StoredForm.asV3(document).ifPresent(documents::add);
                        }
                    }
                }
                StringBuilder yaml = new StringBuilder();
                for (JsonNode document : documents) {
                    yaml.append(YAML.writeValueAsString(document));
                }
                Files.writeString(dir.resolve(file.getFileName()), yaml.toString());
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ResourceFormatException e) {
            throw new IllegalStateException("cannot rewrite " + examples + " as " + CalicoApiGroup.PROJECTCALICO_V3
                    .apiVersion() + ": " + e.getMessage(), e);
        }
    }
}
