package dev.policymatch.devcluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.crud.CrudDispatcher;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The indexed store answers every request exactly as Fabric8's own CRUD dispatcher does: the same
 * random sequence of creates, updates, status updates, patches, deletes, gets and lists (named,
 * namespaced, cluster-wide, by label, cluster-scoped and custom kinds, conflicts and misses) goes
 * to both, and every answer must be the same (the random uid and the creation second aside).
 */
class IndexedCrudDispatcherTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WIDGETS = "/apis/example.com/v1";
    private static final List<String> NAMESPACES = List.of("ns-a", "ns-b", "ns-c");
    private static final List<String> NAMES = List.of("w0", "w1", "w2", "w3", "w4", "w5");
    private static final List<String> APPS = List.of("web", "db", "cache");

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42, 2026})
    void answersEveryRequestAsTheMockDoes(long seed) throws IOException {
        KubernetesCrudDispatcher mock = new KubernetesCrudDispatcher();
        IndexedCrudDispatcher indexed = new IndexedCrudDispatcher();
        RandomRequests requests = new RandomRequests(new Random(seed));
        for (Call setUp : requests.setUp()) {
            assertSameAnswer(setUp, mock, indexed);
        }
        java.util.Set<Integer> codes = new java.util.TreeSet<>();
        for (int i = 0; i < 2_000; i++) {
            codes.add(assertSameAnswer(requests.next(), mock, indexed).code());
        }
        // The sequence reaches every outcome: found, created, updated/patched, missing, conflicting.
        assertThat(codes).contains(200, 201, 202, 404, 409);
        for (String list : List.of("/api/v1/pods", WIDGETS + "/widgets", "/api/v1/namespaces",
                "/apis/apiextensions.k8s.io/v1/customresourcedefinitions")) {
            assertSameAnswer(request("GET", list, null, null), mock, indexed);
        }
    }

    @Test
    void anUnindexableQueryStillFindsWhatTheMockFinds() throws IOException {
        KubernetesCrudDispatcher mock = new KubernetesCrudDispatcher();
        IndexedCrudDispatcher indexed = new IndexedCrudDispatcher();
        Call create = request("POST", "/api/v1/namespaces/ns-a/pods", null, pod("ns-a", "p1", "web"));
        assertSameAnswer(create, mock, indexed);
        // '*' is the mock's wildcard value: the index cannot narrow it and falls back to the scan.
        MockResponse answer = assertSameAnswer(request("GET", "/api/v1/namespaces/ns-a/pods/*", null, null), mock,
                indexed);
        assertThat(answer.code()).isEqualTo(200);
        assertThat(JSON.readTree(body(answer)).path("metadata").path("name").asText()).isEqualTo("p1");
    }

    @Test
    void aCreateWithOnlyAGenerateNameIsStoredAndListed() throws IOException {
        KubernetesCrudDispatcher mock = new KubernetesCrudDispatcher();
        IndexedCrudDispatcher indexed = new IndexedCrudDispatcher();
        String generated = "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"generateName\":\"web-\","
                + "\"namespace\":\"ns-a\"}}";
        for (CrudDispatcher dispatcher : List.of(mock, indexed)) {
            MockResponse created = dispatcher.dispatch(recorded("POST", "/api/v1/namespaces/ns-a/pods", null, generated));
            assertThat(created.code()).isEqualTo(201);
            String name = JSON.readTree(body(created)).path("metadata").path("name").asText();
            assertThat(name).startsWith("web-");
            MockResponse list = dispatcher.dispatch(recorded("GET", "/api/v1/namespaces/ns-a/pods", null, null));
            assertThat(JSON.readTree(body(list)).path("items")).extracting(i -> i.path("metadata").path("name").asText())
                    .containsExactly(name);
        }
    }

    @Test
    void aResetEmptiesTheIndexToo() throws IOException {
        IndexedCrudDispatcher indexed = new IndexedCrudDispatcher();
        indexed.dispatch(recorded("POST", "/api/v1/namespaces/ns-a/pods", null, pod("ns-a", "p1", "web")));
        assertThat(indexed.dispatch(recorded("GET", "/api/v1/namespaces/ns-a/pods/p1", null, null)).code()).isEqualTo(200);
        indexed.reset();
        assertThat(indexed.dispatch(recorded("GET", "/api/v1/namespaces/ns-a/pods/p1", null, null)).code()).isEqualTo(404);
        assertThat(indexed.dispatch(recorded("POST", "/api/v1/namespaces/ns-a/pods", null, pod("ns-a", "p1", "db")))
                .code()).isEqualTo(201);
    }

    private static MockResponse assertSameAnswer(Call request, CrudDispatcher mock, CrudDispatcher indexed)
            throws IOException {
        MockResponse expected = mock.dispatch(request.recorded());
        MockResponse actual = indexed.dispatch(request.recorded());
        assertThat(actual.code()).as(request.toString()).isEqualTo(expected.code());
        assertThat(normalized(body(actual))).as(request.toString()).isEqualTo(normalized(body(expected)));
        return actual;
    }

    /** The body as text, or null: the mock answers some misses with no body at all. */
    private static String body(MockResponse response) {
        Buffer body = response.getBody();
        return body == null ? null : new String(body.getBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static JsonNode normalized(String body) throws IOException {
        if (body == null || body.isEmpty()) {
            return null;
        }
        JsonNode tree = JSON.readTree(body);
        strip(tree);
        tree.path("items").forEach(IndexedCrudDispatcherTest::strip);
        return tree;
    }

    private static void strip(JsonNode object) {
        if (object.path("metadata") instanceof ObjectNode metadata) {
            metadata.remove("uid");
            metadata.remove("creationTimestamp");
        }
    }

    /** A request as data: a {@link RecordedRequest}'s body can be read once, and each dispatcher reads it. */
    record Call(String method, String path, String contentType, String body) {
        RecordedRequest recorded() {
            Headers.Builder headers = Headers.builder();
            if (contentType != null) {
                headers.add("Content-Type", contentType);
            }
            Buffer buffer = new Buffer();
            if (body != null) {
                buffer.writeUtf8(body);
            }
            return new RecordedRequest("HTTP/1.1", HttpMethod.valueOf(method), path, headers.build(), buffer);
        }

        @Override
        public String toString() {
            return method + " " + path + (body == null ? "" : " " + body);
        }
    }

    private static RecordedRequest recorded(String method, String path, String contentType, String body) {
        return request(method, path, contentType, body).recorded();
    }

    static Call request(String method, String path, String contentType, String body) {
        return new Call(method, path, contentType, body);
    }

    private static String pod(String namespace, String name, String app) {
        return """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s","namespace":"%s","labels":{"app":"%s"}},
                 "spec":{"nodeName":"node1"}}""".formatted(name, namespace, app);
    }

    /** Requests over a small set of names, so that creates collide, gets miss and labels move. */
    private static final class RandomRequests {
        private final Random random;

        RandomRequests(Random random) {
            this.random = random;
        }

        List<Call> setUp() {
            String crd = """
                    {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition",
                     "metadata":{"name":"widgets.example.com"},
                     "spec":{"group":"example.com","scope":"Namespaced",
                       "names":{"plural":"widgets","singular":"widget","kind":"Widget"},
                       "versions":[{"name":"v1","served":true,"storage":true,"subresources":{"status":{}},
                         "schema":{"openAPIV3Schema":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}}]}}""";
            return List.of(request("POST", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", null, crd),
                    request("POST", "/api/v1/namespaces", null, namespace("ns-a", "web")),
                    request("POST", "/api/v1/namespaces", null, namespace("ns-b", "db")));
        }

        Call next() {
            String ns = pick(NAMESPACES);
            String name = pick(NAMES);
            boolean widget = random.nextBoolean();
            String collection = widget ? WIDGETS + "/namespaces/" + ns + "/widgets" : "/api/v1/namespaces/" + ns + "/pods";
            String object = collection + "/" + name;
            String body = widget ? widget(ns, name) : pod(ns, name, pick(APPS));
            return switch (random.nextInt(12)) {
                case 0, 1 -> request("POST", collection, null, body);
                case 2 -> request("PUT", object, null, body);
                case 3 -> request("PUT", object + "/status", null, withStatus(body));
                case 4 -> request("PATCH", object, "application/merge-patch+json",
                        "{\"metadata\":{\"labels\":{\"app\":\"" + pick(APPS) + "\"}}}");
                case 5 -> request("PATCH", object, "application/json-patch+json",
                        "[{\"op\":\"add\",\"path\":\"/metadata/labels/tier\",\"value\":\"" + pick(APPS) + "\"}]");
                case 6 -> request("DELETE", object, null, null);
                case 7, 8 -> request("GET", object, null, null);
                case 9 -> request("GET", collection, null, null);
                case 10 -> request("GET", (widget ? WIDGETS + "/widgets" : "/api/v1/pods") + "?labelSelector=app%3D"
                        + pick(APPS), null, null);
                default -> random.nextBoolean()
                        ? request("POST", "/api/v1/namespaces", null, namespace(ns, pick(APPS)))
                        : request("GET", "/api/v1/namespaces/" + ns, null, null);
            };
        }

        private String widget(String namespace, String name) {
            return """
                    {"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"%s","namespace":"%s",
                     "labels":{"app":"%s"}},"spec":{"size":%d}}""".formatted(name, namespace, pick(APPS), random.nextInt(3));
        }

        private String withStatus(String body) {
            return body.substring(0, body.lastIndexOf('}')) + ",\"status\":{\"seen\":" + random.nextInt(3) + "}}";
        }

        private static String namespace(String name, String team) {
            return "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + name
                    + "\",\"labels\":{\"team\":\"" + team + "\"}}}";
        }

        private String pick(List<String> values) {
            return values.get(random.nextInt(values.size()));
        }
    }
}
