package dev.policymatch.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class DistributionTest {

    @Test
    void nearestRankPercentilesOfAHundredValues() {
        long[] values = LongStream.rangeClosed(1, 100).map(i -> 101 - i).toArray(); // 100 down to 1

        assertThat(Distribution.of(values)).isEqualTo(new Distribution(100, 50, 99, 100, 5_050));
        assertThat(values[0]).as("the caller's array is left as it was").isEqualTo(100);
    }

    @Test
    void oneValueIsEveryPercentile() {
        assertThat(Distribution.of(new long[] {7})).isEqualTo(new Distribution(1, 7, 7, 7, 7));
    }

    @Test
    void noValuesHaveNoDistribution() {
        assertThatThrownBy(() -> Distribution.of(new long[0])).hasMessageContaining("no values");
    }
}
