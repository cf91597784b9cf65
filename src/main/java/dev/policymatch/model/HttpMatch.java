package dev.policymatch.model;

import java.util.List;

/**
 * A rule's {@code http} match (application layer policy): HTTP methods and paths, each list kept as written.
 * Each path is {@code exact} or {@code prefix}, null when absent.
 */
public record HttpMatch(List<String> methods, List<Path> paths) {
    public HttpMatch {
        methods = Frozen.list(methods);
        paths = Frozen.list(paths);
    }

    /** One entry of {@code paths}. */
    public record Path(String exact, String prefix) {
    }
}
