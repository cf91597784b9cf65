package dev.policymatch.operator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.policymatch.api.SampleReports;
import io.javaoperatorsdk.operator.api.reconciler.Constants;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The alerts exist and read metrics that exist under those names. */
class PrometheusRuleTest {

    private final List<JsonNode> documents = DeployManifests.load();

    @Test
    void everyIssuedAlertIsThere() {
        assertThat(alerts()).containsOnlyKeys("PolicyMatchUnmatchedEndpoint", "PolicyMatchInvalidHostEndpoints",
                "PolicyMatchInvalidPolicies", "PolicyMatchReconcileErrors", "PolicyMatchOperatorDown");
        assertThat(alerts().get("PolicyMatchUnmatchedEndpoint").path("expr").asText())
                .contains("policymatch_unmatched_endpoint_info");
        assertThat(alerts().get("PolicyMatchUnmatchedEndpoint").at("/annotations/description").asText())
                .contains("{{ $labels.endpoint }}", "{{ $labels.node }}");
        assertThat(alerts().get("PolicyMatchInvalidHostEndpoints").path("expr").asText())
                .contains("policymatch_endpoints{kind=\"host\",state=\"invalid\"}");
        assertThat(alerts().get("PolicyMatchInvalidPolicies").path("expr").asText())
                .contains("policymatch_invalid_policies");
        alerts().values().forEach(a -> assertThat(a.at("/labels/severity").asText()).isIn("warning", "critical"));
    }

    @Test
    void operatorDownWatchesTheJobOfTheMetricsService() {
        String service = DeployManifests.ofKind(documents, "Service").get(0).at("/metadata/name").asText();
        assertThat(alerts().get("PolicyMatchOperatorDown").path("expr").asText())
                .isEqualTo("absent(up{job=\"" + service + "\"} == 1)");
    }

    @Test
    void reconcileErrorAlertReadsTheMetricJosdkExports() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        MicrometerMetrics metrics = MicrometerMetrics.withoutPerResourceMetrics(registry);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put(Constants.CONTROLLER_NAME, "hostendpoint");
        metrics.failedReconciliation(SampleReports.matchedHostEndpoint(), new IllegalStateException("boom"), metadata);

        String expr = alerts().get("PolicyMatchReconcileErrors").path("expr").asText();
        String metric = expr.replaceAll(".*rate\\(([a-z_]+)\\[.*", "$1");
        assertThat(metric).isEqualTo("operator_sdk_reconciliations_failed_total");
        assertThat(registry.scrape()).containsPattern("(?m)^" + metric + "\\{[^}]*\\} 1\\.0$");
    }

    private Map<String, JsonNode> alerts() {
        Map<String, JsonNode> alerts = new LinkedHashMap<>();
        for (JsonNode rule : DeployManifests.ofKind(documents, "PrometheusRule")) {
            for (JsonNode group : rule.at("/spec/groups")) {
                for (JsonNode alert : group.path("rules")) {
                    alerts.put(alert.path("alert").asText(), alert);
                }
            }
        }
        return alerts;
    }
}
