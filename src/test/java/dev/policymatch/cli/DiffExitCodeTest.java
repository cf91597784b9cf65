package dev.policymatch.cli;

import static dev.policymatch.cli.CalicoqCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.policymatch.cli.CalicoqCommandTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every row of {@code calicoq diff}'s exit-status table (docs/cli.md), and their precedence 2 > 1 > 3 > 0. */
class DiffExitCodeTest {
    private static final String BASE = "src/test/resources/golden/diff-estate/base";
    private static final String HEAD = "src/test/resources/golden/diff-estate/head";
    private static final String RELABEL = "src/test/resources/golden/diff-exit-code/relabel.yaml";
    private static final String MALFORMED = "examples/invalid/bad-field-type.yaml";

    @TempDir
    Path temp;

    @Test
    void noDifferenceIsZeroEvenWithExitCodeAndFailOn() {
        assertThat(run("diff", "--base", BASE, "-f", BASE, "--exit-code", "--fail-on", "unmatched,invalid").exitCode())
                .isZero();
    }

    @Test
    void aDifferenceWithoutExitCodeIsZero() {
        Run run = run("diff", "--base", BASE, "-f", BASE, "-f", RELABEL);
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("~ zone: zone-b → zone-a");
    }

    @Test
    void aDifferenceWithExitCodeIsThree() {
        assertThat(run("diff", "--base", BASE, "-f", BASE, "-f", RELABEL, "--exit-code").exitCode()).isEqualTo(3);
    }

    @Test
    void aResourceChangeThatAffectsNoEndpointStillCounts() throws IOException {
        Path tier = temp.resolve("unused-tier.yaml");
        Files.writeString(tier, "apiVersion: crd.projectcalico.org/v1\nkind: Tier\nmetadata:\n  name: unused\n"
                + "spec:\n  order: 5\n");
        Run run = run("diff", "--base", BASE, "-f", BASE, "-f", tier.toString(), "--exit-code");
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).startsWith("Summary: 1 resource changed (1 added, 0 removed, 0 modified); "
                + "no endpoint affected (5 endpoints)");
    }

    @Test
    void aMalformedSideIsOneAndNothingIsPrinted() {
        Run head = run("diff", "--base", BASE, "-f", MALFORMED, "--exit-code");
        Run base = run("diff", "--base", MALFORMED, "-f", BASE, "--exit-code");
        assertThat(head.exitCode()).isEqualTo(1);
        assertThat(base.exitCode()).isEqualTo(1);
        assertThat(head.out()).isEmpty();
        assertThat(base.err()).startsWith("calicoq: " + MALFORMED + ":2: HostEndpoint \"web1-eth0\"");
    }

    @Test
    void failOnUnmatchedIsOneOverThreeAndTheDiffIsPrinted() {
        Run run = run("diff", "--base", BASE, "-f", HEAD, "--exit-code", "--fail-on", "unmatched");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).startsWith("Summary: ");
        assertThat(run.err()).isEqualTo("calicoq: diff: 1 endpoint became unmatched (--fail-on unmatched): "
                + "Host endpoint batch1/batch1-eth0\n");
    }

    @Test
    void failOnInvalidCountsAPolicyWhoseSelectorDoesNotParse() throws IOException {
        Path policy = temp.resolve("bad-policy.yaml");
        Files.writeString(policy, "apiVersion: crd.projectcalico.org/v1\nkind: GlobalNetworkPolicy\nmetadata:\n"
                + "  name: default.broken\nspec:\n  selector: role ==\n");
        Run run = run("diff", "--base", BASE, "-f", BASE, "-f", policy.toString(), "--fail-on", "invalid");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("calicoq: warning: head: policy \"broken\" left out: ")
                .contains("calicoq: diff: 1 resource is invalid in the head (--fail-on invalid): "
                        + "GlobalNetworkPolicy \"default.broken\"");
        assertThat(run("diff", "--base", BASE, "-f", BASE, "-f", policy.toString()).exitCode())
                .as("without --fail-on").isZero();
    }

    @Test
    void usageErrorsAreTwo() {
        assertThat(run("diff", "--base", BASE).exitCode()).isEqualTo(2);
        assertThat(run("diff", "--base", BASE, "--base-kubeconfig", "k", "-f", HEAD).exitCode()).isEqualTo(2);
        assertThat(run("diff", "--base", BASE, "-f", HEAD, "--fail-on", "never").exitCode()).isEqualTo(2);
        assertThat(run("diff", "--base", "/no/such/dir", "-f", HEAD).exitCode()).isEqualTo(2);
        assertThat(run("diff", "--base", BASE, "-f", HEAD, "--max-endpoints", "-1").exitCode()).isEqualTo(2);
    }

    @Test
    void aUsageErrorWinsOverAnUnreadableSide() {
        Run run = run("diff", "--base", "/no/such/dir", "-f", MALFORMED, "--fail-on", "invalid");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("calicoq: cannot read /no/such/dir: no such file or directory\n");
    }

    @Test
    void anInvalidOutputFormatIsOne() {
        Run run = run("diff", "--base", BASE, "-f", HEAD, "-o", "wide", "--exit-code");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo(
                "Output Format: \"wide\" is not valid. Output Format must be one of json, yaml, markdown, or ps\n");
    }
}
