package dev.policymatch.operator.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.policymatch.operator.customresource.PolicyMatchReport;
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
}
