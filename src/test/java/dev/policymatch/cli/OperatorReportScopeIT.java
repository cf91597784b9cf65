package dev.policymatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code calicoq operator --reports}, {@code --report-namespace-selector} and {@code --list-page-size}, and
 * their environment variables: a value that is not valid is one line naming the option and value (before
 * any cluster is looked for), and {@code --embedded --once} converges on the scope's reports only.
 */
class OperatorReportScopeIT {

    private static final String BAD_KINDS =
            "calicoq: operator: --reports \"hosts\": expected host,workload, host, workload or none";
    private static final String BAD_SELECTOR = "calicoq: operator: --report-namespace-selector \"a ==\": ";
    private static final String BAD_PAGE_SIZE = "calicoq: operator: --list-page-size -1: expected a number of "
            + "objects per list request, or 0 for one unpaginated list";

    @TempDir
    Path home;

    private record Run(int exit, String out, String err) {
    }

    private static Run calicoq(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = CalicoqCommand.execute(args, new ByteArrayInputStream(new byte[0]), new PrintWriter(out),
                new PrintWriter(err));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void aKindsValueThatIsNotValidIsOneLine() {
        Run run = calicoq("operator", "--once", "--metrics-port", "0", "--reports", "hosts");
        assertThat(run.exit()).isEqualTo(CliException.USAGE);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo(BAD_KINDS + "\n");
    }

    @Test
    void aNamespaceSelectorThatDoesNotParseIsOneLine() {
        Run run = calicoq("operator", "--once", "--metrics-port", "0", "--report-namespace-selector", "a ==");
        assertThat(run.exit()).isEqualTo(CliException.USAGE);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).singleElement().asString().startsWith(BAD_SELECTOR).contains("at column");
    }

    @Test
    void aNegativeListPageSizeIsOneLine() {
        Run run = calicoq("operator", "--once", "--metrics-port", "0", "--list-page-size", "-1");
        assertThat(run.exit()).isEqualTo(CliException.USAGE);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo(BAD_PAGE_SIZE + "\n");
    }

    @Test
    void aPageSizeThatIsNotANumberIsAUsageErrorToo() {
        Run run = calicoq("operator", "--once", "--metrics-port", "0", "--list-page-size", "many");

        assertThat(run.exit()).isEqualTo(CliException.USAGE);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("--list-page-size").contains("many");
    }

    /** Pages of one object: every informer follows continue tokens to the end, and every report is written. */
    @Test
    void anEmbeddedOnceRunWithPagesOfOneWritesEveryReport() {
        Run paged = calicoq("operator", "--embedded", "--once", "--metrics-port", "0", "--list-page-size", "1");
        Run whole = calicoq("operator", "--embedded", "--once", "--metrics-port", "0", "--list-page-size", "0");
        assertThat(paged.exit()).as(paged.err()).isZero();
        assertThat(whole.exit()).as(whole.err()).isZero();
        assertThat(reportNames(paged.out())).isNotEmpty().isEqualTo(reportNames(whole.out()));
    }

    private static List<String> reportNames(String out) {
        return out.lines().flatMap(l -> java.util.Arrays.stream(l.trim().split("\\s+")))
                .filter(w -> w.startsWith("hep.") || w.startsWith("pod.")).sorted().toList();
    }

    @Test
    void helpExplainsBothOptionsAndTheirVariables() {
        Run run = calicoq("operator", "--help");
        assertThat(run.exit()).isZero();
        String help = run.out().replaceAll("\\s+", " ").replace(", ", ",");
        assertThat(help).contains("--reports=KINDS Which endpoints get a PolicyMatchReport: host,workload (the default,"
                        + "or $POLICYMATCH_REPORTS)", "still matched and counted in policymatch_endpoints",
                "--report-namespace-selector=SELECTOR Only pods of the namespaces this Calico selector matches",
                "(or $POLICYMATCH_REPORT_NAMESPACE_SELECTOR)",
                "--list-page-size=N Objects per list request when an informer starts or re-lists (default 500,or "
                        + "$POLICYMATCH_LIST_PAGE_SIZE; 0: one unpaginated list)");
    }

    @Test
    void theEnvironmentVariablesAreTheDefaults() throws Exception {
        assertThat(calicoqWithEnvironment(Map.of("POLICYMATCH_REPORTS", "hosts"))).singleElement()
                .isEqualTo(BAD_KINDS);
        assertThat(calicoqWithEnvironment(Map.of("POLICYMATCH_REPORT_NAMESPACE_SELECTOR", "a =="))).singleElement()
                .asString().startsWith(BAD_SELECTOR);
        assertThat(calicoqWithEnvironment(Map.of("POLICYMATCH_LIST_PAGE_SIZE", "-1"))).singleElement()
                .isEqualTo(BAD_PAGE_SIZE);
    }

    /** The examples' pods are all in shop: with shop outside the selector only the HostEndpoints have reports. */
    @Test
    void anEmbeddedOnceRunConvergesOnTheReportsInScope() {
        Run run = calicoq("operator", "--embedded", "--once", "--metrics-port", "0",
                "--report-namespace-selector", "projectcalico.org/name != 'shop'");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("hep.edge1-eth0").doesNotContain("pod.");
    }

    /** stderr's lines of {@code calicoq operator --once} run with only {@code environment}. */
    private List<String> calicoqWithEnvironment(Map<String, String> environment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.home=" + home, "-cp", classPath(), CalicoqCommand.class.getName(),
                "operator", "--once", "--metrics-port", "0");
        builder.environment().clear();
        builder.environment().putAll(environment);
        Path stderr = Files.createTempFile(home, "err", ".txt");
        Process process = builder.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(stderr.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("calicoq did not exit");
        }
        assertThat(process.exitValue()).isEqualTo(CliException.USAGE);
        return Files.readString(stderr, StandardCharsets.UTF_8).lines().toList();
    }

    /** Surefire runs tests from a manifest-only jar; it gives the real class path in its own property. */
    private static String classPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }
}
