package dev.policymatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The golden files of the query commands: each folder of {@code src/test/resources/golden/} with an
 * {@code args} file is one case. The CLI runs in-process with {@code -f <case>/manifests} (when the case
 * has a {@code manifests/} folder) and the arguments of {@code args} (split on blanks; '...' and "..."
 * quote). Stdout must equal {@code expected.out} byte for byte; stderr must equal {@code expected.err}
 * (empty when there is none); the exit code must equal the number in {@code exit} (0 when there is none).
 */
class GoldenTest {
    static final Path GOLDEN = Path.of("src/test/resources/golden");

    static Stream<String> cases() throws IOException {
        try (Stream<Path> dirs = Files.list(GOLDEN)) {
            return dirs.filter(dir -> Files.isRegularFile(dir.resolve("args")))
                    .map(dir -> dir.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesTheGoldenFiles(String name) throws IOException {
        Path dir = GOLDEN.resolve(name);
        List<String> args = new ArrayList<>();
        if (Files.isDirectory(dir.resolve("manifests"))) {
            args.add("-f");
            args.add(dir.resolve("manifests").toString());
        }
        args.addAll(split(Files.readString(dir.resolve("args"), StandardCharsets.UTF_8)));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = CalicoqCommand.execute(args.toArray(String[]::new), new ByteArrayInputStream(new byte[0]),
                new PrintWriter(out), new PrintWriter(err));

        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(dir.resolve("expected.out"), out.toString(), StandardCharsets.UTF_8);
        }
        assertThat(out.toString()).as("stdout of %s", args).isEqualTo(read(dir.resolve("expected.out")));
        assertThat(err.toString()).as("stderr of %s", args).isEqualTo(read(dir.resolve("expected.err")));
        String expectedExit = read(dir.resolve("exit")).strip();
        assertThat(exit).as("exit code of %s", args).isEqualTo(expectedExit.isEmpty() ? 0 : Integer.parseInt(expectedExit));
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    /** Splits like a shell, without escapes or variables: blanks separate, '...' and "..." quote. */
    static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (char c : line.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }
}
