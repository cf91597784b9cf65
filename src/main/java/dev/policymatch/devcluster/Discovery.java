package dev.policymatch.devcluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.mockwebserver.http.MockResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * API discovery as kube-apiserver serves it ({@code /version}, {@code /api}, {@code /api/v1},
 * {@code /apis}, {@code /apis/<group>[/<version>]}), built from the built-in kinds and the CRDs in the
 * store, so that the real {@code kubectl} finds every resource type the server stores. The mock
 * serves none of it.
 */
final class Discovery {

    static final String SERVER_VERSION = "v1.32.0-policymatch-embedded";

    private static final String CRD_LIST_PATH = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";
    private static final Pattern GROUP_VERSION = Pattern.compile("/apis/([^/]+)/([^/]+)/?");
    private static final Pattern GROUP = Pattern.compile("/apis/([^/]+)/?");

    private final Function<String, MockResponse> store;
    private volatile String serverAddress = "127.0.0.1:0";

    /** @param store the store's answer to a GET of a path */
    Discovery(Function<String, MockResponse> store) {
        this.store = store;
    }

    /** {@code host:port} that {@code /api} tells clients to use. */
    void serverAddress(String hostAndPort) {
        this.serverAddress = hostAndPort;
    }

    /** The answer to a GET of {@code path} (no query string), if it is a discovery path. */
    Optional<MockResponse> answer(String path) {
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        switch (trimmed) {
            case "/version":
                return Optional.of(Json.response(200, version()));
            case "/api":
                return Optional.of(Json.response(200, coreVersions()));
            case "/api/v1":
                return Optional.of(Json.response(200, resourceList("", "v1")));
            case "/apis":
                return Optional.of(Json.response(200, groupList()));
            default:
                break;
        }
        if (path.startsWith("/openapi/")) {
            // kubectl treats a missing OpenAPI document as "no schema"; an empty List would not parse.
            return Optional.of(notFound("the embedded API server serves no OpenAPI"));
        }
        return group(path);
    }

    private Optional<MockResponse> group(String path) {
        Matcher gv = GROUP_VERSION.matcher(path);
        if (gv.matches()) {
            List<String> versions = groupVersions().get(gv.group(1));
            return Optional.of(versions != null && versions.contains(gv.group(2))
                    ? Json.response(200, resourceList(gv.group(1), gv.group(2)))
                    : notFound("the server could not find the requested resource"));
        }
        Matcher g = GROUP.matcher(path);
        if (g.matches() && groupVersions().containsKey(g.group(1))) {
            ObjectNode group = apiGroup(g.group(1), groupVersions().get(g.group(1)));
            group.put("kind", "APIGroup").put("apiVersion", "v1");
            return Optional.of(Json.response(200, group));
        }
        return Optional.empty();
    }

    /** The built-in kinds, then every served version of every stored CRD. */
    List<ApiResource> resources() {
        List<ApiResource> all = new ArrayList<>(ApiResource.BUILT_IN);
        for (CustomResourceDefinition crd : storedCrds()) {
            all.addAll(ApiResource.fromCrd(crd));
        }
        return all;
    }

    /** The resource type served at {@code /api/v1/<plural>} (empty group) or {@code /apis/<group>/<version>/<plural>}. */
    Optional<ApiResource> resource(String group, String version, String plural) {
        return resources().stream()
                .filter(r -> r.group().equals(group) && r.version().equals(version) && r.plural().equals(plural))
                .findFirst();
    }

    private static ObjectNode version() {
        ObjectNode v = JsonNodeFactory.instance.objectNode();
        v.put("major", "1").put("minor", "32").put("gitVersion", SERVER_VERSION)
                .put("gitCommit", "").put("gitTreeState", "clean").put("buildDate", "2026-01-01T00:00:00Z")
                .put("goVersion", "java").put("compiler", "java").put("platform", "linux/amd64");
        return v;
    }

    private ObjectNode coreVersions() {
        ObjectNode versions = Json.typed("APIVersions", "v1");
        versions.putArray("versions").add("v1");
        versions.putArray("serverAddressByClientCIDRs").addObject()
                .put("clientCIDR", "0.0.0.0/0").put("serverAddress", serverAddress);
        return versions;
    }

    private ObjectNode groupList() {
        ObjectNode list = Json.typed("APIGroupList", "v1");
        ArrayNode groups = list.putArray("groups");
        groupVersions().forEach((group, versions) -> groups.add(apiGroup(group, versions)));
        return list;
    }

    /** Every served group (the core group excluded) with its versions, preferred (first) version first. */
    private Map<String, List<String>> groupVersions() {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (ApiResource r : resources()) {
            if (!r.group().isEmpty()) {
                List<String> versions = groups.computeIfAbsent(r.group(), k -> new ArrayList<>());
                if (!versions.contains(r.version())) {
                    versions.add(r.version());
                }
            }
        }
        return groups;
    }

    private static ObjectNode apiGroup(String group, List<String> versions) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("name", group);
        ArrayNode list = node.putArray("versions");
        versions.forEach(v -> list.addObject().put("groupVersion", group + "/" + v).put("version", v));
        node.putObject("preferredVersion").put("groupVersion", group + "/" + versions.get(0))
                .put("version", versions.get(0));
        return node;
    }

    private ObjectNode resourceList(String group, String version) {
        ObjectNode list = Json.typed("APIResourceList", "v1");
        list.put("groupVersion", group.isEmpty() ? version : group + "/" + version);
        ArrayNode items = list.putArray("resources");
        for (ApiResource r : resources()) {
            if (r.group().equals(group) && r.version().equals(version)) {
                items.add(resourceItem(r));
                if (r.statusSubresource()) {
                    items.add(statusItem(r));
                }
            }
        }
        return list;
    }

    private static ObjectNode resourceItem(ApiResource r) {
        ObjectNode item = JsonNodeFactory.instance.objectNode();
        item.put("name", r.plural()).put("singularName", r.singular()).put("namespaced", r.namespaced())
                .put("kind", r.kind());
        ArrayNode verbs = item.putArray("verbs");
        ApiResource.VERBS.forEach(verbs::add);
        if (!r.shortNames().isEmpty()) {
            ArrayNode shortNames = item.putArray("shortNames");
            r.shortNames().forEach(shortNames::add);
        }
        if (!r.categories().isEmpty()) {
            ArrayNode categories = item.putArray("categories");
            r.categories().forEach(categories::add);
        }
        return item;
    }

    private static ObjectNode statusItem(ApiResource r) {
        ObjectNode status = JsonNodeFactory.instance.objectNode();
        status.put("name", r.plural() + "/status").put("singularName", "").put("namespaced", r.namespaced())
                .put("kind", r.kind());
        status.putArray("verbs").add("get").add("patch").add("update");
        return status;
    }

    private List<CustomResourceDefinition> storedCrds() {
        MockResponse response = store.apply(CRD_LIST_PATH);
        if (response.code() != 200) {
            return List.of();
        }
        JsonNode items = Json.read(response.getBody().readUtf8()).path("items");
        List<CustomResourceDefinition> crds = new ArrayList<>();
        items.forEach(item -> crds.add(Json.MAPPER.convertValue(item, CustomResourceDefinition.class)));
        return crds;
    }

    private static MockResponse notFound(String message) {
        return Json.response(404, ApiStatus.of(404, "NotFound", message));
    }
}
