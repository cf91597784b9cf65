package dev.policymatch.devcluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatusUpdatePreconditionsTest {

    @ParameterizedTest(name = "{0} -> \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            {"metadata":{"name":"a","resourceVersion":"17"},"status":{"x":1}}                          | 17
            {"kind":"R","spec":{"metadata":{"resourceVersion":"9"}},"metadata":{"resourceVersion":"4"}} | 4
            {"status":{"list":[{"metadata":{"resourceVersion":"9"}}]},"metadata":{"resourceVersion":"5"}} | 5
            {"metadata":{"labels":{"resourceVersion":"9"},"resourceVersion":"6"}}                      | 6
            {"metadata":{"resourceVersion":12}}                                                       | 12
            {"metadata":{"name":"a"},"resourceVersion":"3"}                                           | ''
            {"metadata":"text"}                                                                       | ''
            ["metadata"]                                                                              | ''
            {"metadata":{"resourceVersion":                                                           | ''
            not json                                                                                  | ''
            """)
    void readsTheObjectsOwnResourceVersionOnly(String json, String expected) {
        assertThat(StatusUpdatePreconditions.resourceVersion(json)).isEqualTo(expected);
    }
}
