package dev.policymatch.devcluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestFixUpsTest {

    private static final String REPORT = "/apis/policymatch.dev/v1alpha1/namespaces/ns/policymatchreports/hep.a/status";

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ?fieldManager=policymatch                                  | ''
            ?fieldManager=policymatch&fieldValidation=Strict           | ''
            ?dryRun=All&fieldManager=policymatch&fieldValidation=Strict | ?dryRun=All
            ?fieldManager&timeout=5s                                    | ?timeout=5s
            ?fieldManagerName=x                                         | ?fieldManagerName=x
            """)
    void dropsTheFieldManagerAndValidationParameters(String query, String kept) {
        RecordedRequest fixed = RequestFixUps.apply(request("PATCH", REPORT + query, "application/merge-patch+json"));

        assertThat(fixed.getPath()).isEqualTo(REPORT + kept);
    }

    @Test
    void appliesAStrategicMergePatchAsAMergePatchWithTheSameBody() {
        RecordedRequest fixed = RequestFixUps.apply(request("PATCH", "/api/v1/namespaces/default",
                "application/strategic-merge-patch+json"));

        assertThat(fixed.getHeaders().headers("Content-Type")).containsExactly("application/merge-patch+json");
        assertThat(fixed.getUtf8Body()).isEqualTo("{\"metadata\":{\"labels\":{\"a\":\"b\"}}}");
    }

    @Test
    void leavesARequestWithNothingToFixAlone() {
        RecordedRequest request = request("PATCH", REPORT + "?dryRun=All", "application/json-patch+json");

        assertThat(RequestFixUps.apply(request)).isSameAs(request);
    }

    private static RecordedRequest request(String method, String path, String contentType) {
        Buffer body = new Buffer().writeUtf8("{\"metadata\":{\"labels\":{\"a\":\"b\"}}}");
        return new RecordedRequest("HTTP/1.1", HttpMethod.valueOf(method), path,
                Headers.builder().add("Content-Type", contentType).build(), body);
    }
}
