package dev.policymatch.operator.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.policymatch.api.PolicyMatchReport;
import dev.policymatch.api.PolicyMatchReportStatus;
import dev.policymatch.api.ReportCondition;
import dev.policymatch.api.SampleReports;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import org.junit.jupiter.api.Test;

class ReportLedgerTest {

    private final ReportLedger ledger = new ReportLedger();
    private final ItemStore<PolicyMatchReport> cache = ledger.newStore();

    private static PolicyMatchReport stored(String resourceVersion) {
        PolicyMatchReport report = SampleReports.matchedHostEndpoint();
        report.getMetadata().setResourceVersion(resourceVersion);
        report.getMetadata().getAnnotations().put("kubectl.kubernetes.io/last-applied-configuration", "{...}");
        report.getStatus().getConditions().forEach(c -> c.setLastTransitionTime("2026-12-01T10:00:00Z"));
        return report;
    }

    private PolicyMatchReport put(PolicyMatchReport report) {
        String key = cache.getKey(report);
        cache.put(key, report);
        return cache.get(key);
    }

    @Test
    void theCacheKeepsWhatTheNextWriteNeedsAndADigestInsteadOfTheStatus() {
        PolicyMatchReport whole = stored("7");
        PolicyMatchReport kept = put(whole);

        assertThat(kept.getMetadata().getName()).isEqualTo(whole.getMetadata().getName());
        assertThat(kept.getMetadata().getNamespace()).isEqualTo(whole.getMetadata().getNamespace());
        assertThat(kept.getMetadata().getResourceVersion()).isEqualTo("7");
        assertThat(kept.getMetadata().getGeneration()).isEqualTo(1L);
        assertThat(kept.getMetadata().getAnnotations()).isEmpty();
        assertThat(kept.getSpec()).isEqualTo(whole.getSpec());
        PolicyMatchReportStatus status = kept.getStatus();
        assertThat(status.getPolicies()).isEmpty();
        assertThat(status.getRuleMatches()).isEmpty();
        assertThat(status.getLabels()).isEmpty();
        assertThat(status.getIngress()).isNull();
        assertThat(status.getConditions()).extracting(ReportCondition::getType, ReportCondition::getStatus,
                        ReportCondition::getLastTransitionTime, ReportCondition::getMessage)
                .containsExactlyElementsOf(whole.getStatus().getConditions().stream()
                        .map(c -> org.assertj.core.groups.Tuple.tuple(c.getType(), c.getStatus(),
                                "2026-12-01T10:00:00Z", null))
                        .toList());
        assertThat(ReportLedger.digestOf(status)).isEqualTo(StatusDigest.of(whole.getStatus()));
    }

    @Test
    void aReportWithoutStatusIsKeptWithoutOne() {
        PolicyMatchReport created = stored("3");
        created.setStatus(null);
        assertThat(put(created).getStatus()).isNull();
        assertThat(ReportLedger.digestOf(put(created).getStatus())).isEqualTo(StatusDigest.NONE);
    }

    @Test
    void aReListOfTheSameVersionKeepsWhatWasRecorded() {
        PolicyMatchReport first = put(stored("7"));
        assertThat(put(stored("7"))).isSameAs(first);
        assertThat(put(stored("8"))).isNotSameAs(first);
    }

    @Test
    void ourWriteIsUnseenUntilTheCacheHasItsVersion() {
        PolicyMatchReport created = stored("3");
        created.setStatus(null);
        put(created);
        String key = ReportLedger.key(created.getMetadata());
        PolicyMatchReport written = stored("4");
        StatusDigest digest = StatusDigest.of(written.getStatus());
        ledger.wrote(written, digest);

        assertThat(ledger.cacheBehind(key, cache.get(key))).as("the cache shows the create").isTrue();
        assertThat(ledger.cacheBehind(key, null)).isTrue();
        // The status write's own event: recorded with the digest we wrote, and no longer unseen.
        PolicyMatchReport seen = put(stored("4"));
        assertThat(ReportLedger.digestOf(seen.getStatus())).isEqualTo(digest);
        assertThat(ledger.cacheBehind(key, seen)).isFalse();
        assertThat(ledger).hasToString("ReportLedger{0 unseen writes}");
    }

    @Test
    void readingOrDeletingTheReportForgetsOurWrite() {
        PolicyMatchReport written = stored("4");
        ledger.wrote(written, StatusDigest.of(written.getStatus()));
        String key = ReportLedger.key(written.getMetadata());
        ledger.forget(key);
        assertThat(ledger.cacheBehind(key, null)).isFalse();
    }

    @Test
    void aForeignVersionIsDigestedFromWhatItSays() {
        PolicyMatchReport written = stored("4");
        ledger.wrote(written, StatusDigest.of(written.getStatus()));
        PolicyMatchReport edited = stored("5");
        edited.getStatus().setProfiles(java.util.List.of("edited-by-hand"));

        PolicyMatchReport seen = put(edited);
        assertThat(ReportLedger.digestOf(seen.getStatus())).isEqualTo(StatusDigest.of(edited.getStatus()))
                .isNotEqualTo(StatusDigest.of(written.getStatus()));
    }
}
