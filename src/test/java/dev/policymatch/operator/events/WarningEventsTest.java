package dev.policymatch.operator.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

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
}
