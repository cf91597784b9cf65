package dev.policymatch.model;

/** A named port on a host endpoint, which policy rules can refer to by name. */
public record EndpointPort(String name, String protocol, Integer port) {
}
