package dev.policymatch.diff;

/**
 * Where a resource of one side was read, as a diff names it.
 *
 * @param kind the kind as written ({@code GlobalNetworkPolicy}, {@code HostEndpoint})
 * @param name the name as written ({@code default.allow-dns})
 * @param file the manifest; null for a resource read from a cluster
 * @param line the line of the document in {@code file}; null with no file
 */
public record ResourceRef(String kind, String name, String file, Integer line) {
}
