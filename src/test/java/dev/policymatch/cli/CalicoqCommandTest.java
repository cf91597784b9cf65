package dev.policymatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CalicoqCommandTest {

    static final String MIXED = "src/test/resources/cli/mixed.yaml";

    record Run(int exitCode, String out, String err) {
    }

    static Run run(String... args) {
        return runWithStdin(new ByteArrayInputStream(new byte[0]), args);
    }

    static Run runWithStdin(InputStream stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CalicoqCommand.execute(args, stdin, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void validateReportsViolationsWithFileLineKindAndName() {
        Run run = run("validate", "-f", MIXED);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEqualTo(MIXED + ":10: HostEndpoint \"web2-eth0\": spec.expectedIPs[1]: "
                + "\"10.0.0.300\" is not a valid IPv4 or IPv6 address\n"
                + "2 resources checked, 1 invalid\n");
        assertThat(run.err()).isEqualTo("calicoq: warning: " + MIXED
                + ":19: skipping ConfigMap \"unrelated\" (v1): not a Calico resource that PolicyMatch reads\n");
    }

    @Test
    void policyLookupTakesTheTextNameOrAnUnambiguousOwnName(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("policies.yaml");
        Files.writeString(file, """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: web, namespace: shop}
                spec: {podSelector: {}}
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: api, namespace: shop}
                spec: {podSelector: {}}
                ---
                apiVersion: projectcalico.org/v3
                kind: NetworkPolicy
                metadata: {name: web, namespace: shop}
                spec: {selector: all()}
                """);
        assertThat(run("policy", "shop/knp.default.web", "-f", file.toString()).out())
                .startsWith("Policy \"shop/knp.default.web\" applies to these endpoints:\n");
        assertThat(run("policy", "shop/web", "-f", file.toString()).out()).as("the text name of the Calico one")
                .startsWith("Policy \"shop/web\" applies to these endpoints:\n");
        assertThat(run("policy", "shop/api", "-f", file.toString()).out()).as("an own name only one policy has")
                .startsWith("Policy \"shop/knp.default.api\" applies to these endpoints:\n");
        Run missing = run("policy", "shop/none", "-f", file.toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("policy \"shop/none\" not found");
    }

    @Test
    void validManifestsExitZero(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ok.yaml");
        Files.writeString(file, """
                apiVersion: v1
                kind: hostEndpoint
                metadata: {name: eth0, node: myhost}
                spec: {interfaceName: eth0, expectedIPs: [192.168.0.1]}
                """);
        Run run = run("validate", "-f", file.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("1 resource checked, 0 invalid\n");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void globalOptionsWorkBeforeAndAfterTheSubcommand() {
        Run before = run("-f", MIXED, "-o", "json", "validate");
        Run after = run("validate", "-o", "json", "-f", MIXED);
        assertThat(before.exitCode()).isEqualTo(1);
        assertThat(before.out()).startsWith("{").isEqualTo(after.out());
    }

    @Test
    void repeatedFilenamesAndStdin() {
        String hep = """
                apiVersion: projectcalico.org/v3
                kind: HostEndpoint
                metadata: {name: db1-eth0}
                spec: {node: db1, expectedIPs: [10.0.1.1/24]}
                """;
        Run run = runWithStdin(new ByteArrayInputStream(hep.getBytes(StandardCharsets.UTF_8)),
                "validate", "-f", MIXED, "-f", "-");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("<stdin>:1: HostEndpoint \"db1-eth0\": spec.expectedIPs[0]: \"10.0.1.1/24\" "
                + "is not a valid IPv4 or IPv6 address (it is a network in CIDR notation; expectedIPs takes plain addresses)\n")
                .endsWith("3 resources checked, 2 invalid\n");
    }

    @Test
    void jsonReportForMachines() throws Exception {
        Run run = run("validate", "-f", MIXED, "-o", "json");
        JsonNode report = JsonMapper.builder().build().readTree(run.out());
        assertThat(report.get("checked").asInt()).isEqualTo(2);
        assertThat(report.get("invalid").asInt()).isEqualTo(1);
        JsonNode bad = report.get("resources").get(1);
        assertThat(bad.get("file").asText()).isEqualTo(MIXED);
        assertThat(bad.get("line").asInt()).isEqualTo(10);
        assertThat(bad.get("kind").asText()).isEqualTo("HostEndpoint");
        assertThat(bad.get("valid").asBoolean()).isFalse();
        JsonNode violation = bad.get("violations").get(0);
        assertThat(violation.get("field").asText()).isEqualTo("spec.expectedIPs[1]");
        assertThat(violation.get("value").asText()).isEqualTo("10.0.0.300");
        assertThat(violation.get("reason").asText()).isEqualTo("is not a valid IPv4 or IPv6 address");
        assertThat(report.get("resources").get(0).get("valid").asBoolean()).isTrue();
    }

    @Test
    void yamlReport() {
        Run run = run("validate", "-f", MIXED, "-o", "yaml");
        assertThat(run.out()).startsWith("checked: 2\ninvalid: 1\n");
    }

    @Test
    void malformedAndBadlyTypedManifestsAreInvalid(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a-bad-types.yaml"), """
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: p}
                spec: {order: "abc"}
                """);
        Files.writeString(dir.resolve("b-malformed.yaml"), "kind: [\n");
        Run run = run("validate", "-f", dir.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains(dir.resolve("a-bad-types.yaml") + ":1: GlobalNetworkPolicy \"p\": spec.order: "
                + "expected a number, got a string (\"abc\")\n")
                .contains(dir.resolve("b-malformed.yaml") + ":2: malformed YAML: ")
                .endsWith("2 resources checked, 2 invalid\n");
        assertThat(run.err()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"hosts.yaml", "hosts.json", "hosts", "-"})
    void undecodableBytesGiveOneMessageAndOneExitCodeWhateverTheFileName(String name, @TempDir Path dir)
            throws Exception {
        // Issue 14: exit 1 with "MalformedInputException" at line 1 for .yaml, exit 2 for .json and stdin.
        byte[] bytes = ("{\"apiVersion\": \"projectcalico.org/v3\",\n \"kind\": \"HostEndpoint\",\n"
                + " \"metadata\": {\"name\": \"h\u00e9\"}}\n").getBytes(StandardCharsets.ISO_8859_1); // é as 0xE9: not UTF-8
        Path file = Files.write(dir.resolve(name.equals("-") ? "stdin" : name), bytes);
        String path = name.equals("-") ? "-" : file.toString();

        Run run = runWithStdin(new ByteArrayInputStream(bytes), "validate", "-f", path);

        String shown = name.equals("-") ? "<stdin>" : file.toString();
        assertThat(run.out()).isEqualTo(shown + ":3: not valid UTF-8 (byte 0xE9)\n1 resource checked, 1 invalid\n");
        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isEqualTo(1);
    }

    @Test
    void runningOutOfMemoryIsOneLineAndItsOwnExitCode() {
        InputStream exhausting = new InputStream() {
            @Override
            public int read() {
                throw new OutOfMemoryError("Java heap space");
            }
        };
        Run run = runWithStdin(exhausting, "validate", "-f", "-");
        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err()).matches("calicoq: out of memory: the input needs more than the \\d+ MiB Java heap; "
                + "give it more with JAVA_OPTS=-Xmx<size> \\(e.g. -Xmx4g\\)\n");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void missingFilenameIsAUsageError() {
        Run run = run("validate");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("calicoq: validate: no manifests given; use -f FILE, -f DIR or -f - (stdin)\n");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void unreadablePathIsAUsageError() {
        Run run = run("validate", "-f", "/no/such/dir");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("calicoq: cannot read /no/such/dir: no such file or directory\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"wide", "JSON", ""})
    void invalidOutputFormat(String format) {
        Run run = run("validate", "-f", MIXED, "-o", format);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("Output Format: \"" + format
                + "\" is not valid. Output Format must be one of json, yaml, or ps\n");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void markdownIsDiffsOnly() {
        Run run = run("validate", "-f", MIXED, "-o", "markdown");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("Output Format: \"markdown\" is not valid. Output Format must be one of json, "
                + "yaml, or ps\n");
        assertThat(run("-o", "markdown", "endpoint", "-f", MIXED, "x").err()).contains("must be one of json, yaml, or ps");
    }

    @Test
    void unknownOptionIsAUsageError() {
        Run run = run("validate", "--frobnicate");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("calicoq: Unknown option: '--frobnicate'\n");
    }

    @Test
    void noCommandIsAUsageError() {
        Run run = run();
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("calicoq: missing command: choose one of endpoint, host, policy, eval, explain, validate, diff, operator, version, help\n");
    }

    @Test
    void helpListsCommandsAndGlobalOptions() {
        Run run = run("--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("validate", "version", "-f, --filename=PATH", "--kubeconfig=FILE",
                "--context=NAME", "-o, --output=FORMAT");
        Run validateHelp = run("validate", "--help");
        assertThat(validateHelp.exitCode()).isZero();
        assertThat(validateHelp.out()).contains("Exit status:", "-f, --filename=PATH");
    }

    @Test
    void everyHelpThatListsOutOfMemoryGivesItsExitCode() {
        for (String command : List.of("endpoint", "host", "policy", "eval", "explain", "validate", "diff")) {
            String help = run(command, "--help").out();
            help.lines().filter(line -> line.contains("out of memory")).forEach(line -> assertThat(line.strip())
                    .as("%s --help", command).startsWith(CliException.OUT_OF_MEMORY + " "));
        }
    }

    @Test
    void version() {
        Run run = run("version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("calicoq (PolicyMatch) ");
    }
}
