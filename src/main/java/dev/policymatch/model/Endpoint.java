package dev.policymatch.model;

import java.util.List;
import java.util.SortedMap;

/** Something Calico applies policy to: a host interface or a workload's interface. */
public sealed interface Endpoint extends CalicoObject permits HostEndpoint, WorkloadEndpoint {

    /** The node (host) the endpoint is on. */
    String node();

    /** The endpoint's own labels, without those its profiles apply. */
    SortedMap<String, String> labels();

    /** Profile names in the order listed; the first that has a label key wins for that key. */
    List<String> profiles();

    /** The namespace, or null for endpoints that have none (host endpoints, v1 workloads). */
    String namespace();

    /**
     * calicoq's full name, which {@code calicoq endpoint <substring>} searches:
     * {@code <node>/<name>} for host endpoints, {@code <node>/<orchestrator>/<workload>/<endpoint>}
     * for workload endpoints.
     */
    String fullName();

    /** A key that is unique among all endpoints, for indexes and report names. */
    EndpointKey key();
}
