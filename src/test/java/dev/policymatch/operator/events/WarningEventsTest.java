package dev.policymatch.operator.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WarningEventsTest {

    @Test
    void theEventNameDependsOnTheContentSoTheSameWarningIsOneEvent() {
        String once = WarningEvents.eventName("bad", "uid/InvalidHostEndpoint/1 violation");
        assertThat(WarningEvents.eventName("bad", "uid/InvalidHostEndpoint/1 violation")).isEqualTo(once);
        assertThat(WarningEvents.eventName("bad", "uid/InvalidHostEndpoint/2 violations")).isNotEqualTo(once);
        assertThat(once).matches("bad\\.[0-9a-f]{16}");
    }

    @Test
    void longResourceNamesStillGiveAValidEventName() {
        assertThat(WarningEvents.eventName("x".repeat(253), "c")).hasSizeLessThanOrEqualTo(253);
    }

    @Test
    void aMessageOfUpToTheLimitIsKeptAsItIs() {
        String atLimit = "a".repeat(WarningEvents.MAX_MESSAGE_BYTES - 2) + "ü";
        assertThat(WarningEvents.withinLimit(atLimit)).isSameAs(atLimit);
    }

    /** 1, 2, 3 and 4 bytes a character in UTF-8 (the last a surrogate pair in Java). */
    @ParameterizedTest
    @ValueSource(strings = {"a", "ü", "€", "😀"})
    void aLongerMessageIsCutInBytesBetweenCharacters(String character) {
        for (int shift = 0; shift < 4; shift++) {
            String message = "x".repeat(shift) + character.repeat(WarningEvents.MAX_MESSAGE_BYTES + 1);
            String cut = WarningEvents.withinLimit(message);
            int bytes = cut.getBytes(StandardCharsets.UTF_8).length;
            assertThat(bytes).isBetween(WarningEvents.MAX_MESSAGE_BYTES - 3, WarningEvents.MAX_MESSAGE_BYTES);
            assertThat(cut).endsWith("...");
            assertThat(message).startsWith(cut.substring(0, cut.length() - 3));
            assertThat(WarningEvents.withinLimit(message)).as("the same message, the same cut").isEqualTo(cut);
        }
    }
}
