package dev.policymatch.model;

/** The traffic directions a policy applies to, spelled as in Calico resources. */
public enum PolicyType {
    INGRESS("Ingress"), EGRESS("Egress");

    private final String calicoName;

    PolicyType(String calicoName) {
        this.calicoName = calicoName;
    }

    public String calicoName() {
        return calicoName;
    }

    /** Parses {@code Ingress}/{@code Egress}, case-insensitively; null for anything else. */
    public static PolicyType fromCalicoName(String name) {
        for (PolicyType type : values()) {
            if (type.calicoName.equalsIgnoreCase(name)) {
                return type;
            }
        }
        return null;
    }
}
