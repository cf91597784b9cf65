package dev.policymatch.operator.robustness;

import static dev.policymatch.operator.OperatorHarness.globalPolicy;
import static dev.policymatch.operator.OperatorHarness.hostEndpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.policymatch.api.AppliedPolicy;
import dev.policymatch.api.PolicyMatchReport;
import dev.policymatch.api.ReportCondition;
import dev.policymatch.operator.OperatorHarness;
import dev.policymatch.operator.report.ReportNames;
import dev.policymatch.source.document.ResourceKind;
import io.fabric8.kubernetes.api.model.Event;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hostile and broken input reaching the operator (the CLI's side is {@code HostileInputTest}):
 * each becomes a report or an event, nothing else is affected, and the operator stays up.
 */
class OperatorHostileInputIT {

    private static final String PREFIX_253 = "p".repeat(63) + "." + "q".repeat(63) + "." + "r".repeat(63) + "."
            + "s".repeat(57) + ".com";

    @RegisterExtension
    final OperatorHarness harness = OperatorHarness.perTest();

    private List<Event> events(String reason) {
        return harness.client().v1().events().inNamespace("default").list().getItems().stream()
                .filter(e -> reason.equals(e.getReason())).toList();
    }

    private static String invalid(int i) {
        String iface = i % 10 == 0 ? "eth 0" : "eth0";
        return """
                apiVersion: crd.projectcalico.org/v1
                kind: HostEndpoint
                metadata:
                  name: host%d-eth0
                  labels:
                    role: web
                spec:
                  node: host%d
                  interfaceName: "%s"
                  expectedIPs: [10.0.%d.300]
                """.formatted(i, i, iface, i % 250);
    }

    @Test
    void thousandInvalidHostEndpointsGetReportsWithViolationsAndOneEventEachInBoundedHeap() throws Exception {
        harness.apply(ResourceKind.GLOBAL_NETWORK_POLICY, globalPolicy("web", 100, "role == 'web'"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> created = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            int n = i;
            created.add(pool.submit(() -> harness.apply(ResourceKind.HOST_ENDPOINT, invalid(n))));
        }
        for (Future<?> f : created) {
            f.get();
        }
        pool.shutdown();
        harness.start();

        await().atMost(Duration.ofSeconds(50)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            List<PolicyMatchReport> reports = harness.reports();
            return reports.size() == 1_000 && reports.stream().allMatch(r -> r.getStatus() != null
                    && r.getStatus().condition(ReportCondition.VALID) != null);
        });
        for (PolicyMatchReport report : harness.reports()) {
            int i = Integer.parseInt(report.getMetadata().getName().replaceAll("\\D", "").replaceFirst("0$", ""));
            assertThat(report.getStatus().condition(ReportCondition.VALID).getStatus()).isEqualTo("False");
            assertThat(report.getStatus().getViolations()).extracting(v -> v.getField())
                    .containsExactlyElementsOf(i % 10 == 0 ? List.of("spec.interfaceName", "spec.expectedIPs[0]")
                            : List.of("spec.expectedIPs[0]"));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> events("InvalidHostEndpoint").size() == 1_000);
        assertThat(events("InvalidHostEndpoint")).extracting(e -> e.getInvolvedObject().getName())
                .doesNotHaveDuplicates();
        assertThat(harness.operator().isReady()).isTrue();

        // The whole test JVM (API server store included) after a GC: well inside a small pod's heap.
        System.gc();
        long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        assertThat(used).as("heap used after GC").isLessThan(512L << 20);
    }

    /** A selector of about 10,000 characters: role == 'web' || app == 'app-0000' || app == 'app-0001' ... */
    private static String longSelector() {
        StringBuilder s = new StringBuilder("role == 'web'");
        for (int i = 0; s.length() < 10_000; i++) {
            s.append(" || app == 'app-").append(String.format("%04d", i)).append('\'');
        }
        return s.toString();
    }

    @Test
    void longSelectorsLabelsAtTheirLimitsUnicodeAndMissingTiersAndProfiles() {
        String selector = longSelector();
        assertThat(selector.length()).isBetween(10_000, 10_030);
        harness.apply(ResourceKind.GLOBAL_NETWORK_POLICY, globalPolicy("long", 100, selector));
        // The same without its last closing quote: does not parse.
        harness.apply(ResourceKind.GLOBAL_NETWORK_POLICY,
                globalPolicy("long-broken", 100, selector.substring(0, selector.length() - 1)));
        harness.apply(ResourceKind.GLOBAL_NETWORK_POLICY, """
                apiVersion: crd.projectcalico.org/v1
                kind: GlobalNetworkPolicy
                metadata:
                  name: ghost.in-a-missing-tier
                spec:
                  tier: ghost
                  order: 10
                  selector: "all()"
                  ingress:
                  - action: Allow
                """);
        Map<String, String> limits = new LinkedHashMap<>();
        limits.put("role", "web");
        limits.put(PREFIX_253 + "/" + "n".repeat(63), "v".repeat(63));
        harness.apply(ResourceKind.HOST_ENDPOINT, hostEndpoint("limits", "node1", limits, "no-such-profile"));
        harness.apply(ResourceKind.HOST_ENDPOINT, hostEndpoint("unicode", "node2",
                Map.of("role", "web", "zone", "zürich")));
        harness.apply(ResourceKind.HOST_ENDPOINT, hostEndpoint("over", "node3",
                Map.of("role", "web", "x".repeat(64), "v")));
        harness.start();

        // Valid long selector: applies. Missing tier: the policy applies all the same (Calico's API server
        // would refuse it, but the tier may arrive later), its tier sorted as one without an order, after
        // the default tier (order 1,000,000). Missing profile: listed, as Calico does.
        PolicyMatchReport limitsReport = harness.awaitPolicies("hep.limits", List.of("long", "ghost.in-a-missing-tier"));
        assertThat(limitsReport.getStatus().condition(ReportCondition.VALID).getStatus()).isEqualTo("True");
        assertThat(limitsReport.getStatus().getProfiles()).containsExactly("no-such-profile");
        assertThat(limitsReport.getStatus().getPolicies()).extracting(AppliedPolicy::getTier)
                .containsExactly("default", "ghost");
        await().atMost(OperatorHarness.WAIT).until(() -> events("InvalidSelector").size() == 1);
        assertThat(events("InvalidSelector").get(0).getInvolvedObject().getName()).isEqualTo("long-broken");

        // Unicode in a label value, a label name one character over the limit: Valid=False with the violation
        // (a bad key is reported on metadata.labels, its value being the key).
        for (var reportAndField : Map.of("hep.unicode", "metadata.labels.zone",
                "hep.over", "metadata.labels").entrySet()) {
            PolicyMatchReport report = await().atMost(OperatorHarness.WAIT).until(
                    () -> harness.report(reportAndField.getKey()), r -> r != null && r.getStatus() != null);
            assertThat(report.getStatus().condition(ReportCondition.VALID).getStatus()).isEqualTo("False");
            assertThat(report.getStatus().getViolations()).extracting(v -> v.getField())
                    .containsExactly(reportAndField.getValue());
        }
        assertThat(harness.operator().isReady()).isTrue();
    }

    @Test
    void anEndpointWithTheLongestNameGetsAValidReportThatLeadsBackToIt() {
        String name = PREFIX_253;
        assertThat(name).hasSize(253);
        harness.apply(ResourceKind.HOST_ENDPOINT, hostEndpoint(name, "node1", Map.of("role", "web")));
        harness.start();
        String reportName = ReportNames.forHostEndpoint(name);
        assertThat(reportName).hasSizeLessThanOrEqualTo(253).startsWith("hep.").doesNotContain(name);
        PolicyMatchReport report = await().atMost(OperatorHarness.WAIT).until(() -> harness.report(reportName),
                r -> r != null && r.getStatus() != null);
        assertThat(report.getSpec().getEndpoint().getName()).isEqualTo(name);

        // A deleted report is an event on the report: it must lead back to its HostEndpoint, which is
        // reconciled and writes it again.
        harness.client().resources(PolicyMatchReport.class).inNamespace(OperatorHarness.NAMESPACE)
                .withName(reportName).delete();
        await().atMost(OperatorHarness.WAIT).until(() -> harness.report(reportName),
                r -> r != null && r.getStatus() != null && !r.getMetadata().getUid().equals(report.getMetadata().getUid()));
    }

    /**
     * Tens of thousands of violations make one event whose message stays within what kube-apiserver and
     * kube-scheduler allow a note (1,024 bytes of UTF-8), names how many were left out, and is the same
     * event for an operator started again (its name comes from the message).
     */
    @Test
    void anEndpointWithThousandsOfViolationsGetsOneEventWithinTheNoteLimit() {
        int addresses = 20_000;
        String expectedIPs = IntStream.range(0, addresses)
                .mapToObj(i -> "\"10.0.0.ü" + i + "\"").collect(Collectors.joining(", "));
        harness.apply(ResourceKind.HOST_ENDPOINT, """
                apiVersion: crd.projectcalico.org/v1
                kind: HostEndpoint
                metadata:
                  name: crowded-eth0
                spec:
                  node: crowded
                  interfaceName: eth0
                  expectedIPs: [%s]
                """.formatted(expectedIPs));
        harness.start();

        Event event = await().atMost(OperatorHarness.WAIT).until(() -> events("InvalidHostEndpoint"),
                found -> found.size() == 1).get(0);
        String message = event.getMessage();
        assertThat(message.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(1024);
        assertThat(message).startsWith(addresses + " violations: spec.expectedIPs[0]: \"10.0.0.ü0\" is not")
                .matches(".*; and \\d+ more");

        harness.stop();
        harness.start();
        await().atMost(OperatorHarness.WAIT).until(() -> harness.registry().find("policymatch_endpoints")
                .tags("kind", "host", "state", "invalid").gauge(), gauge -> gauge != null && gauge.value() == 1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(
                () -> events("InvalidHostEndpoint"), found -> found.size() == 1);
        assertThat(events("InvalidHostEndpoint").get(0).getMessage()).isEqualTo(message);
    }
}
