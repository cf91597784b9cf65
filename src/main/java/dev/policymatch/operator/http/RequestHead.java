package dev.policymatch.operator.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The request line of an HTTP/1.x request (RFC 9112, section 3): its method and the path of its
 * target. The headers are not needed by the three read-only paths served, so they are not kept; a
 * body is never read, since the connection is closed after each answer.
 */
record RequestHead(String method, String path) {

    private static final Pattern METHOD = Pattern.compile("[A-Z]{1,16}");
    private static final Pattern VERSION = Pattern.compile("HTTP/1\\.[01]");

    /**
     * The number of bytes of {@code bytes[0..length)} up to and including the blank line that ends the
     * head, or -1 while it has not arrived. Accepts a bare LF as a line end, as RFC 9112 allows.
     */
    static int endOfHead(byte[] bytes, int length) {
        for (int i = 1; i < length; i++) {
            boolean emptyLineEnds = bytes[i] == '\n'
                    && (bytes[i - 1] == '\n' || (i >= 2 && bytes[i - 1] == '\r' && bytes[i - 2] == '\n'));
            if (emptyLineEnds) {
                return i + 1;
            }
        }
        return -1;
    }

    /** The head in {@code bytes[0..length)}, or empty when its request line is malformed (400). */
    static Optional<RequestHead> parse(byte[] bytes, int length) {
        String head = new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
        int lineEnd = head.indexOf('\n');
        String line = (lineEnd < 0 ? head : head.substring(0, lineEnd)).stripTrailing();
        String[] parts = line.split(" ", -1);
        if (parts.length != 3 || !METHOD.matcher(parts[0]).matches() || !VERSION.matcher(parts[2]).matches()) {
            return Optional.empty();
        }
        return pathOf(parts[1]).map(path -> new RequestHead(parts[0], path));
    }

    /** The path of an origin-form ({@code /metrics?x}) or absolute-form ({@code http://h/metrics}) target. */
    private static Optional<String> pathOf(String target) {
        if (target.startsWith("/")) {
            int query = target.indexOf('?');
            return Optional.of(query < 0 ? target : target.substring(0, query));
        }
        try {
            URI uri = new URI(target);
            String path = uri.getRawPath();
            return uri.isAbsolute() && path != null && path.startsWith("/") ? Optional.of(path) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
