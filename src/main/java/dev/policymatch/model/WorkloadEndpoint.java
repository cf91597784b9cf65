package dev.policymatch.model;

import java.util.List;
import java.util.SortedMap;

/**
 * Calico WorkloadEndpoint: a workload's (for Kubernetes, a pod's) interface. {@code workload} is the
 * workload id as Calico names it; for Kubernetes that is {@code <namespace>.<pod>}.
 */
public record WorkloadEndpoint(
        String node,
        String orchestrator,
        String workload,
        String endpoint,
        String namespace,
        SortedMap<String, String> labels,
        List<String> profiles,
        String interfaceName,
        List<String> ipNetworks) implements Endpoint {

    public WorkloadEndpoint {
        labels = Frozen.labels(labels);
        profiles = Frozen.list(profiles);
        ipNetworks = Frozen.list(ipNetworks);
    }

    @Override
    public Family family() {
        return Family.WORKLOAD_ENDPOINT;
    }

    /** {@code <orchestrator>/<workload>/<endpoint>}, as calicoq prints it in headings. */
    public String shortName() {
        return orchestrator + "/" + workload + "/" + endpoint;
    }

    @Override
    public String fullName() {
        return node + "/" + shortName();
    }

    @Override
    public EndpointKey key() {
        return new EndpointKey(EndpointKind.WORKLOAD, fullName());
    }
}
