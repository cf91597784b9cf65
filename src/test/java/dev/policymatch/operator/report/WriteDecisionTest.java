package dev.policymatch.operator.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.policymatch.api.PolicyMatchReport;
import dev.policymatch.api.SampleReports;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WriteDecisionTest {

    private static PolicyMatchReport desired() {
        PolicyMatchReport report = SampleReports.matchedHostEndpoint();
        report.getMetadata().setLabels(new HashMap<>(ReportNames.hostLabels()));
        report.getMetadata().setOwnerReferences(List.of(new OwnerReferenceBuilder().withApiVersion("crd.projectcalico.org/v1")
                .withKind("HostEndpoint").withName("node1-eth0").withUid("uid-1").build()));
        return report;
    }

    @Test
    void noStoredReportIsACreateAndAStatusWrite() {
        assertThat(WriteDecision.between(desired(), null)).isEqualTo(new WriteDecision(true, false, true));
    }

    @Test
    void anEqualReportNeedsNothingEvenWithOtherTransitionTimesAndExtraLabels() {
        PolicyMatchReport stored = desired();
        stored.getStatus().getConditions().forEach(c -> c.setLastTransitionTime("2020-01-01T00:00:00Z"));
        stored.getMetadata().getLabels().put("team", "net");
        assertThat(WriteDecision.between(desired(), stored).nothing()).isTrue();
    }

    @Test
    void aDifferentStatusIsAStatusWriteOnly() {
        PolicyMatchReport stored = desired();
        stored.getStatus().setProfiles(List.of());
        assertThat(WriteDecision.between(desired(), stored)).isEqualTo(new WriteDecision(false, false, true));
    }

    @Test
    void aNewOwnerUidOrSpecOrMissingLabelIsAnObjectUpdate() {
        PolicyMatchReport otherOwner = desired();
        otherOwner.getMetadata().setOwnerReferences(List.of(new OwnerReferenceBuilder()
                .withApiVersion("crd.projectcalico.org/v1").withKind("HostEndpoint").withName("node1-eth0")
                .withUid("uid-0").build()));
        assertThat(WriteDecision.between(desired(), otherOwner).updateObject()).isTrue();

        PolicyMatchReport otherNode = desired();
        otherNode.getSpec().getEndpoint().setNode("node2");
        assertThat(WriteDecision.between(desired(), otherNode).updateObject()).isTrue();

        PolicyMatchReport unlabelled = desired();
        unlabelled.getMetadata().setLabels(Map.of());
        assertThat(WriteDecision.between(desired(), unlabelled).updateObject()).isTrue();
    }
}
