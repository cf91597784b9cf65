package dev.policymatch.model;

/** Identifies an endpoint: its kind and its full name. */
public record EndpointKey(EndpointKind kind, String fullName) implements Comparable<EndpointKey> {
    @Override
    public int compareTo(EndpointKey other) {
        int byKind = kind.compareTo(other.kind);
        return byKind != 0 ? byKind : fullName.compareTo(other.fullName);
    }
}
