package dev.policymatch.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OperatorRuntimeTest {

    private static final Map<String, String> POD = Map.of("POD_NAMESPACE", "ops", "POD_NAME", "policymatch-7d9f-abcde");

    private static OperatorLaunch launch(boolean embedded, boolean once, boolean leaderElection) {
        return new OperatorLaunch(embedded, once, null, 0, leaderElection, null, null,
                java.util.Optional.empty(), null, null, 500);
    }

    /** Only a pod that runs until stopped exits when it loses the Lease (its restart rejoins the election). */
    @ParameterizedTest(name = "embedded {0}, once {1}: exit on losing the Lease {2}")
    @CsvSource({"false, false, true", "false, true, false", "true, false, false", "true, true, false"})
    void aLeaderInAPodThatRunsUntilStoppedExitsWhenItStopsLeading(boolean embedded, boolean once, boolean exits) {
        PolicyMatchOperator.Settings settings = OperatorRuntime.settings(launch(embedded, once, true), POD);
        assertThat(settings.reportNamespace()).isEqualTo("ops");
        assertThat(settings.leaderIdentity()).contains("policymatch-7d9f-abcde");
        assertThat(settings.exitOnStopLeading()).isEqualTo(exits);
    }

    @ParameterizedTest(name = "embedded {0}, once {1}")
    @CsvSource({"false, false", "true, true"})
    void withoutLeaderElectionThereIsNoLeader(boolean embedded, boolean once) {
        PolicyMatchOperator.Settings settings = OperatorRuntime.settings(launch(embedded, once, false), POD);
        assertThat(settings.leaderIdentity()).isEqualTo(Optional.empty());
        assertThat(settings.exitOnStopLeading()).isFalse();
    }
}
