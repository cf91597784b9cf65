package dev.policymatch.source;

/** The cluster could not be read (unreachable, refused, forbidden); the message is one line for the user. */
public final class ClusterReadException extends Exception {
    private static final long serialVersionUID = 1L;

    public ClusterReadException(String message, Throwable cause) {
        super(message, cause);
    }
}
