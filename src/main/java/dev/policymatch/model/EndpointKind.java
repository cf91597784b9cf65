package dev.policymatch.model;

/** The two kinds of endpoint; {@link #label()} is the value used in reports and metrics. */
public enum EndpointKind {
    HOST("host"), WORKLOAD("workload");

    private final String label;

    EndpointKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
