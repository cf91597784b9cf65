package dev.policymatch.match;

/** The direction of a policy rule as calicoq names it: ingress rules are inbound, egress rules outbound. */
public enum Direction {
    INBOUND("inbound"), OUTBOUND("outbound");

    private final String label;

    Direction(String label) {
        this.label = label;
    }

    /** {@code inbound} or {@code outbound}, as calicoq prints it. */
    public String label() {
        return label;
    }
}
