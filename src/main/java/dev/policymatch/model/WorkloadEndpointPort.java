package dev.policymatch.model;

/**
 * A named port of a workload endpoint, possibly mapped to a port on its host ({@code hostPort}, {@code hostIP});
 * an absent number is null, not 0, so validation can tell the two apart.
 */
public record WorkloadEndpointPort(String name, String protocol, Integer port, Integer hostPort, String hostIP) {
}
