package dev.policymatch.operator.robustness;

import static dev.policymatch.operator.OperatorHarness.hostEndpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.policymatch.api.AppliedPolicy;
import dev.policymatch.api.PolicyMatchReport;
import dev.policymatch.api.ReportCondition;
import dev.policymatch.api.ReportCounts;
import dev.policymatch.cli.CalicoqCommand;
import dev.policymatch.operator.OperatorHarness;
import dev.policymatch.operator.report.ReportBudget;
import dev.policymatch.source.document.ResourceKind;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, item 2, through the operator: an endpoint selected by 4,000 policies with 4 matching
 * rules each gets a report under the size budget with exact counts and says what it left out, while
 * the CLI on the same cluster still gives every policy and rule match. It does not rely on the embedded
 * server refusing large bodies: the size of the report is measured here.
 */
class CrowdedEndpointIT {

    private static final int POLICIES = 4_000;

    @RegisterExtension
    final OperatorHarness harness = OperatorHarness.perTest();

    private static String policy(int i) {
        return """
                apiVersion: crd.projectcalico.org/v1
                kind: GlobalNetworkPolicy
                metadata:
                  name: allow-crowded-peers-%04d
                spec:
                  order: %d
                  selector: role == 'crowded'
                  ingress:
                  - {action: Allow, protocol: TCP, source: {selector: role == 'crowded'}}
                  - {action: Allow, protocol: UDP, source: {selector: role == 'crowded'}}
                  egress:
                  - {action: Allow, protocol: TCP, destination: {selector: role == 'crowded'}}
                  - {action: Allow, protocol: UDP, destination: {selector: role == 'crowded'}}
                """.formatted(i, 100 + i);
    }

    @Test
    void theCrowdedEndpointsReportIsWrittenUnderBudgetWithExactCountsAndSaysWhatItLeftOut(@TempDir Path dir)
            throws Exception {
        harness.apply(ResourceKind.HOST_ENDPOINT, hostEndpoint("crowded-eth0", "node1", Map.of("role", "crowded")));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> created = new ArrayList<>();
        for (int i = 0; i < POLICIES; i++) {
            int n = i;
            created.add(pool.submit(() -> harness.apply(ResourceKind.GLOBAL_NETWORK_POLICY, policy(n))));
        }
        for (Future<?> f : created) {
            f.get();
        }
        pool.shutdown();
        harness.start();

        PolicyMatchReport report = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> harness.report("hep.crowded-eth0"), r -> r != null && r.getStatus() != null
                        && r.getStatus().condition(ReportCondition.TRUNCATED) != null);

        assertThat(report.getStatus().getCounts()).isEqualTo(new ReportCounts(POLICIES, 0, 0, 4 * POLICIES));
        ReportBudget budget = new ReportBudget(harness.client().getKubernetesSerialization());
        assertThat(budget.sizeOf(withoutServerFields(report))).isLessThanOrEqualTo(ReportBudget.MAX_BYTES);
        assertThat(budget.sizeOf(report)).as("as stored, server fields included").isLessThan(ReportBudget.MAX_BYTES
                + 1_024);

        int shown = report.getStatus().getPolicies().size();
        assertThat(shown).isBetween(1_000, POLICIES - 1);
        assertThat(report.getStatus().getPolicies()).extracting(AppliedPolicy::getName).as("enforcement order")
                .containsExactlyElementsOf(IntStream.range(0, shown).mapToObj("allow-crowded-peers-%04d"::formatted)
                        .toList());
        assertThat(report.getStatus().getRuleMatches()).isEmpty();
        assertThat(report.getStatus().getOmitted().getRuleMatches()).isEqualTo(4 * POLICIES);
        assertThat(report.getStatus().getOmitted().getPolicies()).isEqualTo(POLICIES - shown);
        ReportCondition truncated = report.getStatus().condition(ReportCondition.TRUNCATED);
        assertThat(truncated.getStatus()).isEqualTo(ReportCondition.TRUE);
        assertThat(truncated.getMessage()).contains("16000 of 16000 rule matches",
                (POLICIES - shown) + " of 4000 policies");
        assertThat(report.getStatus().condition(ReportCondition.READY).getStatus()).isEqualTo(ReportCondition.TRUE);

        // The report is written once and stays: a cut report compares equal to the next cut.
        await().pollDelay(Duration.ofSeconds(2)).atMost(OperatorHarness.WAIT).until(() -> true);
        assertThat(harness.report("hep.crowded-eth0").getMetadata().getResourceVersion())
                .isEqualTo(report.getMetadata().getResourceVersion());

        // The CLI on the same cluster gives the whole answer.
        Path kubeconfig = harness.server().writeKubeconfig(dir.resolve("kubeconfig"), OperatorHarness.NAMESPACE);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = CalicoqCommand.execute(new String[] {"--kubeconfig", kubeconfig.toString(), "-o", "json",
                "endpoint", "crowded-eth0"}, new ByteArrayInputStream(new byte[0]), new PrintWriter(out),
                new PrintWriter(err));
        assertThat(exit).as(err.toString()).isZero();
        JsonNode endpoint = new ObjectMapper().readTree(out.toString()).path("endpoints").get(0);
        assertThat(endpoint.path("policies")).hasSize(POLICIES);
        assertThat(endpoint.path("ruleMatches")).hasSize(4 * POLICIES);
    }

    /** The report without what the API server assigned, which the budget leaves out of its measure. */
    private PolicyMatchReport withoutServerFields(PolicyMatchReport stored) {
        PolicyMatchReport report = harness.client().getKubernetesSerialization().clone(stored);
        report.getMetadata().setUid(null);
        report.getMetadata().setResourceVersion(null);
        report.getMetadata().setGeneration(null);
        report.getMetadata().setCreationTimestamp(null);
        report.getMetadata().setManagedFields(null);
        return report;
    }
}
