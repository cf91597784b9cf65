package dev.policymatch.source;

/** Malformed or refused (hostile) input at a line of a stream; the message is ready for the user. */
final class ManifestSyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int line;

    ManifestSyntaxException(int line, String message) {
        super(message);
        this.line = line;
    }

    /** 1-based; 0 when unknown. */
    int line() {
        return line;
    }
}
