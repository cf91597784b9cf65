package dev.policymatch.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A pod's workload endpoint identity, built and read back in one place. */
class PodWorkloadTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            node-1 | web-0    | node--1-k8s-web--0-eth0
            n      | p        | n-k8s-p-eth0
            a.b    | x--y     | a.b-k8s-x----y-eth0
            node-1 | pod-name | node--1-k8s-pod--name-eth0
            """)
    void workloadEndpointNamesDoubleTheirDashes(String node, String pod, String expected) {
        // The last row is libcalico-go lib/names/workloadendpoint_test.go "Valid k8s endpoint".
        assertThat(new PodWorkload("ns", pod).endpointName(node)).isEqualTo(expected);
    }

    @Test
    void theInterfaceNameIsCaliAndTheHashOfTheWorkloadId() {
        // The value libcalico-go's conversion_test.go pins for default/podA.
        assertThat(new PodWorkload("default", "podA").interfaceName()).isEqualTo("cali7f94ce7c295");
        assertThat(new PodWorkload("default", "podB").interfaceName()).startsWith("cali").hasSize(15)
                .isNotEqualTo("cali7f94ce7c295");
    }

    @Test
    void theFullNameIsTheEndpointsAndLeavesAnUnknownNodeEmpty() {
        PodWorkload pod = new PodWorkload("shop", "api.v2-7d4b9");
        assertThat(pod.workloadId()).isEqualTo("shop.api.v2-7d4b9");
        assertThat(pod.fullName("node1")).isEqualTo("node1/k8s/shop.api.v2-7d4b9/eth0")
                .isEqualTo(endpoint("k8s", "shop", pod.workloadId()).fullName());
        assertThat(pod.fullName(null)).isEqualTo("/k8s/shop.api.v2-7d4b9/eth0");
    }

    @Test
    void aPodsEndpointReadsBackAsThePodEvenWithDotsInItsName() {
        PodWorkload pod = new PodWorkload("shop", "api.v2-7d4b9");
        assertThat(PodWorkload.of(endpoint("k8s", "shop", pod.workloadId()))).contains(pod);
    }

    @Test
    void otherWorkloadsHaveNoPod() {
        assertThat(PodWorkload.of(endpoint("openstack", "shop", "shop.vm1"))).isEmpty();
        assertThat(PodWorkload.of(endpoint("k8s", "shop", "other.vm1"))).isEmpty();
        assertThat(PodWorkload.of(endpoint("k8s", null, "vm1"))).isEmpty();
    }

    private static WorkloadEndpoint endpoint(String orchestrator, String namespace, String workload) {
        return new WorkloadEndpoint("node1", orchestrator, workload, "eth0", namespace, new TreeMap<>(), List.of(),
                "cali0", List.of());
    }
}
