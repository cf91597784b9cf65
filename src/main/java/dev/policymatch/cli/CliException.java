package dev.policymatch.cli;

/**
 * A failure to report to the user as one line on stderr, with the exit code to end with. Commands
 * throw it; {@link CalicoqCommand} prints it, so no command prints a stack trace.
 */
public final class CliException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Something about the input or the resources is wrong. */
    public static final int FAILURE = 1;
    /** The command line is wrong (missing -f, unreadable path, unknown option). */
    public static final int USAGE = 2;
    /**
     * The Java heap was too small for the input. Not 3: pipelines read 3 as "changes found" ({@code git diff
     * --exit-code}'s convention), and an out-of-memory must never pass for that.
     */
    public static final int OUT_OF_MEMORY = 4;

    private final int exitCode;
    private final boolean prefixed;

    public CliException(int exitCode, String message) {
        this(exitCode, message, true);
    }

    /** @param prefixed whether the message is printed after {@code calicoq: } */
    public CliException(int exitCode, String message, boolean prefixed) {
        super(message);
        this.exitCode = exitCode;
        this.prefixed = prefixed;
    }

    public int exitCode() {
        return exitCode;
    }

    /** The line to print on stderr. */
    public String line() {
        return prefixed ? "calicoq: " + getMessage() : getMessage();
    }
}
