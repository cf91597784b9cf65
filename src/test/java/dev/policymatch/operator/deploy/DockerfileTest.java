package dev.policymatch.operator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** No Docker engine here to build the image, so at least hold the Dockerfile to its promises. */
class DockerfileTest {

    private final List<String> lines = read();

    /** {@code FROM <image>:<tag>@sha256:<digest>}: the tag for the reader, the digest for the builder. */
    private static final Pattern PINNED = Pattern.compile("FROM (\\S+:\\S+)@sha256:[0-9a-f]{64}( AS \\w+)?");

    @Test
    void everyBaseImageIsPinnedByDigest() {
        assertThat(froms()).isNotEmpty().allSatisfy(from -> assertThat(from).matches(PINNED));
    }

    @Test
    void buildsWithMavenAndRunsOnAJre() {
        assertThat(froms().stream().map(from -> PINNED.matcher(from).replaceFirst("$1$2")))
                .containsExactly("maven:3.9-eclipse-temurin-17 AS build", "eclipse-temurin:17-jre");
    }

    @Test
    void runsTheJarWithItsLibrariesAsANonRootUser() {
        List<String> runtime = lines.subList(lines.indexOf(froms().get(froms().size() - 1)), lines.size());
        assertThat(runtime).contains("USER 10001:10001",
                "COPY --from=build /src/target/lib/ /app/lib/",
                "COPY --from=build /src/target/policymatch.jar /app/policymatch.jar",
                "COPY --from=build /src/target/policymatch.cdx.json /app/policymatch.cdx.json",
                "ENTRYPOINT [\"java\", \"-jar\", \"/app/policymatch.jar\"]",
                "CMD [\"operator\"]");
        assertThat(runtime.indexOf("USER 10001:10001")).isLessThan(runtime.indexOf("CMD [\"operator\"]"));
    }

    /** The image's defaults are deploy/'s, so that `docker run` and the pod bound memory alike. */
    @Test
    void runsWithTheMemoryFlagsOfTheDeployment() {
        String dockerfile = String.join("\n", lines);
        Matcher toolOptions = Pattern.compile("JAVA_TOOL_OPTIONS=\"([^\"]*)\"").matcher(dockerfile);
        assertThat(toolOptions.find()).isTrue();
        Map<String, String> deployed = DeployManifestsTest.environment(DeployManifests.ofKind(DeployManifests.load(),
                "Deployment").get(0).at("/spec/template/spec/containers/0"));
        assertThat(toolOptions.group(1)).isEqualTo(deployed.get("JAVA_TOOL_OPTIONS"));
        assertThat(dockerfile).contains("MALLOC_ARENA_MAX=" + deployed.get("MALLOC_ARENA_MAX"));
    }

    private List<String> froms() {
        return lines.stream().filter(l -> l.startsWith("FROM ")).toList();
    }

    private static List<String> read() {
        try {
            return Files.readAllLines(Path.of("Dockerfile"));
        } catch (IOException e) {
            throw new AssertionError("cannot read Dockerfile", e);
        }
    }
}
