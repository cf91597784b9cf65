package dev.policymatch.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * A manifest's bytes as text: UTF-8, or UTF-16 or UTF-32 when the stream starts with that byte order
 * mark (as SnakeYAML's {@code UnicodeReader}; the mark is dropped). Bytes that do not decode are refused
 * with their line, the same way for YAML, JSON and stdin: everything before them is read first, then the
 * next read throws {@link Undecodable}, whose message is for the user ({@code not valid UTF-8 (byte 0xC3)}).
 */
final class StrictUnicodeReader extends Reader {
    private static final int BUFFER = 8192;

    /** Bytes that are not text in the stream's encoding, at a 1-based line (lines counted by LF). */
    static final class Undecodable extends IOException {
        private static final long serialVersionUID = 1L;
        private final int line;

        Undecodable(int line, String message) {
            super(message);
            this.line = line;
        }

        int line() {
            return line;
        }
    }

    private final InputStream in;
    private final ByteBuffer bytes = ByteBuffer.allocate(BUFFER);
    private CharsetDecoder decoder;
    private boolean endOfInput;
    private boolean flushed;
    private int line = 1;
    private Undecodable pending;

    StrictUnicodeReader(InputStream in) {
        this.in = in;
        bytes.flip();
    }

    @Override
    public int read(char[] target, int offset, int count) throws IOException {
        if (pending != null) {
            throw pending;
        }
        if (flushed) {
            return -1;
        }
        if (count == 0) {
            return 0;
        }
        if (decoder == null) {
            decoder = decoderAfterByteOrderMark();
        }
        CharBuffer out = CharBuffer.wrap(target, offset, count);
        while (out.position() == offset) {
            CoderResult result = decoder.decode(bytes, out, endOfInput);
            countLines(target, offset, out.position());
            if (result.isError()) {
                pending = undecodable(result.length());
                break;
            }
            if (result.isOverflow()) {
                break;
            }
            if (endOfInput) {
                decoder.flush(out);
                flushed = true;
                break;
            }
            fill();
        }
        int decoded = out.position() - offset;
        if (decoded == 0 && pending != null) {
            throw pending;
        }
        return decoded == 0 ? -1 : decoded;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private Undecodable undecodable(int size) {
        byte[] bad = new byte[size];
        bytes.get(bytes.position(), bad);
        String shown = HexFormat.ofDelimiter(" 0x").withPrefix("").withUpperCase().formatHex(bad);
        return new Undecodable(line, "not valid " + decoder.charset().name() + " (byte" + (size == 1 ? "" : "s")
                + " 0x" + shown + ")");
    }

    private void countLines(char[] text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text[i] == '\n') {
                line++;
            }
        }
    }

    /** Reads more bytes after those not yet decoded; at the end of the stream, marks it. */
    private void fill() throws IOException {
        bytes.compact();
        int read = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (read < 0) {
            endOfInput = true;
        } else {
            bytes.position(bytes.position() + read);
        }
        bytes.flip();
    }

    private CharsetDecoder decoderAfterByteOrderMark() throws IOException {
        while (bytes.remaining() < 4 && !endOfInput) {
            fill();
        }
        Charset charset = StandardCharsets.UTF_8;
        int mark = 0;
        if (startsWith(0x00, 0x00, 0xFE, 0xFF)) {
            charset = Charset.forName("UTF-32BE");
            mark = 4;
        } else if (startsWith(0xFF, 0xFE, 0x00, 0x00)) {
            charset = Charset.forName("UTF-32LE");
            mark = 4;
        } else if (startsWith(0xEF, 0xBB, 0xBF)) {
            mark = 3;
        } else if (startsWith(0xFE, 0xFF)) {
            charset = StandardCharsets.UTF_16BE;
            mark = 2;
        } else if (startsWith(0xFF, 0xFE)) {
            charset = StandardCharsets.UTF_16LE;
            mark = 2;
        }
        bytes.position(bytes.position() + mark);
        return charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    private boolean startsWith(int... mark) {
        if (bytes.remaining() < mark.length) {
            return false;
        }
        for (int i = 0; i < mark.length; i++) {
            if ((bytes.get(bytes.position() + i) & 0xFF) != mark[i]) {
                return false;
            }
        }
        return true;
    }
}
