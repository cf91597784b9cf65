package dev.policymatch.operator.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.policymatch.api.PolicyMatchReport;
import dev.policymatch.api.SampleReports;
import dev.policymatch.operator.OperatorHarness;
import dev.policymatch.operator.metrics.DomainMetrics;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The sweep over the controllers' caches, deleting as deploy/'s service account. */
class StaleReportSweeperIT {

    @RegisterExtension
    final OperatorHarness harness = OperatorHarness.perTest();

    private final AtomicBoolean synced = new AtomicBoolean();

    /** A family whose cache holds {@code cached}, of which {@code stale} have no covered endpoint. */
    private static Supplier<ReportFamily> family(List<String> cached, Set<String> stale) {
        return () -> new ReportFamily() {
            @Override
            public String endpoints() {
                return "host endpoints";
            }

            @Override
            public Stream<ResourceID> reports() {
                return cached.stream().map(name -> new ResourceID(name, OperatorHarness.NAMESPACE));
            }

            @Override
            public boolean isStale(ResourceID report) {
                return stale.contains(report.getName());
            }
        };
    }

    private void report(String name) {
        PolicyMatchReport report = SampleReports.matchedHostEndpoint();
        report.getMetadata().setName(name);
        report.getMetadata().setNamespace(OperatorHarness.NAMESPACE);
        report.getMetadata().setCreationTimestamp(null);
        report.setStatus(null);
        harness.client().resource(report).create();
    }

    @Test
    void deletesTheStaleReportsOnceTheCachesHaveSynced() {
        report("hep.alive");
        report("hep.gone");
        ReportWriter writer = new ReportWriter(harness.operatorClient(), new DomainMetrics(new SimpleMeterRegistry()),
                Clock.systemUTC(), new ReportLedger());
        StaleReportSweeper sweeper = new StaleReportSweeper(writer,
                List.of(family(List.of("hep.alive", "hep.gone"), Set.of("hep.gone"))), synced::get);

        assertThat(sweeper.ready()).isFalse();
        assertThat(sweeper.sweep()).as("caches still listing: nothing can be told stale").isEmpty();
        assertThat(harness.reports()).hasSize(2);

        synced.set(true);
        assertThat(sweeper.sweep()).containsExactly(OperatorHarness.NAMESPACE + "/hep.gone");
        assertThat(harness.reports()).extracting(r -> r.getMetadata().getName()).containsExactly("hep.alive");
    }
}
