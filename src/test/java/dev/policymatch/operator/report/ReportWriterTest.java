package dev.policymatch.operator.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.policymatch.api.PolicyMatchReport;
import dev.policymatch.api.SampleReports;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When the writer updates a report's object (the status is compared on its own; see {@code ReportWriterIT}). */
class ReportWriterTest {

    private static PolicyMatchReport desired() {
        PolicyMatchReport report = SampleReports.matchedHostEndpoint();
        report.getMetadata().setLabels(new HashMap<>(ReportNames.hostLabels()));
        report.getMetadata().setOwnerReferences(List.of(new OwnerReferenceBuilder().withApiVersion("crd.projectcalico.org/v1")
                .withKind("HostEndpoint").withName("node1-eth0").withUid("uid-1").build()));
        return report;
    }

    @Test
    void anEqualObjectMatchesEvenWithOtherTransitionTimesAndExtraLabels() {
        PolicyMatchReport stored = desired();
        stored.getStatus().getConditions().forEach(c -> c.setLastTransitionTime("2020-01-01T00:00:00Z"));
        stored.getMetadata().getLabels().put("team", "net");
        assertThat(ReportWriter.objectMatches(desired(), stored)).isTrue();
    }

    @Test
    void aNewOwnerUidOrSpecOrMissingLabelIsAnObjectUpdate() {
        PolicyMatchReport otherOwner = desired();
        otherOwner.getMetadata().setOwnerReferences(List.of(new OwnerReferenceBuilder()
                .withApiVersion("crd.projectcalico.org/v1").withKind("HostEndpoint").withName("node1-eth0")
                .withUid("uid-0").build()));
        assertThat(ReportWriter.objectMatches(desired(), otherOwner)).isFalse();

        PolicyMatchReport otherNode = desired();
        otherNode.getSpec().getEndpoint().setNode("node2");
        assertThat(ReportWriter.objectMatches(desired(), otherNode)).isFalse();

        PolicyMatchReport unlabelled = desired();
        unlabelled.getMetadata().setLabels(Map.of());
        assertThat(ReportWriter.objectMatches(desired(), unlabelled)).isFalse();
    }
}
