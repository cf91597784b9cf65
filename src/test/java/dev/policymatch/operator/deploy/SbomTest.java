package dev.policymatch.operator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * {@code make build} (any Maven build from generate-resources on) writes the CycloneDX SBOM
 * {@code target/policymatch.cdx.json}; it must list exactly what the jar needs at run time, as Maven's
 * dependency plugin resolves it into {@code target/runtime-dependencies.txt}, and nothing of the tests.
 */
class SbomTest {

    private static final Path SBOM = Path.of("target", "policymatch.cdx.json");
    private static final Path RUNTIME = Path.of("target", "runtime-dependencies.txt");

    private final JsonNode bom = read();

    @Test
    void isACycloneDxBomOfTheApplication() {
        assertThat(bom.path("bomFormat").asText()).isEqualTo("CycloneDX");
        assertThat(bom.path("specVersion").asText()).startsWith("1.");
        JsonNode application = bom.at("/metadata/component");
        assertThat(application.path("type").asText()).isEqualTo("application");
        assertThat(application.path("group").asText() + ":" + application.path("name").asText())
                .isEqualTo("dev.policymatch:policymatch");
    }

    @Test
    void listsExactlyTheRuntimeDependencies() throws IOException {
        Set<String> runtime = runtimeDependencies();
        assertThat(runtime).as("the runtime list itself")
                .contains("info.picocli:picocli", "io.javaoperatorsdk:operator-framework",
                        "io.fabric8:kubernetes-client", "io.micrometer:micrometer-registry-prometheus")
                .doesNotContain("org.junit.jupiter:junit-jupiter", "org.assertj:assertj-core",
                        "org.testcontainers:k3s");
        Set<String> listed = new TreeSet<>();
        for (JsonNode component : bom.path("components")) {
            listed.add(component.path("group").asText() + ":" + component.path("name").asText() + ":"
                    + component.path("version").asText());
        }
        assertThat(listed).isEqualTo(runtimeWithVersions());
    }

    @Test
    void everyComponentCanBeLookedUpAndVerified() {
        assertThat(bom.path("components")).isNotEmpty().allSatisfy(component -> {
            assertThat(component.path("purl").asText()).startsWith("pkg:maven/" + component.path("group").asText()
                    + "/" + component.path("name").asText() + "@" + component.path("version").asText());
            assertThat(StreamSupport.stream(component.path("hashes").spliterator(), false)
                    .map(h -> h.path("alg").asText())).contains("SHA-256");
        });
    }

    /** {@code group:artifact} of each runtime dependency. */
    private static Set<String> runtimeDependencies() throws IOException {
        Set<String> names = new TreeSet<>();
        for (String coordinates : runtimeWithVersions()) {
            names.add(coordinates.substring(0, coordinates.lastIndexOf(':')));
        }
        return names;
    }

    /**
     * {@code group:artifact:version} from the dependency plugin's lines
     * {@code group:artifact:type[:classifier]:version:scope[ -- module name]}.
     */
    private static Set<String> runtimeWithVersions() throws IOException {
        Set<String> coordinates = new TreeSet<>();
        for (String line : Files.readAllLines(RUNTIME)) {
            String entry = line.strip().split(" -- ", 2)[0];
            String[] parts = entry.split(":");
            if (parts.length >= 5) {
                coordinates.add(parts[0] + ":" + parts[1] + ":" + parts[parts.length - 2]);
            }
        }
        return coordinates;
    }

    private static JsonNode read() {
        try {
            return new ObjectMapper().readTree(SBOM.toFile());
        } catch (IOException e) {
            throw new AssertionError("no SBOM at " + SBOM + " (mvn generate-resources writes it)", e);
        }
    }
}
