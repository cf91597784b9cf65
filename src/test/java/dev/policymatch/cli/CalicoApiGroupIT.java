package dev.policymatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.policymatch.devcluster.EmbeddedApiServer;
import dev.policymatch.source.CalicoApiGroups;
import dev.policymatch.source.calico.StoredForm;
import dev.policymatch.source.document.CalicoApiGroup;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Calico's kinds in either API group a cluster may serve them in: the group {@code auto} picks (Calico's
 * {@code UsingV3CRDs}, libcalico-go/lib/backend/k8s/discovery.go), and the CLI's cluster read giving the output of
 * the manifests whether the estate is stored as {@code crd.projectcalico.org/v1} (Calico's stored form) or as
 * {@code projectcalico.org/v3} CRDs.
 */
class CalicoApiGroupIT {
    static final Path V1_CRDS = Path.of("crds/calico");
    static final Path V3_CRDS = Path.of("crds/calico-v3");
    static final Path STORED = Path.of("examples/cluster-stored");
    private static final YAMLMapper YAML = new YAMLMapper();

    @ParameterizedTest(name = "v1 {0}, v3 {1}")
    @CsvSource({
        "true,  false, CRD_V1",
        "true,  true,  CRD_V1",
        "false, true,  PROJECTCALICO_V3",
        "false, false, CRD_V1"})
    void autoFollowsCalicosRule(boolean v1, boolean v3, CalicoApiGroup expected) {
        try (EmbeddedApiServer server = EmbeddedApiServer.start(0)) {
            if (v1) {
                server.installCrds(V1_CRDS);
            }
            if (v3) {
                server.installCrds(V3_CRDS);
            }
            assertThat(CalicoApiGroups.choose(server.client(), Optional.empty())).isEqualTo(expected);
            for (CalicoApiGroup forced : CalicoApiGroup.values()) {
                assertThat(CalicoApiGroups.choose(server.client(), Optional.of(forced))).isEqualTo(forced);
            }
        }
    }

    @Test
    void theClusterGivesTheOutputOfTheManifestsInEitherGroup(@TempDir Path dir) throws Exception {
        List<List<String>> queries = List.of(List.of("endpoint", "/"), List.of("eval", "has(projectcalico.org/created-by)"),
                List.of("-o", "json", "host", "node1"), List.of("policy", "deny-auto-heps-ssh"));
        try (EmbeddedApiServer v1 = EmbeddedApiServer.start(0); EmbeddedApiServer v3 = EmbeddedApiServer.start(0)) {
            v1.installCrds(V1_CRDS);
            v1.apply("default", STORED);
            v3.installCrds(V3_CRDS);
            applyAsV3(v3, STORED);
            Path v1Config = v1.writeKubeconfig(dir.resolve("v1"), "default");
            Path v3Config = v3.writeKubeconfig(dir.resolve("v3"), "default");
            for (List<String> query : queries) {
                CalicoqClusterIT.Run files = calicoq(List.of("-f", STORED.toString()), query);
                assertThat(files.exit()).isZero();
                for (Path kubeconfig : List.of(v1Config, v3Config)) {
                    CalicoqClusterIT.Run cluster = calicoq(List.of("--kubeconfig", kubeconfig.toString()), query);
                    assertThat(cluster.err()).as("%s on %s", query, kubeconfig.getFileName()).isEmpty();
                    assertThat(cluster.out()).as("%s on %s", query, kubeconfig.getFileName()).isEqualTo(files.out());
                }
            }
            // The option overrides discovery: the v3-only cluster read as v1 has no Calico objects.
            CalicoqClusterIT.Run forced = calicoq(List.of("--kubeconfig", v3Config.toString(), "--calico-api-group",
                    "crd.projectcalico.org/v1"), List.of("endpoint", "/"));
            assertThat(forced.out()).doesNotContain("node1-eth0");
        }
    }

    @Test
    void aBadAnnotationInAClusterIsOneLineNamingTheObject(@TempDir Path dir) throws Exception {
        try (EmbeddedApiServer server = EmbeddedApiServer.start(0)) {
            server.installCrds(V1_CRDS);
            server.apply("default", STORED, Path.of("examples/invalid/bad-metadata-annotation.yaml"));
            Path kubeconfig = server.writeKubeconfig(dir.resolve("k"), "default");
            CalicoqClusterIT.Run run = calicoq(List.of("--kubeconfig", kubeconfig.toString()), List.of("endpoint", "/"));
            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.err()).startsWith("calicoq: cluster:HostEndpoint/web1-eth0: HostEndpoint \"web1-eth0\": "
                    + "metadata.annotations[projectcalico.org/metadata]: contained invalid JSON: ");
        }
    }

    private static CalicoqClusterIT.Run calicoq(List<String> options, List<String> query) {
        List<String> args = new ArrayList<>(options);
        args.addAll(query);
        return CalicoqClusterIT.calicoq(args.toArray(String[]::new));
    }

    /** The estate as Calico 3.32's migration copies it into the v3 CRDs. */
    static void applyAsV3(EmbeddedApiServer server, Path examples) throws Exception {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(examples)) {
            files = walk.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        for (Path file : files) {
            try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(new File(file.toString()))) {
                while (documents.hasNext()) {
                    Optional<JsonNode> v3 = StoredForm.asV3(documents.next());
                    if (v3.isPresent()) {
                        server.client().resource(YAML.treeToValue(v3.get(), GenericKubernetesResource.class)).create();
                    }
                }
            }
        }
    }
}
