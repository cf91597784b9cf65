package dev.policymatch.operator.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.policymatch.operator.customresource.PolicyMatchReport;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Report names and labels: each kind's reports can be told apart and traced back to their endpoint. */
class ReportNamesTest {

    @ParameterizedTest
    @CsvSource({
            "pod.web-6c9f7,   web-6c9f7, ''",
            "pod.a.b,         a.b,       ''",
            "hep.node1-eth0,  '',        node1-eth0",
            "pod.,            '',        ''",
            "other,           '',        ''"})
    void endpointOfAReportByItsName(String report, String pod, String host) {
        PolicyMatchReport r = new PolicyMatchReport();
        r.getMetadata().setName(report);
        assertThat(ReportNames.podOf(r).orElse("")).isEqualTo(pod);
        assertThat(ReportNames.hostEndpointOf(r).orElse("")).isEqualTo(host);
    }

    @Test
    void podReportsAreNamedAndLabelledApartFromHostReports() {
        assertThat(ReportNames.forPod("web-6c9f7")).isEqualTo("pod.web-6c9f7");
        assertThat(ReportNames.podLabels()).containsEntry(ReportNames.ENDPOINT_KIND_LABEL, "workload")
                .containsEntry(ReportNames.MANAGED_BY_LABEL, ReportNames.MANAGED_BY);
        assertThat(ReportNames.podSelector()).isEqualTo(
                "app.kubernetes.io/managed-by=policymatch-operator,policymatch.dev/endpoint-kind=workload");
        assertThat(ReportNames.managedSelector()).isEqualTo("app.kubernetes.io/managed-by=policymatch-operator");
    }

    /** Kubernetes' DNS-1123 subdomain, which an object name must be. */
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile(
            "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    @Test
    void namesThatFitKeepTheEndpointsNameWhole() {
        String longest = "a".repeat(ReportNames.MAX_NAME_LENGTH - 4);
        assertThat(ReportNames.forHostEndpoint(longest)).isEqualTo("hep." + longest).hasSize(253);
        assertThat(ReportNames.forPod("web-6c9f7")).isEqualTo("pod.web-6c9f7");
    }

    @Test
    void theLongestEndpointNamesGiveValidUniqueStableReportNames() {
        // 253 characters, as long as Kubernetes allows; the prefix would make 257.
        String base = "n".repeat(62) + "." + "m".repeat(63) + "." + "k".repeat(63) + "." + "j".repeat(59);
        String a = base + "-aa";
        String b = base + "-bb";
        String withDashAtTheCut = "x".repeat(237) + "-" + "y".repeat(15);
        for (String name : List.of(a, b, withDashAtTheCut)) {
            assertThat(name).hasSize(253);
            for (String report : List.of(ReportNames.forHostEndpoint(name), ReportNames.forPod(name))) {
                assertThat(report.length()).isLessThanOrEqualTo(253);
                assertThat(DNS_SUBDOMAIN.matcher(report).matches()).as(report).isTrue();
            }
        }
        assertThat(ReportNames.forHostEndpoint(a)).isNotEqualTo(ReportNames.forHostEndpoint(b))
                .isEqualTo(ReportNames.forHostEndpoint(new String(a))).startsWith("hep." + "n".repeat(62) + ".");
        assertThat(ReportNames.forPod(a)).startsWith("pod.").isNotEqualTo(ReportNames.forPod(b));
    }

    @Test
    void aShortenedReportLeadsBackToItsEndpointThroughItsOwner() {
        String pod = "p".repeat(253);
        PolicyMatchReport report = new PolicyMatchReport();
        report.getMetadata().setName(ReportNames.forPod(pod));
        report.getMetadata().setOwnerReferences(List.of(new OwnerReferenceBuilder().withApiVersion("v1")
                .withKind("Pod").withName(pod).withUid("u1").build()));
        assertThat(ReportNames.podOf(report)).contains(pod);
        assertThat(ReportNames.hostEndpointOf(report)).isEmpty();

        String hep = "h".repeat(253);
        report.getMetadata().setName(ReportNames.forHostEndpoint(hep));
        report.getMetadata().setOwnerReferences(List.of(new OwnerReferenceBuilder()
                .withApiVersion("crd.projectcalico.org/v1").withKind("HostEndpoint").withName(hep).withUid("u2")
                .build()));
        assertThat(ReportNames.hostEndpointOf(report)).contains(hep);
        assertThat(ReportNames.podOf(report)).isEmpty();
    }
}
