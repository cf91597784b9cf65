package dev.policymatch.operator.inputs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.policymatch.model.HostEndpoint;
import dev.policymatch.model.WorkloadEndpoint;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Which Kubernetes object an endpoint whose match changed came from, so the right controller reconciles it. */
class EndpointChangeEventSourceTest {

    @Test
    void aHostEndpointIsItsClusterScopedObject() {
        HostEndpoint host = new HostEndpoint("node1-eth0", "node1", new TreeMap<>(), "eth0", List.of(), List.of(),
                List.of());
        assertThat(EndpointChangeEventSource.primaryOf(host)).contains(new ResourceID("node1-eth0"));
    }

    @Test
    void aPodsWorkloadEndpointIsThePodInItsNamespace() {
        // Pod names may contain dots; the namespace prefix of the workload id is what is cut off.
        assertThat(EndpointChangeEventSource.primaryOf(workload("k8s", "shop", "shop.api.v2-7d4b9")))
                .contains(new ResourceID("api.v2-7d4b9", "shop"));
    }

    @Test
    void aWorkloadEndpointOfAnotherOrchestratorHasNoPod() {
        assertThat(EndpointChangeEventSource.primaryOf(workload("openstack", "shop", "shop.vm1"))).isEmpty();
        assertThat(EndpointChangeEventSource.primaryOf(workload("k8s", "shop", "other.vm1"))).isEmpty();
    }

    private static WorkloadEndpoint workload(String orchestrator, String namespace, String workload) {
        return new WorkloadEndpoint("node1", orchestrator, workload, "eth0", namespace, new TreeMap<>(), List.of(),
                "cali0", List.of());
    }
}
