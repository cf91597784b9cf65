package dev.policymatch.source.document;

/**
 * A field of a resource has the wrong shape (a number where a list belongs, text where a number
 * belongs). Raised by {@code CalicoResourceConverter}; the reader turns it into a
 * {@code ManifestProblem} with the location, so the user sees one line, never a stack trace.
 */
public final class ResourceFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String resource;
    private final String field;
    private final String problem;

    public ResourceFormatException(String resource, String field, String problem) {
        super((resource == null ? "" : resource + ": ") + field + ": " + problem);
        this.resource = resource;
        this.field = field;
        this.problem = problem;
    }

    /** {@code HostEndpoint "eth0"}, or null when the resource's name could not be read. */
    public String resource() {
        return resource;
    }

    /** The field path, e.g. {@code spec.expectedIPs}. */
    public String field() {
        return field;
    }

    /** What is wrong, e.g. {@code expected a list of strings, got a number (5)}. */
    public String problem() {
        return problem;
    }

    /** The message without the resource: {@code spec.expectedIPs: expected a list...}. */
    public String fieldMessage() {
        return field + ": " + problem;
    }
}
