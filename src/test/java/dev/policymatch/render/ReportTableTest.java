package dev.policymatch.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.policymatch.api.SampleReports;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTableTest {

    @Test
    void columnsAreKubectlsWithoutAgeSortedByNamespaceAndName() {
        assertThat(ReportTable.render(List.of(SampleReports.matchedHostEndpoint(), SampleReports.invalidHostEndpoint())))
                .isEqualTo("""
                        NAMESPACE            NAME             ENDPOINT           NODE    POLICIES   PROFILES   RULE MATCHES   MATCHED   VALID
                        policymatch-system   hep.bad          /bad                       0          0          0              False     False
                        policymatch-system   hep.node1-eth0   node1/node1-eth0   node1   2          1          1              True      True
                        """);
    }
}
