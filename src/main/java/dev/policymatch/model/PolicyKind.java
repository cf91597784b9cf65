package dev.policymatch.model;

/** The two Calico policy kinds, by their resource kind names. */
public enum PolicyKind {
    GLOBAL_NETWORK_POLICY("GlobalNetworkPolicy"), NETWORK_POLICY("NetworkPolicy");

    private final String kindName;

    PolicyKind(String kindName) {
        this.kindName = kindName;
    }

    public String kindName() {
        return kindName;
    }
}
