package dev.policymatch.model;

/** A 1:1 NAT of a workload endpoint: connections to {@code externalIP} are forwarded to {@code internalIP}. */
public record IpNat(String internalIP, String externalIP) {
}
