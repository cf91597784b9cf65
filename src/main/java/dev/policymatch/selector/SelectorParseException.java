package dev.policymatch.selector;

import dev.policymatch.text.Quoted;

/**
 * A selector that is not valid Calico selector syntax. The message quotes the selector, gives the
 * 1-based column of the problem and says what was expected there, so it can be shown to a user as is:
 * {@code unexpected "=" at column 3 in selector 'a = "b"': expected ==, !=, in, ...}.
 */
public final class SelectorParseException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String selector;
    private final int column;
    private final String problem;
    private final String expected;

    SelectorParseException(String selector, int column, String problem, String expected) {
        super(problem + " at column " + column + " in selector " + quote(selector)
                + (expected == null ? "" : ": expected " + expected));
        this.selector = selector;
        this.column = column;
        this.problem = problem;
        this.expected = expected;
    }

    /** The selector text as given. */
    public String selector() {
        return selector;
    }

    /** 1-based column where the problem starts, counting characters (code points), not UTF-16 units. */
    public int column() {
        return column;
    }

    /** What is wrong at {@link #column()}, e.g. {@code unexpected "="}. */
    public String problem() {
        return problem;
    }

    /** What would have been valid at {@link #column()}, or null when nothing would. */
    public String expected() {
        return expected;
    }

    private static String quote(String text) {
        return Quoted.of(text, text.indexOf('\'') < 0 ? '\'' : '"');
    }
}
