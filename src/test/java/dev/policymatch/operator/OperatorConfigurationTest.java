package dev.policymatch.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OperatorConfigurationTest {

    @ParameterizedTest(name = "flag {0}, POD_NAMESPACE {1} -> {2}")
    @CsvSource(nullValues = "null", textBlock = """
            reports, ops,  reports
            null,    ops,  ops
            '',      ops,  ops
            null,    null, policymatch-system
            null,    '',   policymatch-system
            """)
    void reportNamespaceIsTheFlagThenThePodsNamespace(String flag, String podNamespace, String expected) {
        Map<String, String> env = podNamespace == null ? Map.of() : Map.of("POD_NAMESPACE", podNamespace);
        assertThat(OperatorConfiguration.reportNamespace(flag, env)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "POD_NAME {0}, HOSTNAME {1} -> {2}")
    @CsvSource(nullValues = "null", textBlock = """
            policymatch-7d9f-abcde, node-1, policymatch-7d9f-abcde
            null,                   node-1, node-1
            '',                     node-1, node-1
            """)
    void theLeaderIsThePodThenTheHost(String podName, String hostname, String expected) {
        Map<String, String> env = new HashMap<>(Map.of("HOSTNAME", hostname));
        if (podName != null) {
            env.put("POD_NAME", podName);
        }
        assertThat(OperatorConfiguration.leaderIdentity(env)).isEqualTo(expected);
    }

    @Test
    void withoutAPodOrHostNameEachProcessIsALeaderOfItsOwn() {
        String first = OperatorConfiguration.leaderIdentity(Map.of());
        assertThat(first).startsWith("policymatch-").isNotEqualTo(OperatorConfiguration.leaderIdentity(Map.of()));
    }
}
