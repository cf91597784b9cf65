package dev.policymatch.operator.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.policymatch.api.PolicyMatchReport;
import dev.policymatch.api.PolicyMatchReportStatus;
import dev.policymatch.api.SampleReports;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusDigestTest {

    private final KubernetesSerialization serialization = new KubernetesSerialization();

    private static PolicyMatchReportStatus status() {
        return SampleReports.matchedHostEndpoint().getStatus();
    }

    @Test
    void equalStatusesHaveEqualDigestsAndAnyDifferenceChangesIt() {
        assertThat(StatusDigest.of(status())).isEqualTo(StatusDigest.of(status()));

        PolicyMatchReportStatus oneProfileMore = status();
        oneProfileMore.setProfiles(List.of("kns.default", "ksa.default.default"));
        PolicyMatchReportStatus otherGeneration = status();
        otherGeneration.setObservedGeneration(2L);
        PolicyMatchReportStatus policiesSwapped = status();
        var policies = new ArrayList<>(policiesSwapped.getPolicies());
        Collections.reverse(policies);
        policiesSwapped.setPolicies(policies);

        for (PolicyMatchReportStatus changed : List.of(oneProfileMore, otherGeneration, policiesSwapped)) {
            assertThat(changed).isNotEqualTo(status());
            assertThat(StatusDigest.of(changed)).isNotEqualTo(StatusDigest.of(status()));
        }
    }

    @Test
    void theTransitionTimeAndTheOrderOfLabelsAreNotWhatAStatusSays() {
        PolicyMatchReportStatus later = status();
        later.getConditions().forEach(c -> c.setLastTransitionTime("2030-01-01T00:00:00Z"));
        assertThat(later).isEqualTo(status());
        assertThat(StatusDigest.of(later)).isEqualTo(StatusDigest.of(status()));

        PolicyMatchReportStatus ab = status();
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("a", "1");
        labels.put("b", "2");
        ab.setLabels(labels);
        PolicyMatchReportStatus ba = status();
        Map<String, String> reversed = new LinkedHashMap<>();
        reversed.put("b", "2");
        reversed.put("a", "1");
        ba.setLabels(reversed);
        assertThat(StatusDigest.of(ab)).isEqualTo(StatusDigest.of(ba));
    }

    /** The API server returns a custom resource with its keys sorted and may leave empty lists out. */
    @Test
    void aStatusReadBackAsTheServerReturnsItDigestsAsTheOneWritten() {
        PolicyMatchReport written = SampleReports.matchedHostEndpoint();
        written.getStatus().setViolations(List.of());
        ObjectNode json = serialization.convertValue(written, ObjectNode.class);
        JsonNode served = sortedWithoutEmptyLists(json);
        PolicyMatchReport readBack = serialization.convertValue(served, PolicyMatchReport.class);

        assertThat(readBack.getStatus()).isEqualTo(written.getStatus());
        assertThat(StatusDigest.of(readBack.getStatus())).isEqualTo(StatusDigest.of(written.getStatus()));
    }

    @Test
    void noStatusHasADigestOfItsOwn() {
        assertThat(StatusDigest.of(null)).isEqualTo(StatusDigest.NONE);
        assertThat(StatusDigest.of(new PolicyMatchReportStatus())).isNotEqualTo(StatusDigest.NONE);
    }

    private JsonNode sortedWithoutEmptyLists(JsonNode node) {
        if (node.isObject()) {
            ObjectNode sorted = serialization.convertValue(Map.of(), ObjectNode.class);
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.stream().sorted().forEach(name -> {
                JsonNode value = node.get(name);
                if (!(value.isArray() && value.isEmpty())) {
                    sorted.set(name, sortedWithoutEmptyLists(value));
                }
            });
            return sorted;
        }
        if (node.isArray()) {
            var array = serialization.convertValue(List.of(), com.fasterxml.jackson.databind.node.ArrayNode.class);
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                array.add(sortedWithoutEmptyLists(it.next()));
            }
            return array;
        }
        return node;
    }
}
