package dev.policymatch.devcluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.mockwebserver.http.MockResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ServerTablesTest {

    private static final String CONFIG_MAPS = "/api/v1/namespaces/default/configmaps";
    private static final String LIST = """
            {"kind":"ConfigMapList","apiVersion":"v1","metadata":{"resourceVersion":"7"},"items":[
             {"metadata":{"name":"a","namespace":"default","creationTimestamp":"2026-01-01T00:00:00Z"}},
             {"metadata":{"name":"b","namespace":"default","creationTimestamp":"yesterday"}}]}""";

    /** A store with two config maps and no CRDs (404 for their list), seen 90 s after the first was created. */
    private final Function<String, MockResponse> store = path -> path.replaceFirst("\\?.*", "").equals(CONFIG_MAPS)
            ? new MockResponse().setResponseCode(200).setBody(LIST)
            : new MockResponse().setResponseCode(404);
    private final ServerTables tables = new ServerTables(new Discovery(store), store,
            Clock.fixed(Instant.parse("2026-01-01T00:01:30Z"), ZoneOffset.UTC));

    @Test
    void aKindWithoutPrinterColumnsGetsNameAndAgeAsOnARealServer() {
        JsonNode table = Json.read(tables.answer(CONFIG_MAPS + "?limit=500").orElseThrow().getBody().readUtf8());

        assertThat(table.path("kind").asText()).isEqualTo("Table");
        assertThat(table.path("metadata").path("resourceVersion").asText()).isEqualTo("7");
        assertThat(table.path("columnDefinitions").findValuesAsText("name")).containsExactly("Name", "Age");
        assertThat(table.path("rows").findValues("cells").toString())
                .isEqualTo("[[\"a\",\"90s\"], [\"b\",\"<invalid>\"]]");
        assertThat(table.path("rows").get(0).path("object").path("kind").asText()).isEqualTo("PartialObjectMetadata");
    }

    @Test
    void passesTheStoresFailureOnAndLeavesUnknownPathsToTheStore() {
        assertThat(tables.answer("/api/v1/namespaces/default/configmaps/missing")).get()
                .extracting(MockResponse::code).isEqualTo(404);
        assertThat(tables.answer("/apis/example.com/v1/widgets")).isEmpty();
        assertThat(tables.answer("/version")).isEmpty();
    }
}
