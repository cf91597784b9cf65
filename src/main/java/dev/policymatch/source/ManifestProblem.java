package dev.policymatch.source;

/**
 * Something in the input that could not become a resource: malformed or refused YAML, or a resource
 * whose fields have the wrong types. {@code resource} ({@code HostEndpoint "eth0"}) is null when the
 * problem is not tied to one resource (a YAML syntax error).
 */
public record ManifestProblem(SourceLocation location, String resource, String message) {

    /** {@code file:line: HostEndpoint "eth0": spec.expectedIPs: expected a list, got a number}. */
    public String describe() {
        return location + ": " + (resource == null ? "" : resource + ": ") + message;
    }
}
