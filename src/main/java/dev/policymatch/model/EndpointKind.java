package dev.policymatch.model;

/**
 * The two kinds of endpoint; {@link #label()} is the value used in reports (their {@code spec.endpoint.kind}
 * and kind label), metrics and the JSON/YAML documents. The labels are also compile-time constants, for
 * annotations and label maps.
 */
public enum EndpointKind {
    HOST(EndpointKind.HOST_LABEL), WORKLOAD(EndpointKind.WORKLOAD_LABEL);

    public static final String HOST_LABEL = "host";
    public static final String WORKLOAD_LABEL = "workload";

    private final String label;

    EndpointKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
