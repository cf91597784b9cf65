package dev.policymatch.operator.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.policymatch.operator.customresource.SampleReports;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTableTest {

    @Test
    void columnsAreKubectlsWithoutAgeSortedByName() {
        assertThat(ReportTable.render(List.of(SampleReports.matchedHostEndpoint(), SampleReports.invalidHostEndpoint())))
                .isEqualTo("""
                        NAME             ENDPOINT           NODE    POLICIES   PROFILES   RULE MATCHES   MATCHED   VALID
                        hep.bad          /bad                       0          0          0              False     False
                        hep.node1-eth0   node1/node1-eth0   node1   2          1          1              True      True
                        """);
    }
}
