package dev.policymatch.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
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
}
