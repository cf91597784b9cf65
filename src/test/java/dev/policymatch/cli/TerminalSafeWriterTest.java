package dev.policymatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TerminalSafeWriterTest {

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            'a\u0001b'         | 'a\\u0001b'         | SOH
            'x\u0007y'         | 'x\\u0007y'         | BEL
            '\u001b]0;t\u0007' | '\\u001b]0;t\\u0007' | OSC: retitles the terminal
            '\u001b[2J'        | '\\u001b[2J'        | CSI: clears the screen
            'ok\rnot ok'       | 'ok\\rnot ok'       | CR: rewrites the line
            'a\tb\bc\fd'       | 'a\\tb\\bc\\fd'     | tab, backspace, form feed
            'del\u007f'        | 'del\\u007f'        | DEL
            'c1\u009b31m'      | 'c1\\u009b31m'      | C1 CSI
            'a\u202eb'         | 'a\\u202eb'         | right-to-left override
            'a\u2066b\u2069'   | 'a\\u2066b\\u2069'   | isolates
            'z\u200bw'         | 'z\\u200bw'         | zero-width space
            'l\u2028p\u2029'   | 'l\\u2028p\\u2029'   | line and paragraph separators
            'zürich ü ✓'       | 'zürich ü ✓'       | printable non-ASCII is left alone
            """)
    void escapesWhatATerminalWouldInterpret(String text, String expected, String what) {
        assertThat(written(text)).isEqualTo(expected);
    }

    @Test
    void lineFeedsAndJsonPassThroughWithTheSameMeaning() {
        assertThat(written("line 1\nline 2\n")).isEqualTo("line 1\nline 2\n");
        assertThat(written("{ \"v\" : \"a\u202eb\u007f\" }")).isEqualTo("{ \"v\" : \"a\\u202eb\\u007f\" }");
    }

    @Test
    void aSupplementaryFormatCharacterIsEscapedEvenWhenItsHalvesArriveApart() {
        String tagA = new String(Character.toChars(0xE0041)); // an invisible tag character
        StringWriter target = new StringWriter();
        PrintWriter out = TerminalSafeWriter.wrap(target);
        out.print("x" + tagA.charAt(0));
        out.print(tagA.charAt(1) + "y\uD83D\uDE00");
        out.flush();
        assertThat(target.toString()).isEqualTo("x\\udb40\\udc41y\uD83D\uDE00");
    }

    private static String written(String text) {
        StringWriter target = new StringWriter();
        PrintWriter out = TerminalSafeWriter.wrap(target);
        out.print(text);
        out.flush();
        return target.toString();
    }
}
