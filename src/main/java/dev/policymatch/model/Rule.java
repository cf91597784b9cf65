package dev.policymatch.model;

import java.util.SortedMap;

/**
 * One ingress or egress rule of a policy or profile. {@code annotations} are the rule's
 * {@code metadata.annotations}; Felix does not use them to decide which rules apply, so matching ignores them.
 */
public record Rule(String action, String protocol, EntityMatch source, EntityMatch destination,
        SortedMap<String, String> annotations) {
    public Rule {
        source = source == null ? EntityMatch.ANY : source;
        destination = destination == null ? EntityMatch.ANY : destination;
        annotations = Frozen.labels(annotations);
    }

    /** A rule with no metadata. */
    public Rule(String action, String protocol, EntityMatch source, EntityMatch destination) {
        this(action, protocol, source, destination, null);
    }
}
