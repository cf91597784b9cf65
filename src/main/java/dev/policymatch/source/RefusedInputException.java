package dev.policymatch.source;

/**
 * A document refused while it is read or turned into a tree (too long, a character YAML does not allow, a
 * duplicate key, an alias bomb), at a 1-based line; the message is for the user. Unchecked so that it can
 * pass through SnakeYAML and Jackson, which call our code; {@link ManifestParser} turns it into a
 * {@link ManifestSyntaxException}.
 */
final class RefusedInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int line;

    RefusedInputException(int line, String message) {
        super(message, null, false, false);
        this.line = line;
    }

    int line() {
        return line;
    }
}
