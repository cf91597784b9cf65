package dev.policymatch.model;

/** A rule's {@code services} match: a Kubernetes Service by name and namespace (each null when absent). */
public record ServiceMatch(String name, String namespace) {
}
