package dev.policymatch.source;

/**
 * Input that cannot be read at all (a path that does not exist or cannot be read), or a catalog
 * with problems when the caller needs a clean one. The message is one line, ready for the user.
 */
public final class ManifestException extends Exception {
    private static final long serialVersionUID = 1L;

    public ManifestException(String message) {
        super(message);
    }

    public ManifestException(String message, Throwable cause) {
        super(message, cause);
    }
}
