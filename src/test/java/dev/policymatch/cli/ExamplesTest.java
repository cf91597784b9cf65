package dev.policymatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.policymatch.cli.CalicoqCommandTest.Run;
import dev.policymatch.model.HostEndpoint;
import dev.policymatch.source.Catalog;
import dev.policymatch.source.Located;
import dev.policymatch.source.ManifestReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@code examples/} as the CLI sees it: the estate is valid, every invalid example is caught. */
class ExamplesTest {

    private static Catalog read(String path) throws Exception {
        Catalog catalog = new ManifestReader(warning -> { }).read(List.of(path));
        assertThat(catalog.problems()).isEmpty();
        return catalog;
    }

    @Test
    void validateExamplesExitsZero() {
        Run run = CalicoqCommandTest.run("validate", "-f", "examples/");
        assertThat(run.err()).isEmpty();
        // The staged deletion in staged/ is checked too, although it gives no policy (as in Calico).
        assertThat(run.out()).isEqualTo("69 resources checked, 0 invalid\n");
        assertThat(run.exitCode()).isZero();
    }

    @Test
    void validateInvalidExamplesMatchesTheGoldenOutput() throws IOException {
        Run run = CalicoqCommandTest.run("validate", "-f", "examples/invalid");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEmpty();
        String golden = Files.readString(Path.of("src/test/resources/golden/validate/invalid.txt"), StandardCharsets.UTF_8);
        assertThat(run.out()).isEqualTo(golden);
    }

    @Test
    void everyInvalidExampleIsReported() throws IOException {
        Run run = CalicoqCommandTest.run("validate", "-f", "examples/invalid");
        try (Stream<Path> files = Files.list(Path.of("examples/invalid"))) {
            assertThat(files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()).hasSize(28).allSatisfy(file ->
                    assertThat(run.out()).contains(file + ":"));
        }
    }

    @Test
    void theV3ExamplesHoldTheSameEstateAsTheClusterExamples() throws Exception {
        Catalog cluster = read("examples/cluster");
        Catalog v3 = read("examples/calicoctl-v3");
        assertThat(v3.size()).isEqualTo(cluster.size()).isEqualTo(20);
        assertThat(models(v3)).containsExactlyInAnyOrderElementsOf(models(cluster));
    }

    private static List<Object> models(Catalog catalog) {
        return catalog.all().stream().map(Located::resource).map(Object.class::cast).toList();
    }

    @Test
    void theV1ExamplesHoldTheHostEndpointReferenceSample() throws Exception {
        Catalog v1 = read("examples/calicoctl-v1");
        assertThat(v1.hostEndpoints()).extracting(Located::resource).contains(new HostEndpoint("eth0", "myhost",
                new java.util.TreeMap<>(java.util.Map.of("type", "production")), "eth0",
                List.of("192.168.0.1", "192.168.0.2"), List.of("profile1", "profile2"), List.of()));
        assertThat(v1.profiles()).extracting(l -> l.resource().labelsToApply().get("team")).contains("payments");
    }
}
