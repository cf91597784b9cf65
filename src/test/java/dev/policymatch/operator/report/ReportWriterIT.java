package dev.policymatch.operator.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.policymatch.api.PolicyMatchReport;
import dev.policymatch.api.PolicyMatchReportStatus;
import dev.policymatch.api.ReportCondition;
import dev.policymatch.api.SampleReports;
import dev.policymatch.operator.OperatorHarness;
import dev.policymatch.operator.metrics.DomainMetrics;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The one write path on the embedded API server: create, status, 409s, and writing nothing when equal. */
class ReportWriterIT {

    @RegisterExtension
    final OperatorHarness harness = OperatorHarness.perTest();
    private DomainMetrics metrics;
    private ReportLedger ledger;
    private ReportWriter writer;

    @BeforeEach
    void start() {
        metrics = new DomainMetrics(new SimpleMeterRegistry());
        ledger = new ReportLedger();
        writer = new ReportWriter(harness.operatorClient(), metrics, Clock.systemUTC(), ledger);
    }

    private static PolicyMatchReport desired() {
        PolicyMatchReport report = SampleReports.matchedHostEndpoint();
        report.getMetadata().setNamespace(OperatorHarness.NAMESPACE);
        report.getMetadata().setGeneration(null);
        report.getMetadata().setCreationTimestamp(null);
        report.getMetadata().setLabels(new HashMap<>(ReportNames.hostLabels()));
        return report;
    }

    private static PolicyMatchReportStatus statusFor(Long generation) {
        PolicyMatchReportStatus status = SampleReports.matchedHostEndpoint().getStatus();
        status.setObservedGeneration(generation);
        status.getConditions().forEach(c -> {
            c.setObservedGeneration(generation);
            c.setLastTransitionTime(null);
        });
        return status;
    }

    @Test
    void createsThenWritesStatusThenWritesNothingWhenEqual() {
        PolicyMatchReport written = writer.write(desired(), ReportWriterIT::statusFor, null);
        assertThat(written.getStatus().getPolicies()).hasSize(2);
        assertThat(metrics.writes(DomainMetrics.WriteResult.CREATED)).isEqualTo(1);
        assertThat(metrics.writes(DomainMetrics.WriteResult.STATUS_UPDATED)).isEqualTo(1);

        PolicyMatchReport again = writer.write(desired(), ReportWriterIT::statusFor, written);
        assertThat(again).isSameAs(written);
        assertThat(metrics.successfulWrites()).isEqualTo(2);
    }

    /** As the report informer's cache gives it: a recorded report, its status only a digest. */
    @Test
    void aRecordedReportIsComparedByDigestAndKeepsItsConditionTimes() {
        writer.write(desired(), ReportWriterIT::statusFor, null);
        var cache = ledger.newStore();
        PolicyMatchReport served = harness.client().resources(PolicyMatchReport.class)
                .inNamespace(OperatorHarness.NAMESPACE).withName(desired().getMetadata().getName()).get();
        cache.put(cache.getKey(served), served);
        PolicyMatchReport recorded = cache.get(cache.getKey(served));
        assertThat(recorded.getStatus().getPolicies()).as("not kept").isEmpty();

        assertThat(writer.write(desired(), ReportWriterIT::statusFor, recorded)).isSameAs(recorded);
        assertThat(metrics.successfulWrites()).as("unchanged: nothing written").isEqualTo(2);

        PolicyMatchReport changed = writer.write(desired(), generation -> {
            PolicyMatchReportStatus status = statusFor(generation);
            status.setProfiles(java.util.List.of("kns.default", "ksa.default.default"));
            return status;
        }, recorded);
        assertThat(changed.getStatus().getProfiles()).containsExactly("kns.default", "ksa.default.default");
        assertThat(metrics.writes(DomainMetrics.WriteResult.STATUS_UPDATED)).isEqualTo(2);
        assertThat(changed.getStatus().getConditions())
                .extracting(ReportCondition::getLastTransitionTime)
                .as("the conditions did not flip: their times are the stored ones")
                .containsExactlyElementsOf(served.getStatus().getConditions().stream()
                        .map(ReportCondition::getLastTransitionTime).toList());
    }

    @Test
    void aStaleCacheIsReadAgainInsteadOfWrittenOver() {
        PolicyMatchReport written = writer.write(desired(), ReportWriterIT::statusFor, null);
        PolicyMatchReport created = harness.client().resources(PolicyMatchReport.class)
                .inNamespace(OperatorHarness.NAMESPACE).withName(written.getMetadata().getName()).get();
        created.setStatus(null);
        created.getMetadata().setResourceVersion(String.valueOf(
                Long.parseLong(written.getMetadata().getResourceVersion()) - 1));

        writer.write(desired(), ReportWriterIT::statusFor, created);
        assertThat(metrics.writes(DomainMetrics.WriteResult.STATUS_UPDATED)).as("nothing new to write").isEqualTo(1);
    }

    @Test
    void anExistingReportThatTheCacheMissedIsAdoptedNotDuplicated() {
        writer.write(desired(), ReportWriterIT::statusFor, null);
        ReportWriter restarted = new ReportWriter(harness.operatorClient(), metrics, Clock.systemUTC(),
                new ReportLedger());
        restarted.write(desired(), ReportWriterIT::statusFor, null);
        assertThat(harness.reports()).hasSize(1);
        assertThat(metrics.writes(DomainMetrics.WriteResult.CONFLICT)).isEqualTo(1);
        assertThat(metrics.writes(DomainMetrics.WriteResult.CREATED)).isEqualTo(1);
    }

    /**
     * As on a real API server, an update carrying a stale resourceVersion is refused with 409 on the
     * status subresource as on the object itself, and the newer write stays (the embedded
     * server used to accept the stale status update and lose the newer one).
     */
    @Test
    void staleUpdatesOfTheObjectAndOfItsStatusAreConflicts() {
        PolicyMatchReport written = writer.write(desired(), ReportWriterIT::statusFor, null);
        var reports = harness.client().resources(PolicyMatchReport.class).inNamespace(OperatorHarness.NAMESPACE);
        String name = written.getMetadata().getName();

        PolicyMatchReport stale = reports.withName(name).get();
        PolicyMatchReport fresh = reports.withName(name).get();
        fresh.getStatus().setProfiles(List.of("a"));
        reports.resource(fresh).updateStatus();
        stale.getStatus().setProfiles(List.of("b"));
        assertThatThrownBy(() -> reports.resource(stale).updateStatus())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(409);
                    assertThat(e.getStatus().getReason()).isEqualTo("Conflict");
                    assertThat(e.getStatus().getMessage()).isEqualTo("Operation cannot be fulfilled on "
                            + "policymatchreports.policymatch.dev \"" + name + "\": the object has been modified; "
                            + "please apply your changes to the latest version and try again");
                });
        assertThat(reports.withName(name).get().getStatus().getProfiles()).containsExactly("a");

        PolicyMatchReport staleObject = reports.withName(name).get();
        PolicyMatchReport freshObject = reports.withName(name).get();
        freshObject.getMetadata().getLabels().put("x", "1");
        reports.resource(freshObject).update();
        staleObject.getMetadata().getLabels().put("x", "2");
        assertThatThrownBy(() -> reports.resource(staleObject).update())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
    }

    /** The writer's answer to a status conflict: read again, decide again, write on top of the newer status. */
    @Test
    void aStatusConflictIsReadAgainAndWrittenOnTopOfTheNewerStatus() {
        PolicyMatchReport written = writer.write(desired(), ReportWriterIT::statusFor, null);
        var reports = harness.client().resources(PolicyMatchReport.class).inNamespace(OperatorHarness.NAMESPACE);
        PolicyMatchReport cached = reports.withName(written.getMetadata().getName()).get();
        PolicyMatchReport other = reports.withName(written.getMetadata().getName()).get();
        other.getStatus().setProfiles(List.of("written-by-someone-else"));
        reports.resource(other).updateStatus();

        writer.write(desired(), generation -> {
            PolicyMatchReportStatus status = statusFor(generation);
            status.setProfiles(List.of("computed"));
            return status;
        }, cached);
        assertThat(reports.withName(written.getMetadata().getName()).get().getStatus().getProfiles())
                .containsExactly("computed");
        assertThat(metrics.writes(DomainMetrics.WriteResult.CONFLICT)).isEqualTo(1);
        assertThat(metrics.writes(DomainMetrics.WriteResult.STATUS_UPDATED)).isEqualTo(2);
    }
}
