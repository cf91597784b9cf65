package dev.policymatch.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.policymatch.api.ReportedEndpoint;
import dev.policymatch.model.EndpointKind;
import dev.policymatch.model.WorkloadEndpoint;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The endpoint a pod's report describes in its spec. */
class PodReconcilerTest {

    @Test
    void describesTheWorkloadEndpointAsCalicoqNamesIt() {
        Pod pod = PodReportsIT.pod("shop", "web-6c9f7", "node1", Map.of());
        WorkloadEndpoint endpoint = new WorkloadEndpoint("node1", "k8s", "shop.web-6c9f7", "eth0", "shop",
                new TreeMap<>(), List.of("kns.shop"), "cali0", List.of());
        assertThat(PodReconciler.describe(pod, Optional.of(endpoint))).isEqualTo(new ReportedEndpoint(
                EndpointKind.WORKLOAD_LABEL, "web-6c9f7", "node1", "node1/k8s/shop.web-6c9f7/eth0"));
    }

    @Test
    void aPodThatCouldNotBeConvertedIsDescribedByTheNameCalicoWouldGiveIt() {
        Pod pod = PodReportsIT.pod("shop", "web-6c9f7", "node1", Map.of());
        assertThat(PodReconciler.describe(pod, Optional.empty()).getFullName())
                .isEqualTo("node1/k8s/shop.web-6c9f7/eth0");
    }
}
