package dev.policymatch.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuotedTest {

    @Test
    void aShortValueIsQuotedWholeWithQuotesAndLineBreaksEscaped() {
        assertThat(Quoted.of("10.0.0.300")).isEqualTo("\"10.0.0.300\"");
        assertThat(Quoted.of("a\"b\\c\nd\re\tf")).isEqualTo("\"a\\\"b\\\\c\\nd\\re\\tf\"");
        assertThat(Quoted.of("x".repeat(80))).isEqualTo("\"" + "x".repeat(80) + "\"");
    }

    @Test
    void aLongValueShowsItsFirstEightyCharactersAndItsLength() {
        assertThat(Quoted.of("x".repeat(81))).isEqualTo("\"" + "x".repeat(80) + "\"... (81 characters)");
        assertThat(Quoted.of("y".repeat(1 << 20))).isEqualTo("\"" + "y".repeat(80) + "\"... (1048576 characters)");
    }

    @Test
    void charactersAreCodePointsSoAPairIsNeverCut() {
        String emoji = "\uD83D\uDE00";
        assertThat(Quoted.of(emoji.repeat(80))).isEqualTo("\"" + emoji.repeat(80) + "\"");
        assertThat(Quoted.of(emoji.repeat(81))).isEqualTo("\"" + emoji.repeat(80) + "\"... (81 characters)");
    }

    @Test
    void theSelectorStyleKeepsItsQuoteAndNoEscapes() {
        assertThat(Quoted.of("a == \"b\"", '\'')).isEqualTo("'a == \"b\"'");
        assertThat(Quoted.of("(".repeat(100), '\'')).isEqualTo("'" + "(".repeat(80) + "'... (100 characters)");
    }
}
