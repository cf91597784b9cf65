package dev.policymatch.model;

/** One ingress or egress rule of a policy or profile. */
public record Rule(String action, String protocol, EntityMatch source, EntityMatch destination) {
    public Rule {
        source = source == null ? EntityMatch.ANY : source;
        destination = destination == null ? EntityMatch.ANY : destination;
    }
}
