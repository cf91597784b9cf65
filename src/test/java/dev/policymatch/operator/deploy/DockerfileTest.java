package dev.policymatch.operator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** No Docker engine here to build the image, so at least hold the Dockerfile to its promises. */
class DockerfileTest {

    private final List<String> lines = read();

    @Test
    void buildsWithMavenAndRunsOnAJre() {
        assertThat(lines.stream().filter(l -> l.startsWith("FROM ")))
                .containsExactly("FROM maven:3.9-eclipse-temurin-17 AS build", "FROM eclipse-temurin:17-jre");
    }

    @Test
    void runsTheJarWithItsLibrariesAsANonRootUser() {
        List<String> runtime = lines.subList(lines.indexOf("FROM eclipse-temurin:17-jre"), lines.size());
        assertThat(runtime).contains("USER 10001:10001",
                "COPY --from=build /src/target/lib/ /app/lib/",
                "COPY --from=build /src/target/policymatch.jar /app/policymatch.jar",
                "ENTRYPOINT [\"java\", \"-jar\", \"/app/policymatch.jar\"]",
                "CMD [\"operator\"]");
        assertThat(runtime.indexOf("USER 10001:10001")).isLessThan(runtime.indexOf("CMD [\"operator\"]"));
    }

    private static List<String> read() {
        try {
            return Files.readAllLines(Path.of("Dockerfile"));
        } catch (IOException e) {
            throw new AssertionError("cannot read Dockerfile", e);
        }
    }
}
