package dev.policymatch.operator.metrics;

/** How an endpoint stands, as {@code policymatch_endpoints{state}} counts it. */
public enum EndpointState {
    /** Some policy or profile applies. */
    MATCHED("matched"),
    /** Valid, but no policy or profile applies: traffic falls through to Calico's default. */
    UNMATCHED("unmatched"),
    /** Fails validation (or could not be read); its report says why. */
    INVALID("invalid");

    private final String label;

    EndpointState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
