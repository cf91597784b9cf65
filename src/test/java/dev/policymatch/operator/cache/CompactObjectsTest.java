package dev.policymatch.operator.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.policymatch.api.PolicyMatchReport;
import dev.policymatch.model.LabelMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompactObjectsTest {

    private final KubernetesSerialization serialization = new KubernetesSerialization();

    private Pod pod() {
        return new PodBuilder()
                .withNewMetadata().withName("web-1").withNamespace(new String("shop"))
                .addToLabels("app", new String("web")).addToLabels("env", "prod").endMetadata()
                .withNewSpec().withNodeName(new String("node-1")).withServiceAccountName("web").endSpec()
                .withNewStatus().withPhase("Running").addNewPodIP("10.0.0.7").endStatus()
                .build();
    }

    @Test
    void saysTheSameAsBefore() {
        Pod pod = pod();
        String before = serialization.asJson(pod);
        Pod copy = serialization.clone(pod);

        Pod compacted = CompactObjects.compact(pod);

        assertThat(compacted).isSameAs(pod).isEqualTo(copy);
        assertThat(serialization.asJson(compacted)).isEqualTo(before);
    }

    @Test
    void sharesEmptyCollectionsAndOneCopyOfEachString() {
        Pod first = CompactObjects.compact(pod());
        Pod second = CompactObjects.compact(pod());

        assertThat(first.getSpec().getContainers()).isSameAs(List.of());
        assertThat(first.getMetadata().getFinalizers()).isSameAs(List.of());
        assertThat(first.getSpec().getNodeSelector()).isSameAs(Map.of());
        assertThat(first.getAdditionalProperties()).isSameAs(Map.of());
        assertThat(first.getMetadata().getLabels()).isInstanceOf(LabelMap.class)
                .containsExactly(Map.entry("app", "web"), Map.entry("env", "prod"));
        assertThat(first.getMetadata().getNamespace()).isSameAs(second.getMetadata().getNamespace());
        assertThat(first.getSpec().getNodeName()).isSameAs(second.getSpec().getNodeName());
        assertThat(first.getMetadata().getLabels().get("app")).isSameAs(second.getMetadata().getLabels().get("app"));
        assertThat(first.getStatus().getPodIPs()).hasSize(1).first()
                .satisfies(ip -> assertThat(ip.getAdditionalProperties()).isSameAs(Map.of()));
    }

    @Test
    void reachesTheMetadataOfACustomResource() {
        PolicyMatchReport report = new PolicyMatchReport();
        report.getMetadata().setName("hep-web-1");
        report.getMetadata().setLabels(new java.util.HashMap<>(Map.of("policymatch.dev/endpoint-kind", "host")));

        CompactObjects.compact(report);

        assertThat(report.getMetadata().getOwnerReferences()).isSameAs(List.of());
        assertThat(report.getMetadata().getLabels()).isInstanceOf(LabelMap.class)
                .containsExactly(Map.entry("policymatch.dev/endpoint-kind", "host"));
    }

    @Test
    void keepsTheOrderOfAGenericResourcesSpec() {
        GenericKubernetesResource hostEndpoint = serialization.unmarshal("""
                {"apiVersion": "crd.projectcalico.org/v1", "kind": "HostEndpoint", "metadata": {"name": "h"},
                 "spec": {"node": "n", "interfaceName": "eth0", "expectedIPs": ["10.0.0.1"], "profiles": []}}""",
                GenericKubernetesResource.class);
        String before = serialization.asJson(hostEndpoint);

        CompactObjects.compact(hostEndpoint);

        assertThat(serialization.asJson(hostEndpoint)).isEqualTo(before);
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) hostEndpoint.getAdditionalProperties().get("spec");
        assertThat(spec.keySet()).containsExactly("node", "interfaceName", "expectedIPs", "profiles");
        assertThat(spec.get("profiles")).isSameAs(List.of());
    }
}
