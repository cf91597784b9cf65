package dev.policymatch.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.policymatch.scale.OperatorScaleDriver.Options;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class OperatorScaleDriverOptionsTest {

    @Test
    void quickByDefaultWithTheSteadyStateOnTheLastSize() {
        assertThat(Options.parse()).isEqualTo(new Options(List.of(2_000, 10_000), 200, 10_000, Optional.empty(),
                Path.of("docs/scale-convergence.png"), Path.of("docs/scale-memory.png"), false, OptionalInt.empty()));
    }

    @Test
    void fullRunsTheIssuesSizesAndALaterSizesWins() {
        assertThat(Options.parse("--full").sizes()).containsExactly(10_000, 25_000, 50_000, 100_000);
        assertThat(Options.parse("--full", "--steady-size", "25000").steadySize()).isEqualTo(25_000);
        assertThat(Options.parse("--full", "--sizes", "2000").sizes()).containsExactly(2_000);
        // make's FULL=1 gives --operator-heap 1g before SCALE_ARGS, which may give another
        assertThat(Options.parse("--full", "--operator-heap", "1g", "--operator-heap", "640m").operatorHeap())
                .contains("640m");
    }

    @Test
    void policiesGrowWithTheEstateUnlessFixed() {
        assertThat(Options.parse("--full").size(100_000).policies()).isEqualTo(2_000);
        Options fixed = Options.parse("--full", "--policies", "200");
        assertThat(fixed.sizes()).allSatisfy(size -> assertThat(fixed.size(size).policies()).isEqualTo(200));
        assertThat(fixed.size(100_000).pods()).isEqualTo(90_000);
    }

    @Test
    void theSteadyStateCanBeLeftOut() {
        assertThat(Options.parse("--sizes", "1000,2000", "--steady-size", "0").steadySize()).isZero();
    }

    @Test
    void refusesWhatItCannotRun() {
        assertThatThrownBy(() -> Options.parse("--sizes", "2000", "--steady-size", "5000"))
                .hasMessage("--steady-size 5000 is not one of --sizes [2000]");
        assertThatThrownBy(() -> Options.parse("--sizes", "50")).hasMessageContaining("at least 100 endpoints: 50");
        assertThatThrownBy(() -> Options.parse("--changes")).hasMessageStartingWith("--changes needs a value");
        assertThatThrownBy(() -> Options.parse("--policies", "10")).hasMessage("a mixed estate needs at least 40 policies: 10");
        assertThatThrownBy(() -> Options.parse("--fast")).hasMessageStartingWith("unknown argument --fast");
    }
}
