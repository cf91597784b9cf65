package dev.policymatch.model;

/** A rule's {@code icmp} or {@code notICMP}: an ICMP type and code, each null when absent. */
public record IcmpMatch(Integer type, Integer code) {
}
