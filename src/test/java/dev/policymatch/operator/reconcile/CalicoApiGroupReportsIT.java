package dev.policymatch.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.policymatch.api.PolicyMatchReport;
import dev.policymatch.operator.OperatorHarness;
import dev.policymatch.source.calico.StoredForm;
import dev.policymatch.source.document.CalicoApiGroup;
import dev.policymatch.source.document.ResourceKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.io.File;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The operator on a cluster that serves Calico's kinds as {@code crd.projectcalico.org/v1} (Calico's stored form)
 * and on one that serves them as {@code projectcalico.org/v3} CRDs, with the same estate (examples/cluster-stored,
 * copied into v3 as Calico 3.32's migration does): the group is detected, the reports are the same, and each
 * report's owner is the HostEndpoint as read, with its group's apiVersion and its uid.
 */
class CalicoApiGroupReportsIT {
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final List<String> REPORTS = List.of("hep.node1-eth0", "hep.node1-auto-hep");

    @Test
    void bothGroupsGiveTheSameReports() throws Exception {
        Map<String, List<String>> v1 = reports(CalicoApiGroup.CRD_V1);
        Map<String, List<String>> v3 = reports(CalicoApiGroup.PROJECTCALICO_V3);
        assertThat(v1).isEqualTo(v3).containsEntry("hep.node1-eth0", List.of("allow-dns", "allow-db"))
                .containsEntry("hep.node1-auto-hep", List.of("allow-dns", "deny-auto-heps-ssh"));
    }

    @Test
    void aChangeOfTheStoredLabelsChangesTheReport() throws Exception {
        try (OperatorHarness harness = OperatorHarness.perTest()) {
            load(harness, CalicoApiGroup.CRD_V1);
            harness.start();
            harness.awaitPolicies("hep.node1-eth0", List.of("allow-dns", "allow-db"));
            harness.apply(ResourceKind.HOST_ENDPOINT, """
                    apiVersion: crd.projectcalico.org/v1
                    kind: HostEndpoint
                    metadata:
                      name: node1-eth0
                      annotations:
                        projectcalico.org/metadata: '{"labels":{"role":"web"}}'
                    spec: {node: node1, interfaceName: eth0}
                    """);
            harness.awaitPolicies("hep.node1-eth0", List.of("allow-dns"));
        }
    }

    /** The policies of each report, after checking its owner reference. */
    private static Map<String, List<String>> reports(CalicoApiGroup group) throws Exception {
        try (OperatorHarness harness = OperatorHarness.perTest().inGroup(group)) {
            load(harness, group);
            harness.start();
            await().atMost(OperatorHarness.WAIT).until(() -> REPORTS.stream().allMatch(name ->
                    harness.report(name) != null && harness.report(name).getStatus() != null));
            assertThat(harness.operator().calicoApiGroup()).isEqualTo(group);
            Map<String, PolicyMatchReport> reports = harness.reportsByName();
            for (String name : REPORTS) {
                GenericKubernetesResource endpoint = harness.client()
                        .genericKubernetesResources(ResourceKind.HOST_ENDPOINT.context(group))
                        .withName(name.substring("hep.".length())).get();
                OwnerReference owner = reports.get(name).getMetadata().getOwnerReferences().get(0);
                assertThat(owner.getApiVersion()).isEqualTo(group.apiVersion());
                assertThat(owner.getKind()).isEqualTo("HostEndpoint");
                assertThat(owner.getUid()).isEqualTo(endpoint.getMetadata().getUid());
            }
            return reports.entrySet().stream().filter(e -> REPORTS.contains(e.getKey())).collect(Collectors.toMap(
                    Map.Entry::getKey, e -> e.getValue().getStatus().getPolicies().stream()
                            .map(p -> p.getName()).toList(), (a, b) -> a, TreeMap::new));
        }
    }

    private static void load(OperatorHarness harness, CalicoApiGroup group) throws Exception {
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class)
                .readValues(new File("examples/cluster-stored/calico-3.32-stored.yaml"))) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                Optional<JsonNode> written = group == CalicoApiGroup.CRD_V1 ? Optional.of(document)
                        : StoredForm.asV3(document);
                ResourceKind kind = kindOf(document.path("kind").asText());
                harness.apply(kind, YAML.writeValueAsString(written.orElseThrow()));
            }
        }
    }

    private static ResourceKind kindOf(String kind) {
        return java.util.Arrays.stream(ResourceKind.values())
                .filter(k -> k.origin() == ResourceKind.Origin.CALICO && k.kindName().equals(kind))
                .collect(Collectors.toMap(k -> k.kindName(), Function.identity())).get(kind);
    }
}
