package dev.policymatch.operator.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alerts fire, with the labels and text users see, on synthetic series: Prometheus' own
 * {@code promtool test rules}. Skipped where promtool is not installed (Debian: {@code prometheus}).
 */
class PrometheusRulePromtoolTest {

    static final String TESTS = """
            rule_files: [rules.yaml]
            evaluation_interval: 1m
            tests:
            - interval: 1m
              input_series:
              - series: 'policymatch_unmatched_endpoint_info{job="policymatch-operator-metrics",endpoint="node1/node1-eth0",node="node1",kind="host"}'
                values: '1x30'
              - series: 'policymatch_endpoints{job="policymatch-operator-metrics",kind="host",state="invalid"}'
                values: '2x30'
              - series: 'policymatch_endpoints{job="policymatch-operator-metrics",kind="workload",state="invalid"}'
                values: '7x30'
              - series: 'policymatch_invalid_policies{job="policymatch-operator-metrics"}'
                values: '0x30'
              - series: 'operator_sdk_reconciliations_failed_total{job="policymatch-operator-metrics",controller_name="hostendpoint"}'
                values: '0+3x30'
              - series: 'up{job="policymatch-operator-metrics"}'
                values: '1x10 0x20'
              alert_rule_test:
              - eval_time: 10m
                alertname: PolicyMatchUnmatchedEndpoint
                exp_alerts: []
              - eval_time: 20m
                alertname: PolicyMatchUnmatchedEndpoint
                exp_alerts:
                - exp_labels:
                    severity: warning
                    job: policymatch-operator-metrics
                    endpoint: node1/node1-eth0
                    node: node1
                    kind: host
                  exp_annotations:
                    summary: "No Calico policy or profile applies to host endpoint node1/node1-eth0"
                    description: "Endpoint node1/node1-eth0 on node node1 has matched no policy or profile for 15 minutes, so Calico applies its default for unmatched endpoints to it. See `kubectl get policymatchreports -A`."
              - eval_time: 20m
                alertname: PolicyMatchInvalidHostEndpoints
                exp_alerts:
                - exp_labels:
                    severity: warning
                  exp_annotations:
                    summary: "2 HostEndpoints are invalid"
                    description: "Calico rejects or ignores these HostEndpoints. The InvalidHostEndpoint events list every violation (`kubectl get events -A --field-selector reason=InvalidHostEndpoint`), and so do their reports when the operator writes HostEndpoint reports (--reports host or host,workload): `kubectl get pmr -A` (VALID=False)."
              - eval_time: 20m
                alertname: PolicyMatchInvalidPolicies
                exp_alerts: []
              - eval_time: 20m
                alertname: PolicyMatchReconcileErrors
                exp_alerts:
                - exp_labels:
                    severity: warning
                    job: policymatch-operator-metrics
                  exp_annotations:
                    summary: "The PolicyMatch operator keeps failing to reconcile"
                    description: "Reconciliations have been failing for 15 minutes, so reports may be stale. Check the operator's log."
              - eval_time: 12m
                alertname: PolicyMatchOperatorDown
                exp_alerts: []
              - eval_time: 20m
                alertname: PolicyMatchOperatorDown
                exp_alerts:
                - exp_labels:
                    severity: critical
                  exp_annotations:
                    summary: "The PolicyMatch operator is down or not scraped"
                    description: "No scrape of the policymatch-operator-metrics Service has succeeded for 5 minutes; reports and the other PolicyMatch alerts are not being updated."
            """;

    @Test
    void alertsFireOnSyntheticSeries(@TempDir Path dir) throws Exception {
        assumeTrue(DeployManifestsTest.onPath("promtool"), "promtool is not on the PATH");
        JsonNode rule = DeployManifests.ofKind(DeployManifests.load(), "PrometheusRule").get(0);
        ObjectNode rules = JsonNodeFactory.instance.objectNode();
        rules.set("groups", rule.at("/spec/groups"));
        new YAMLMapper().writeValue(dir.resolve("rules.yaml").toFile(), rules);
        Files.writeString(dir.resolve("tests.yaml"), TESTS);

        Process promtool = new ProcessBuilder("promtool", "test", "rules", "tests.yaml")
                .directory(dir.toFile()).redirectErrorStream(true).start();
        promtool.getOutputStream().close();
        String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(promtool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(promtool.exitValue()).as(output).isZero();
        assertThat(output).contains("SUCCESS");
    }
}
