package dev.policymatch.scale;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    private static final String EXPOSITION = """
            # HELP operator_sdk_reconciliations_success_total
            # TYPE operator_sdk_reconciliations_success_total counter
            operator_sdk_reconciliations_success_total{controller="hostendpoint",group=""} 10000.0
            operator_sdk_reconciliations_success_total{controller="pod",group="",note="a } in a label"} 25.0
            operator_sdk_reconciliations_success_total_extra{controller="pod"} 7.0
            policymatch_endpoints 12 1700000000000
            """;

    @Test
    void sumsEverySampleOfTheMetricWhateverItsLabels() {
        assertThat(PrometheusText.sum(EXPOSITION, "operator_sdk_reconciliations_success_total")).isEqualTo(10_025.0);
    }

    @Test
    void readsSamplesWithoutLabelsAndWithATimestamp() {
        assertThat(PrometheusText.sum(EXPOSITION, "policymatch_endpoints")).isEqualTo(12.0);
    }

    @Test
    void isZeroForAMissingMetricOrAnEmptyScrape() {
        assertThat(PrometheusText.sum(EXPOSITION, "policymatch_missing")).isZero();
        assertThat(PrometheusText.sum("", "policymatch_endpoints")).isZero();
    }
}
