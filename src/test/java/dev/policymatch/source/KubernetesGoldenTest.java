package dev.policymatch.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.policymatch.validation.ResourceValidator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Golden files: each manifest under {@code src/test/resources/kubernetes/} read by the manifest
 * reader, the Calico resources it gives dumped next to it as {@code <name>.expected.txt}, compared
 * byte for byte. Every expected value was checked against libcalico-go's conversion code (see
 * docs/kubernetes.md), not copied from this code's output. {@code -Dgolden.update=true} rewrites them.
 */
class KubernetesGoldenTest {
    private static final Path DIRECTORY = Path.of("src/test/resources/kubernetes");

    @ParameterizedTest
    @ValueSource(strings = {"pods", "namespaces", "networkpolicies"})
    void convertsAsCalicosKubernetesDatastore(String name) throws Exception {
        compare(DIRECTORY.resolve(name + ".yaml"), DIRECTORY.resolve(name + ".expected.txt"));
    }

    /** The examples of the newer policy kinds, each checked against Calico's conversion code by hand. */
    @ParameterizedTest
    @ValueSource(strings = {"staged", "cluster-network-policy"})
    void examplesOfTheNewerPolicyKindsConvertAsCalicoDoes(String name) throws Exception {
        compare(Path.of("examples", name), DIRECTORY.resolve("examples-" + name + ".expected.txt"));
    }

    private static void compare(Path manifest, Path expectedFile) throws Exception {
        List<String> warnings = new ArrayList<>();
        Catalog catalog = new ManifestReader(warnings::add).read(List.of(manifest.toString()));
        String actual = ModelDump.dump(catalog, warnings);
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).isEqualTo(read(expectedFile));
    }

    /** What Calico derives must pass Calico's own validation, or {@code calicoq validate} would flag it. */
    @ParameterizedTest
    @ValueSource(strings = {"pods", "namespaces", "networkpolicies", "evaluation"})
    void convertedResourcesAreValidCalicoResources(String name) throws Exception {
        Catalog catalog = new ManifestReader(w -> { }).read(List.of(DIRECTORY.resolve(name + ".yaml").toString()));
        ResourceValidator validator = new ResourceValidator();
        assertThat(catalog.all()).isNotEmpty().allSatisfy(located ->
                assertThat(validator.validate(located.resource())).as(located.describe()).isEmpty());
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "(missing " + file + ")";
    }
}
