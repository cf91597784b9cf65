package dev.policymatch.text;

/**
 * A user's value inside a message. A value longer than {@value #SHOWN} characters (code points) shows its
 * first {@value #SHOWN} and its length: {@code "aaaa..."... (1048576 characters)}, so that a 1 MiB value
 * repeated through YAML aliases cannot turn one line per violation into gigabytes. Where the whole value
 * matters it is in the data ({@code -o json}, the report's {@code value} fields), not in the message.
 */
public final class Quoted {
    /** Characters of a value shown in a message. */
    public static final int SHOWN = 80;

    private Quoted() {
    }

    /** {@code "value"} with {@code "}, {@code \}, line breaks and tabs escaped, cut after {@value #SHOWN} characters. */
    public static String of(String value) {
        StringBuilder quoted = new StringBuilder().append('"');
        shown(value).codePoints().forEach(c -> {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> quoted.appendCodePoint(c);
            }
        });
        return quoted.append('"').append(lengthNote(value)).toString();
    }

    /** The value between {@code quote}s as it is (no escapes), cut after {@value #SHOWN} characters. */
    public static String of(String value, char quote) {
        return quote + shown(value) + quote + lengthNote(value);
    }

    private static String shown(String value) {
        return isLong(value) ? value.substring(0, value.offsetByCodePoints(0, SHOWN)) : value;
    }

    private static String lengthNote(String value) {
        return isLong(value) ? "... (" + value.codePointCount(0, value.length()) + " characters)" : "";
    }

    private static boolean isLong(String value) {
        return value.length() > SHOWN && value.codePointCount(0, value.length()) > SHOWN;
    }
}
