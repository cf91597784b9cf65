package dev.policymatch.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Invalid selectors and the exact message a user sees: what is unexpected, the column, the selector
 * and what would have been valid there.
 */
class SelectorParseErrorTest {
    private static final String OPERAND = "expected a label key, has(...), all(), global(), ! or (";
    private static final String OPERATOR = "expected ==, !=, in, not in, contains, starts with or ends with";

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', textBlock = """
            a = "b"                    => unexpected "=" at column 3 in selector 'a = "b"': expected ==, !=, in, not in, contains, starts with or ends with
            a == b                     => unexpected "b" at column 6 in selector 'a == b': expected a quoted string
            a != b                     => unexpected "b" at column 6 in selector 'a != b': expected a quoted string
            a contains b               => unexpected "b" at column 12 in selector 'a contains b': expected a quoted string
            a starts with b            => unexpected "b" at column 15 in selector 'a starts with b': expected a quoted string
            a ends with b              => unexpected "b" at column 13 in selector 'a ends with b': expected a quoted string
            a in "b"                   => unexpected '"b"' at column 6 in selector 'a in "b"': expected {
            a in {b}                   => unexpected "b" at column 7 in selector 'a in {b}': expected a quoted string or }
            a in {"b"                  => unexpected end of selector at column 10 in selector 'a in {"b"': expected , or }
            a in {"b" "c"}             => unexpected '"c"' at column 11 in selector 'a in {"b" "c"}': expected , or }
            a in {,}                   => unexpected "," at column 7 in selector 'a in {,}': expected a quoted string or }
            a in {"b",,}               => unexpected "," at column 11 in selector 'a in {"b",,}': expected a quoted string or }
            a starts "b"               => unexpected '"b"' at column 10 in selector 'a starts "b"': expected with
            a not {"b"}                => unexpected "{" at column 7 in selector 'a not {"b"}': expected in
            has (a)                    => unexpected "(" at column 5 in selector 'has (a)': expected ==, !=, in, not in, contains, starts with or ends with
            has()                      => unexpected ")" at column 5 in selector 'has()': expected a label key
            has(a                      => unexpected end of selector at column 6 in selector 'has(a': expected )
            has(a b)                   => unexpected "b" at column 7 in selector 'has(a b)': expected )
            has("a")                   => unexpected '"a"' at column 5 in selector 'has("a")': expected a label key
            all(x)                     => unexpected "x" at column 5 in selector 'all(x)': expected )
            all ()                     => unexpected "(" at column 5 in selector 'all ()': expected ==, !=, in, not in, contains, starts with or ends with
            global(                    => unexpected end of selector at column 8 in selector 'global(': expected )
            foo(a)                     => unexpected "(" at column 4 in selector 'foo(a)': expected ==, !=, in, not in, contains, starts with or ends with
            a == "b                    => unterminated string at column 6 in selector 'a == "b': expected closing "
            a == 'b                    => unterminated string at column 6 in selector "a == 'b": expected closing '
            a == "b'                   => unterminated string at column 6 in selector "a == "b'": expected closing "
            "a" == "b"                 => unexpected '"a"' at column 1 in selector '"a" == "b"': expected a label key, has(...), all(), global(), ! or (
            a                          => unexpected end of selector at column 2 in selector 'a': expected ==, !=, in, not in, contains, starts with or ends with
            a b                        => unexpected "b" at column 3 in selector 'a b': expected ==, !=, in, not in, contains, starts with or ends with
            !                          => unexpected end of selector at column 2 in selector '!': expected a label key, has(...), all(), global(), ! or (
            a == "b" &&                => unexpected end of selector at column 12 in selector 'a == "b" &&': expected a label key, has(...), all(), global(), ! or (
            a == "b" ||                => unexpected end of selector at column 12 in selector 'a == "b" ||': expected a label key, has(...), all(), global(), ! or (
            a == "b" &                 => unexpected "&" at column 10 in selector 'a == "b" &': expected &&, || or the end of the selector
            a == "b" |                 => unexpected "|" at column 10 in selector 'a == "b" |': expected &&, || or the end of the selector
            && a == "b"                => unexpected "&&" at column 1 in selector '&& a == "b"': expected a label key, has(...), all(), global(), ! or (
            a == "b" c == "d"          => unexpected "c" at column 10 in selector 'a == "b" c == "d"': expected &&, || or the end of the selector
            (                          => unexpected end of selector at column 2 in selector '(': expected a label key, has(...), all(), global(), ! or (
            (a == "b"                  => unexpected end of selector at column 10 in selector '(a == "b"': expected &&, || or )
            )                          => unexpected ")" at column 1 in selector ')': expected a label key, has(...), all(), global(), ! or (
            ()                         => unexpected ")" at column 2 in selector '()': expected a label key, has(...), all(), global(), ! or (
            a == "b")                  => unexpected ")" at column 9 in selector 'a == "b")': expected &&, || or the end of the selector
            %                          => unexpected "%" at column 1 in selector '%': expected a label key, has(...), all(), global(), ! or (
            a === "b"                  => unexpected "=" at column 5 in selector 'a === "b"': expected a quoted string
            a == == "b"                => unexpected "==" at column 6 in selector 'a == == "b"': expected a quoted string
            a =! "b"                   => unexpected "=" at column 3 in selector 'a =! "b"': expected ==, !=, in, not in, contains, starts with or ends with
            a <> "b"                   => unexpected "<" at column 3 in selector 'a <> "b"': expected ==, !=, in, not in, contains, starts with or ends with
            a == "b" && !              => unexpected end of selector at column 14 in selector 'a == "b" && !': expected a label key, has(...), all(), global(), ! or (
            ä == "b"                   => unexpected "ä" at column 1 in selector 'ä == "b"': expected a label key, has(...), all(), global(), ! or (
            != "b"                     => unexpected "!=" at column 1 in selector '!= "b"': expected a label key, has(...), all(), global(), ! or (
            a in {"b"}}                => unexpected "}" at column 11 in selector 'a in {"b"}}': expected &&, || or the end of the selector
            a not in                   => unexpected end of selector at column 9 in selector 'a not in': expected {
            has(a) == "b"              => unexpected "==" at column 8 in selector 'has(a) == "b"': expected &&, || or the end of the selector
            a == "b" && || c == "d"    => unexpected "||" at column 13 in selector 'a == "b" && || c == "d"': expected a label key, has(...), all(), global(), ! or (
            a not in {"x"} in {"y"}    => unexpected "in" at column 16 in selector 'a not in {"x"} in {"y"}': expected &&, || or the end of the selector
            a == "😀" && 😀              => unexpected "😀" at column 13 in selector 'a == "😀" && 😀': expected a label key, has(...), all(), global(), ! or (
            """)
    void rejectsWithExactMessage(String selector, String message) {
        assertRejected(selector, message);
    }

    /** Inputs that a table cannot show: line breaks, control and invisible characters, huge inputs. */
    static Stream<Arguments> generatedInvalidSelectors() {
        String key513 = "k".repeat(513);
        String deep = "(".repeat(257) + "a == \"b\"" + ")".repeat(257);
        String manyParens = "(".repeat(100_000);
        String hugeKey = "a".repeat(100_000);
        return Stream.of(
                // only space and tab are whitespace (Calico's tokenizer); a line break is an error
                Arguments.of("a\n== \"b\"",
                        "unexpected line break at column 2 in selector 'a\n== \"b\"': " + OPERATOR),
                Arguments.of("\n", "unexpected line break at column 1 in selector '\n': " + OPERAND),
                Arguments.of("a == \"b\"\r\n",
                        "unexpected line break at column 9 in selector 'a == \"b\"\r\n': "
                                + "expected &&, || or the end of the selector"),
                Arguments.of("a == \"b\" &&\nc == \"d\"",
                        "unexpected line break at column 12 in selector 'a == \"b\" &&\nc == \"d\"': " + OPERAND),
                Arguments.of("a\u0000", "unexpected character U+0000 at column 2 in selector 'a\u0000': " + OPERATOR),
                Arguments.of("a\u00a0== \"b\"",
                        "unexpected character U+00A0 at column 2 in selector 'a\u00a0== \"b\"': " + OPERATOR),
                Arguments.of("\u00a0", "unexpected character U+00A0 at column 1 in selector '\u00a0': " + OPERAND),
                Arguments.of("\u2003has(a)",
                        "unexpected character U+2003 at column 1 in selector '\u2003has(a)': " + OPERAND),
                Arguments.of("a ==\u000b\"b\"",
                        "unexpected character U+000B at column 5 in selector 'a ==\u000b\"b\"': expected a quoted string"),
                // label keys are 1 to 512 characters; a selector longer than 80 characters is cut in the message
                Arguments.of(key513 + " == 'x'", "label key of 513 characters at column 1 in selector \""
                        + "k".repeat(80) + "\"... (520 characters): expected at most 512 characters"),
                Arguments.of("has(" + key513 + ")", "label key of 513 characters at column 5 in selector 'has("
                        + "k".repeat(76) + "'... (518 characters): expected at most 512 characters"),
                Arguments.of(hugeKey, "label key of 100000 characters at column 1 in selector '"
                        + "a".repeat(80) + "'... (100000 characters): expected at most 512 characters"),
                // nesting is bounded so that no input can overflow the stack
                Arguments.of(deep, "more than 256 nested parentheses at column 257 in selector '" + "(".repeat(80)
                        + "'... (522 characters)"),
                Arguments.of(manyParens, "more than 256 nested parentheses at column 257 in selector '"
                        + "(".repeat(80) + "'... (100000 characters)"),
                Arguments.of("!".repeat(100_000), "unexpected end of selector at column 100001 in selector '"
                        + "!".repeat(80) + "'... (100000 characters): " + OPERAND),
                // a long token is shortened in the message; a selector of 80 characters or fewer is not
                Arguments.of("a == " + "b".repeat(50), "unexpected \"" + "b".repeat(40) + "\"... at column 6 in selector 'a == "
                        + "b".repeat(50) + "': expected a quoted string"),
                // columns count characters, not UTF-16 units
                Arguments.of("a == \"\uD83D\uDE00\" && \uD83D\uDE00", "unexpected \"\uD83D\uDE00\" at column 13 in selector "
                        + "'a == \"\uD83D\uDE00\" && \uD83D\uDE00': " + OPERAND));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("generatedInvalidSelectors")
    void rejectsGeneratedInputWithExactMessage(String selector, String message) {
        assertRejected(selector, message);
    }

    @Test
    void exceptionCarriesTheParts() {
        assertThatThrownBy(() -> Selector.parse("a = \"b\""))
                .isInstanceOfSatisfying(SelectorParseException.class, error -> {
                    assertThat(error.selector()).isEqualTo("a = \"b\"");
                    assertThat(error.column()).isEqualTo(3);
                    assertThat(error.problem()).isEqualTo("unexpected \"=\"");
                    assertThat(error.expected()).isEqualTo("==, !=, in, not in, contains, starts with or ends with");
                });
    }

    @Test
    void limitsAreInclusive() {
        String key512 = "k".repeat(512);
        assertThat(Selector.parse(key512 + " == 'x'").matches(java.util.Map.of(key512, "x"))).isTrue();
        assertThat(Selector.parse("has(" + key512 + ")").toString()).isEqualTo("has(" + key512 + ")");
        String deepest = "(".repeat(256) + "a == \"b\"" + ")".repeat(256);
        assertThat(Selector.parse(deepest).toString()).isEqualTo("a == \"b\"");
    }

    private static void assertRejected(String selector, String message) {
        assertThatThrownBy(() -> Selector.parse(selector))
                .isExactlyInstanceOf(SelectorParseException.class)
                .hasMessage(message);
    }
}
