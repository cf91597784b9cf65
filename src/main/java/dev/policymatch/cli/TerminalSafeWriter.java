package dev.policymatch.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * calicoq's stdout and stderr: every character the CLI prints passes here, so no output path (a message, a
 * warning, calicoq's text, picocli's own errors) can send a terminal a control sequence taken from a
 * manifest, a cluster or an argument. Escaped: control characters other than line feed (ESC, CR, BEL, DEL,
 * the C1 controls such as CSI), invisible format characters (bidirectional overrides and isolates such as
 * U+202E, zero-width characters, tag characters) and the Unicode line and paragraph separators.
 *
 * <p>The escapes are JSON's ({@code \r}, {@code \t}, {@code \u001b}, {@code \u202e}, a surrogate pair for a
 * supplementary character), and JSON can hold those characters only inside strings, so a JSON document
 * passes through with the same meaning. YAML documents are written in ASCII ({@code Documents}), so nothing
 * in them is escaped here.
 */
final class TerminalSafeWriter extends FilterWriter {
    private char highSurrogate;

    private TerminalSafeWriter(Writer out) {
        super(out);
    }

    /** {@code out} with every unsafe character escaped; flushing it flushes {@code out}. */
    static PrintWriter wrap(Writer out) {
        return new PrintWriter(new TerminalSafeWriter(out));
    }

    @Override
    public void write(int c) throws IOException {
        write(new char[] {(char) c}, 0, 1);
    }

    @Override
    public void write(String text, int offset, int length) throws IOException {
        write(text.toCharArray(), offset, length);
    }

    @Override
    public void write(char[] text, int offset, int length) throws IOException {
        int safeFrom = offset;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            char c = text[i];
            if (highSurrogate != 0 || Character.isHighSurrogate(c)) {
                out.write(text, safeFrom, i - safeFrom);
                writeSurrogate(c);
                safeFrom = i + 1;
            } else if (isUnsafe(c)) {
                out.write(text, safeFrom, i - safeFrom);
                out.write(escape(c));
                safeFrom = i + 1;
            }
        }
        out.write(text, safeFrom, end - safeFrom);
    }

    /** Holds a high surrogate until its low one arrives (a write may end between the two). */
    private void writeSurrogate(char c) throws IOException {
        if (highSurrogate == 0) {
            highSurrogate = c;
            return;
        }
        char high = highSurrogate;
        highSurrogate = 0;
        if (Character.isLowSurrogate(c) && isUnsafe(Character.toCodePoint(high, c))) {
            out.write(escape(high) + escape(c));
            return;
        }
        out.write(high);
        write(new char[] {c}, 0, 1);
    }

    @Override
    public void flush() throws IOException {
        if (highSurrogate != 0) {
            out.write(highSurrogate);
            highSurrogate = 0;
        }
        super.flush();
    }

    static boolean isUnsafe(int c) {
        return switch (Character.getType(c)) {
            case Character.CONTROL -> c != '\n';
            case Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> true;
            default -> false;
        };
    }

    private static String escape(char c) {
        return switch (c) {
            case '\b' -> "\\b";
            case '\t' -> "\\t";
            case '\f' -> "\\f";
            case '\r' -> "\\r";
            default -> String.format("\\u%04x", (int) c);
        };
    }
}
