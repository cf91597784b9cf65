package dev.policymatch.source;

/**
 * Where a resource came from: a file (or {@code <stdin>}, or a cluster reference) and the 1-based
 * line of the start of its document (or list item). {@code line} is 0 when unknown.
 */
public record SourceLocation(String file, int line) {
    public static final String STDIN = "<stdin>";

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line : file;
    }
}
