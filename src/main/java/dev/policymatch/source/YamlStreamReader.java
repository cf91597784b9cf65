package dev.policymatch.source;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * SnakeYAML's {@link StreamReader} (the scanner's view of the characters), rewritten for hostile input.
 *
 * <p>Why: SnakeYAML's own reader copies its whole look-ahead window each time it reads 1,023 more
 * characters, and the scanner looks ahead over a whole plain or quoted scalar (a block scalar's line) before
 * it consumes it, so a scalar of n characters costs n²/2,046 copies: 21 minutes for a 50 MB scalar. And its
 * code-point limit is checked between tokens, so that scalar was read whole before being refused. Here the
 * window grows by doubling (linear), the per-document limit is checked whenever the scanner looks at a
 * character, and a character YAML does not allow is refused with its line when the scanner reaches it
 * (SnakeYAML refuses it when it reads the block holding it, so documents before it were lost or kept
 * depending on where its 1,023-character blocks happened to end).
 *
 * <p>Every public method of {@link StreamReader} is overridden; the superclass's state is never used.
 */
final class YamlStreamReader extends StreamReader {
    private static final int CHUNK = 8192;
    private static final int[] NO_SNIPPET = new int[0];

    private final Reader input;
    private final int documentLimit;
    private final char[] chunk = new char[CHUNK + 1];

    /** Code points read and not yet consumed are {@code window[pointer, length)}. */
    private int[] window = new int[4 * CHUNK];
    private int pointer;
    private int length;
    private boolean eof;
    /** The window position of a character YAML does not allow, or -1; reading stops before it. */
    private int refusedAt = -1;
    private int refusedCodePoint;

    private int index;
    private int documentIndex;
    private int line;
    private int column;

    /** @param documentLimit code points one document may hold, as {@code LoaderOptions.setCodePointLimit} */
    YamlStreamReader(Reader input, int documentLimit) {
        super(input);
        this.input = input;
        this.documentLimit = documentLimit;
    }

    @Override
    public Mark getMark() {
        // No snippet: our messages use the line only, and a mark holding the window would keep it alive.
        return new Mark("'reader'", index, line, column, NO_SNIPPET, 0);
    }

    @Override
    public void forward() {
        forward(1);
    }

    @Override
    public void forward(int count) {
        for (int i = 0; i < count && available(0); i++) {
            int c = window[pointer++];
            index++;
            documentIndex++;
            if (isLineBreak(c) || (c == '\r' && available(0) && window[pointer] != '\n')) {
                line++;
                column = 0;
            } else if (c != 0xFEFF) {
                column++;
            }
        }
    }

    @Override
    public int peek() {
        return available(0) ? window[pointer] : '\0';
    }

    @Override
    public int peek(int offset) {
        return available(offset) ? window[pointer + offset] : '\0';
    }

    @Override
    public String prefix(int count) {
        available(count);
        return new String(window, pointer, Math.min(count, length - pointer));
    }

    /** As in SnakeYAML: the caller guarantees the prefix holds no line break. */
    @Override
    public String prefixForward(int count) {
        String prefix = prefix(count);
        pointer += count;
        index += count;
        documentIndex += count;
        column += count;
        return prefix;
    }

    @Override
    public int getColumn() {
        return column;
    }

    @Override
    public int getDocumentIndex() {
        return documentIndex;
    }

    @Override
    public void resetDocumentIndex() {
        documentIndex = 0;
    }

    @Override
    public int getIndex() {
        return index;
    }

    @Override
    public int getLine() {
        return line;
    }

    /** Whether the code point {@code offset} after the current one exists, reading more when needed. */
    private boolean available(int offset) {
        if (documentIndex + offset >= documentLimit) {
            throw new RefusedInputException(lineAt(pointer + Math.min(offset, length - pointer)),
                    "refused YAML: a document longer than " + documentLimit + " characters");
        }
        while (pointer + offset >= length && !eof && refusedAt < 0) {
            read();
        }
        if (pointer + offset >= length && refusedAt >= 0) {
            throw new RefusedInputException(lineAt(refusedAt), String.format("malformed YAML: character U+%04X is not "
                    + "allowed (YAML allows tab, line breaks and printable characters)", refusedCodePoint));
        }
        return pointer + offset < length;
    }

    private void read() {
        int read;
        try {
            read = input.read(chunk, 0, CHUNK);
            if (read > 0 && Character.isHighSurrogate(chunk[read - 1])) {
                int low = input.read(chunk, read, 1);
                read += Math.max(low, 0); // a lone high surrogate at the end is refused below
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (read <= 0) {
            eof = true;
            return;
        }
        makeRoom(read);
        for (int i = 0; i < read; ) {
            int c = Character.codePointAt(chunk, i, read);
            if (!StreamReader.isPrintable(c)) {
                refusedAt = length;
                refusedCodePoint = c;
                return;
            }
            window[length++] = c;
            i += Character.charCount(c);
        }
    }

    /**
     * Makes room for {@code more} code points after the unconsumed ones: moves them to the start, into a
     * window twice as large when they would fill more than half of it, so that copying stays linear.
     */
    private void makeRoom(int more) {
        int kept = length - pointer;
        if (length + more <= window.length) {
            return;
        }
        int[] target = kept + more <= window.length / 2 ? window
                : new int[Math.max(2 * window.length, 2 * (kept + more))];
        System.arraycopy(window, pointer, target, 0, kept);
        window = target;
        pointer = 0;
        length = kept;
    }

    /** The 1-based line of a window position at or after the current one. */
    private int lineAt(int position) {
        int at = line;
        for (int i = pointer; i < position; i++) {
            int c = window[i];
            if (isLineBreak(c) || (c == '\r' && (i + 1 >= length || window[i + 1] != '\n'))) {
                at++;
            }
        }
        return at + 1;
    }

    /** SnakeYAML's line breaks besides CR: LF, NEL, LS and PS ({@code Constant.LINEBR}). */
    private static boolean isLineBreak(int c) {
        return c == '\n' || c == 0x85 || c == 0x2028 || c == 0x2029;
    }
}
