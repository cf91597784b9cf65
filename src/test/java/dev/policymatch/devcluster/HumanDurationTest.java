package dev.policymatch.devcluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The AGE column as the API server and kubectl write it. */
class HumanDurationTest {

    @ParameterizedTest(name = "{0}s -> {1}")
    @CsvSource(textBlock = """
            -5,        <invalid>
            -1,        0s
            0,         0s
            119,       119s
            120,       2m
            185,       3m5s
            600,       10m
            10799,     179m
            10800,     3h
            11400,     3h10m
            28800,     8h
            172800,    2d
            183600,    2d3h
            691200,    8d
            63072000,  2y
            63158400,  2y1d
            252288000, 8y
            """)
    void formats(long seconds, String expected) {
        assertThat(HumanDuration.format(Duration.ofSeconds(seconds))).isEqualTo(expected);
    }
}
