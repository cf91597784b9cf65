package dev.policymatch.model;

import java.util.List;
import java.util.SortedMap;

/**
 * Calico WorkloadEndpoint: a workload's (for Kubernetes, a pod's) interface. {@code workload} is the
 * workload id as Calico names it; for Kubernetes that is {@code <namespace>.<pod>}. The last four components
 * are read for validation only: Felix does not use them to decide which policies apply.
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
        List<String> ipNetworks,
        String containerID,
        List<WorkloadEndpointPort> ports,
        List<IpNat> ipNATs,
        List<String> allowSpoofedSourcePrefixes) implements Endpoint {

    public WorkloadEndpoint {
        node = Frozen.shared(node);
        orchestrator = Frozen.shared(orchestrator);
        endpoint = Frozen.shared(endpoint);
        namespace = Frozen.shared(namespace);
        labels = Frozen.labels(labels);
        profiles = Frozen.sharedList(profiles);
        ipNetworks = Frozen.list(ipNetworks);
        ports = Frozen.list(ports);
        ipNATs = Frozen.list(ipNATs);
        allowSpoofedSourcePrefixes = Frozen.list(allowSpoofedSourcePrefixes);
    }

    /** An endpoint without container id, ports, NATs or spoofed source prefixes. */
    public WorkloadEndpoint(String node, String orchestrator, String workload, String endpoint, String namespace,
            SortedMap<String, String> labels, List<String> profiles, String interfaceName, List<String> ipNetworks) {
        this(node, orchestrator, workload, endpoint, namespace, labels, profiles, interfaceName, ipNetworks,
                null, List.of(), List.of(), List.of());
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
