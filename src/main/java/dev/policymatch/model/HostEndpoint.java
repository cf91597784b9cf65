package dev.policymatch.model;

import java.util.List;
import java.util.SortedMap;

/** Calico HostEndpoint: an interface (or, with {@code interfaceName: "*"}, all of them) on a host. */
public record HostEndpoint(
        String name,
        String node,
        SortedMap<String, String> labels,
        String interfaceName,
        List<String> expectedIPs,
        List<String> profiles,
        List<EndpointPort> ports) implements Endpoint {

    /** The {@code interfaceName} of a host endpoint that stands for all of the host's interfaces. */
    public static final String ALL_INTERFACES = "*";

    public HostEndpoint {
        node = Frozen.shared(node);
        interfaceName = Frozen.shared(interfaceName);
        labels = Frozen.labels(labels);
        expectedIPs = Frozen.list(expectedIPs);
        profiles = Frozen.sharedList(profiles);
        ports = Frozen.list(ports);
    }

    @Override
    public Family family() {
        return Family.HOST_ENDPOINT;
    }

    @Override
    public String namespace() {
        return null;
    }

    @Override
    public String fullName() {
        return node + "/" + name;
    }

    @Override
    public EndpointKey key() {
        return new EndpointKey(EndpointKind.HOST, fullName());
    }
}
