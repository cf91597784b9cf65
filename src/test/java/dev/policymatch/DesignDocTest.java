package dev.policymatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.policymatch.source.document.ResourceKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/design.md's table of the kinds PolicyMatch reads says what {@link ResourceKind} says, row for row. */
class DesignDocTest {

    private static final String HEADING = "## Kinds read";

    @Test
    void theKindsTableIsTheResourceKindTable() throws IOException {
        List<String> documented = Files.readAllLines(Path.of("docs/design.md")).stream()
                .dropWhile(line -> !line.equals(HEADING))
                .filter(line -> line.startsWith("| `"))
                .toList();
        List<String> expected = Arrays.stream(ResourceKind.values()).map(DesignDocTest::row).toList();
        assertThat(documented).containsExactlyElementsOf(expected);
    }

    private static String row(ResourceKind kind) {
        return "| `" + kind.kindName() + "` | `" + kind.apiVersion() + "` | "
                + (kind.namespaced() ? "namespaced" : "cluster") + " | `" + kind.calicoKind().kindName() + "` | "
                + yesNo(kind.readFromCluster()) + " | " + yesNo(kind.watchedAsInput()) + " |";
    }

    private static String yesNo(boolean value) {
        return value ? "yes" : "no";
    }
}
