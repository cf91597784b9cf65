package dev.policymatch.model;

import java.util.SortedMap;

/**
 * One ingress or egress rule of a policy or profile. {@code ipVersion}, {@code icmp}, {@code notICMP} and
 * {@code http} are null when absent; {@code annotations} are the rule's {@code metadata.annotations}. Felix
 * does not use these to decide which policies and rules apply to an endpoint, so matching ignores them;
 * validation reads them.
 */
public record Rule(String action, String protocol, EntityMatch source, EntityMatch destination,
        Integer ipVersion, IcmpMatch icmp, IcmpMatch notICMP, HttpMatch http, SortedMap<String, String> annotations) {
    public Rule {
        source = source == null ? EntityMatch.ANY : source;
        destination = destination == null ? EntityMatch.ANY : destination;
        annotations = Frozen.labels(annotations);
    }

    /** A rule with no IP version, no ICMP or HTTP match and no metadata. */
    public Rule(String action, String protocol, EntityMatch source, EntityMatch destination) {
        this(action, protocol, source, destination, null, null, null, null, null);
    }
}
