package dev.policymatch.operator.reconcile;

import static dev.policymatch.operator.OperatorHarness.globalPolicy;
import static dev.policymatch.operator.OperatorHarness.hostEndpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.policymatch.api.PolicyMatchReport;
import dev.policymatch.api.ReportCondition;
import dev.policymatch.operator.OperatorHarness;
import dev.policymatch.operator.PolicyMatchOperator;
import dev.policymatch.operator.http.MetricsAndProbesServer;
import dev.policymatch.source.document.ResourceKind;
import io.fabric8.kubernetes.api.model.Event;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Invalid input becomes reports, one event each and metrics; everything else keeps working. */
class ValidationAndMetricsIT {

    @RegisterExtension
    final OperatorHarness harness = OperatorHarness.perTest();

    private List<Event> events(String reason) {
        return harness.client().v1().events().inNamespace("default").list().getItems().stream()
                .filter(e -> reason.equals(e.getReason())).toList();
    }

    @Test
    void invalidHostEndpointGetsValidFalseWithEveryViolationAndOneEvent() {
        harness.apply(ResourceKind.HOST_ENDPOINT, """
                apiVersion: crd.projectcalico.org/v1
                kind: HostEndpoint
                metadata:
                  name: broken
                spec:
                  node: node1
                  interfaceName: this-name-is-far-too-long
                  expectedIPs: [10.0.0.300]
                """);
        harness.start(PolicyMatchOperator.Settings.of(OperatorHarness.NAMESPACE).withResync(Duration.ofSeconds(1)));

        PolicyMatchReport report = await().atMost(OperatorHarness.WAIT).until(() -> harness.report("hep.broken"),
                r -> r != null && r.getStatus() != null);
        ReportCondition valid = report.getStatus().condition(ReportCondition.VALID);
        assertThat(valid.getStatus()).isEqualTo("False");
        assertThat(valid.getReason()).isEqualTo("InvalidHostEndpoint");
        assertThat(report.getStatus().getViolations()).extracting(v -> v.getField())
                .contains("spec.interfaceName", "spec.expectedIPs[0]");
        await().atMost(OperatorHarness.WAIT).until(() -> events("InvalidHostEndpoint").size() == 1);
        Event event = events("InvalidHostEndpoint").get(0);
        assertThat(event.getType()).isEqualTo("Warning");
        assertThat(event.getInvolvedObject().getName()).isEqualTo("broken");
        assertThat(event.getMessage()).contains("spec.interfaceName", "10.0.0.300");

        // Several resyncs (every second here) later: still one event.
        await().pollDelay(Duration.ofSeconds(3)).atMost(OperatorHarness.WAIT)
                .until(() -> events("InvalidHostEndpoint").size() == 1);
    }

    @Test
    void unparsableSelectorIsLeftOutWithAnEventAndAMetricAndOtherReportsStayIntact() throws Exception {
        harness.apply(ResourceKind.GLOBAL_NETWORK_POLICY, globalPolicy("good", 100, "role == 'db'"));
        harness.apply(ResourceKind.GLOBAL_NETWORK_POLICY, globalPolicy("bad", 200, "role == "));
        harness.apply(ResourceKind.HOST_ENDPOINT, hostEndpoint("db", "node1", Map.of("role", "db")));
        harness.apply(ResourceKind.HOST_ENDPOINT, hostEndpoint("lonely", "node2", Map.of("role", "none")));
        harness.start();

        harness.awaitPolicies("hep.db", List.of("good"));
        harness.awaitPolicies("hep.lonely", List.of());
        await().atMost(OperatorHarness.WAIT).until(() -> events("InvalidSelector").size() == 1);
        assertThat(events("InvalidSelector").get(0).getInvolvedObject().getName()).isEqualTo("bad");

        try (MetricsAndProbesServer http = MetricsAndProbesServer.start(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), harness.registry(),
                harness.operator()::isReady)) {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            await().atMost(OperatorHarness.WAIT).untilAsserted(() -> {
                String metrics = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port()
                        + "/metrics")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString())
                        .body();
                assertThat(metrics)
                        .contains("policymatch_invalid_policies 1.0")
                        .contains("policymatch_endpoints{kind=\"host\",state=\"matched\"} 1.0")
                        .contains("policymatch_endpoints{kind=\"host\",state=\"unmatched\"} 1.0")
                        .contains("policymatch_endpoints{kind=\"host\",state=\"invalid\"} 0.0")
                        .contains("policymatch_unmatched_endpoint_info{endpoint=\"node2/lonely\",kind=\"host\",node=\"node2\"} 1")
                        .doesNotContain("endpoint=\"node1/db\"")
                        .contains("policymatch_report_writes_total{result=\"created\"} 2.0")
                        .contains("policymatch_match_update_seconds_bucket")
                        .contains("operator_sdk_reconciliations_started_total");
            });
            assertThat(client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + "/readyz"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                    .isEqualTo(200);
        }

        // Fixing the selector brings the policy back into matching; the metric drops to 0.
        harness.apply(ResourceKind.GLOBAL_NETWORK_POLICY, globalPolicy("bad", 200, "role == 'none'"));
        harness.awaitPolicies("hep.lonely", List.of("bad"));
        await().atMost(OperatorHarness.WAIT).until(() -> harness.registry().get("policymatch_invalid_policies")
                .gauge().value() == 0.0);
        assertThat(harness.registry().scrape()).doesNotContain("policymatch_unmatched_endpoint_info{");
    }
}
