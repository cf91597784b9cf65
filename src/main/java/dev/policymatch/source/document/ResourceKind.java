package dev.policymatch.source.document;

/** The Calico resource kinds PolicyMatch reads, by their v3 / CRD kind names. */
public enum ResourceKind {
    HOST_ENDPOINT("HostEndpoint"),
    WORKLOAD_ENDPOINT("WorkloadEndpoint"),
    GLOBAL_NETWORK_POLICY("GlobalNetworkPolicy"),
    NETWORK_POLICY("NetworkPolicy"),
    PROFILE("Profile"),
    TIER("Tier");

    private final String kindName;

    ResourceKind(String kindName) {
        this.kindName = kindName;
    }

    /** The kind as written in v3 and CRD manifests, and as shown in messages. */
    public String kindName() {
        return kindName;
    }
}
