package dev.policymatch.devcluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.policymatch.devcluster.ApiRequest.Verb;
import dev.policymatch.devcluster.auth.AccessReviews;
import dev.policymatch.devcluster.auth.Authenticator;
import dev.policymatch.devcluster.auth.AuthorizationLog;
import dev.policymatch.devcluster.auth.RbacAuthorizer;
import dev.policymatch.devcluster.auth.ServiceAccountTokens;
import dev.policymatch.devcluster.auth.User;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.server.mock.crud.KubernetesCrudDispatcherException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Fabric8 CRUD dispatcher plus what the real {@code kubectl} and JOSDK need from an API server
 * and the mock lacks:
 * <ul>
 * <li>discovery ({@code /version}, {@code /api}, {@code /api/v1}, {@code /apis},
 * {@code /apis/<group>/<version>}) built from the built-in kinds and the CRDs stored in it;</li>
 * <li>server-side tables (kubectl's {@code Accept: ...;as=Table}) from the CRDs' printer columns, so
 * {@code kubectl get} shows the same columns as on a real cluster;</li>
 * <li>request fix-ups: the mock ignores a status PATCH whose path carries {@code ?fieldManager=},
 * so {@code fieldManager} and {@code fieldValidation} are dropped from every path; and since it
 * answers strategic merge patches with 415, kubectl's strategic merge patches of built-in kinds
 * ({@code kubectl label ns}, re-{@code apply}) are applied as JSON merge patches, which is the same
 * thing for maps (labels, annotations, fields);</li>
 * <li>authentication and Kubernetes RBAC on every request ({@link AccessControl}: bearer tokens of
 * service accounts, impersonation, the Roles and bindings in the store, 401 and 403 as a real
 * server words them), and access reviews answered from the same rules
 * ({@link dev.policymatch.devcluster.auth.AccessReviews}); a request without credentials is
 * the administrator and may do everything;</li>
 * <li>what a real server refuses by size ({@link SizeLimits}: bodies over 3 MiB, objects over etcd's
 * 1.5 MiB) and a status update with a stale resourceVersion ({@link StatusUpdatePreconditions});</li>
 * <li>an answer to every request: a 500 Status where the mock would throw and leave the client
 * waiting, a 415 for protobuf bodies (kubectl's {@code create} of built-in kinds) other than the
 * access reviews of {@code kubectl auth can-i} ({@link ReviewProtobuf});</li>
 * <li>JSON merge patches follow RFC 7386 (lists replaced, nulls remove keys), where the mock
 * appended to lists.</li>
 * </ul>
 */
class EmbeddedApiDispatcher extends IndexedCrudDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedApiDispatcher.class);
    static final String SERVER_VERSION = "v1.32.0-policymatch-embedded";

    private static final String CRD_LIST_PATH = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";
    private static final Pattern GROUP_VERSION = Pattern.compile("/apis/([^/]+)/([^/]+)/?");
    private static final Pattern GROUP = Pattern.compile("/apis/([^/]+)/?");
    /** {@code /api/v1/...} or {@code /apis/<group>/<version>/...}, optionally namespaced, optionally named. */
    private static final Pattern RESOURCE = Pattern.compile(
            "/(?:api/(?<coreVersion>v1)|apis/(?<group>[^/]+)/(?<version>[^/]+))"
                    + "(?:/namespaces/(?<namespace>[^/]+))?/(?<plural>[^/]+)(?:/(?<name>[^/]+))?/?");
    private static final String AUTHORIZATION_GROUP = "authorization.k8s.io";
    private static final String STRATEGIC_MERGE_PATCH = "application/strategic-merge-patch+json";
    private static final String MERGE_PATCH = "application/merge-patch+json";

    private final ObjectMapper json = Serialization.jsonMapper();
    private final Clock clock;
    private final RequestInterceptor interceptor;
    private final ServiceAccountTokens tokens = new ServiceAccountTokens();
    private final AuthorizationLog authorizations = new AuthorizationLog();
    private final StoredRbac rbac = new StoredRbac(path -> super.handleGet(path));
    private final AccessControl accessControl;
    private final AccessReviews accessReviews;
    /** Held by every write, so that a precondition checked before a write still holds when it lands. */
    private final Object writes = new Object();
    private volatile String serverAddress = "127.0.0.1:0";

    EmbeddedApiDispatcher(Clock clock, RequestInterceptor interceptor) {
        this.clock = clock;
        this.interceptor = interceptor;
        RbacAuthorizer authorizer = new RbacAuthorizer(rbac, authorizations);
        this.accessControl = new AccessControl(new Authenticator(tokens), authorizer);
        this.accessReviews = new AccessReviews(authorizer);
    }

    ServiceAccountTokens tokens() {
        return tokens;
    }

    AuthorizationLog authorizations() {
        return authorizations;
    }

    void serverAddress(String hostAndPort) {
        this.serverAddress = hostAndPort;
    }

    /** Every request passes the {@link RequestInterceptor} first (a test's faults and counts). */
    @Override
    public MockResponse dispatch(RecordedRequest request) {
        return interceptor.handle(request, this::answer);
    }

    private MockResponse answer(RecordedRequest request) {
        String contentType = request.getHeader("Content-Type");
        ApiRequest apiRequest = ApiRequest.of(request);
        if (isProtobuf(request) && !isAccessReview(apiRequest)) {
            // kubectl sends built-in kinds as protobuf on create; it does not fall back to JSON on a
            // 415, but a clear refusal beats a parse failure deep in the mock.
            return jsonResponse(415, ApiStatus.of(415, "UnsupportedMediaType",
                    "the embedded API server accepts JSON only, not " + contentType));
        }
        try {
            AccessControl.Admission admission = accessControl.admit(request, apiRequest);
            if (admission.refusal().isPresent()) {
                return admission.refusal().get();
            }
            Optional<ObjectNode> tooLarge = SizeLimits.refuseBody(request.getBody() == null ? 0 : request.getBody().size());
            if (tooLarge.isPresent()) {
                return jsonResponse(413, tooLarge.get());
            }
            return route(request, apiRequest, admission.user());
        } catch (ApiStatusException e) {
            return jsonResponse(e.code(), e.status());
        } catch (RuntimeException e) {
            // The mock lets exceptions escape to the HTTP server, which then never answers: the
            // client waits until its timeout. Answer, as a real server would, with a 500.
            LOG.warn("Embedded API server failed on {}: {}", request.getRequestLine(), e.toString());
            return jsonResponse(500, ApiStatus.of(500, "InternalError", String.valueOf(e.getMessage())));
        }
    }

    private MockResponse route(RecordedRequest request, ApiRequest apiRequest, User user) {
        RecordedRequest fixed = fixUp(request);
        if (isAccessReview(apiRequest)) {
            JsonNode body = isProtobuf(fixed) ? ReviewProtobuf.decode(fixed.getBody().getBytes())
                    : read(bodyOrEmpty(fixed));
            return accessReviews.answer(apiRequest.resource(), apiRequest.namespace(), body, user)
                    .map(review -> jsonResponse(201, review))
                    .orElseGet(() -> jsonResponse(404, ApiStatus.of(404, "NotFound",
                            "the server could not find the requested resource")));
        }
        if ("GET".equals(fixed.getMethod())) {
            String path = pathOnly(fixed.getPath());
            Optional<MockResponse> discovery = discovery(path);
            if (discovery.isPresent()) {
                return discovery.get();
            }
            if (path.startsWith("/openapi/")) {
                // kubectl treats a missing OpenAPI document as "no schema"; an empty List would not parse.
                return jsonResponse(404, ApiStatus.of(404, "NotFound", "the embedded API server serves no OpenAPI"));
            }
            if (wantsTable(fixed) && !fixed.getPath().contains("watch=true")) {
                Optional<MockResponse> table = table(fixed.getPath(), path);
                if (table.isPresent()) {
                    return table.get();
                }
            }
            return super.dispatch(fixed);
        }
        if (!apiRequest.verb().isWrite()) {
            return super.dispatch(fixed);
        }
        synchronized (writes) {
            return StatusUpdatePreconditions.check(apiRequest, () -> peekBody(fixed), path -> super.handleGet(path))
                    .orElseGet(() -> super.dispatch(fixed));
        }
    }

    /**
     * Every change of the store passes here: an object too large for etcd is refused before the
     * store changes, and a change of an RBAC object makes authorization read them again.
     */
    @Override
    public void processEvent(String path, AttributeSet pathAttributes, AttributeSet oldAttributes,
            GenericKubernetesResource resource, String newState) {
        SizeLimits.checkStored(newState);
        super.processEvent(path, pathAttributes, oldAttributes, resource, newState);
        rbac.written(path);
    }

    @Override
    public void reset() {
        super.reset();
        rbac.written(null);
    }

    private static boolean isAccessReview(ApiRequest request) {
        return request.verb() == Verb.CREATE && request.group().equals(AUTHORIZATION_GROUP);
    }

    private static boolean isProtobuf(RecordedRequest request) {
        String contentType = request.getHeader("Content-Type");
        return contentType != null && contentType.startsWith("application/vnd.kubernetes.protobuf");
    }

    private static String bodyOrEmpty(RecordedRequest request) {
        String body = peekBody(request);
        return body.isBlank() ? "{}" : body;
    }

    /** The body as text, left in place for the store (reading the mock's buffer empties it). */
    private static String peekBody(RecordedRequest request) {
        return request.getBody() == null ? "" : new String(request.getBody().getBytes(), StandardCharsets.UTF_8);
    }

    @Override
    public JsonNode merge(JsonNode current, String patch) throws KubernetesCrudDispatcherException {
        try {
            return JsonMergePatch.apply(current, json.readTree(patch));
        } catch (IOException e) {
            throw new KubernetesCrudDispatcherException(e.getMessage(), 422);
        }
    }

    // ---- request fix-ups -------------------------------------------------------------------------

    private static RecordedRequest fixUp(RecordedRequest request) {
        String path = withoutQueryParameters(request.getPath(), List.of("fieldManager", "fieldValidation"));
        Headers headers = request.getHeaders();
        String contentType = request.getHeader("Content-Type");
        if (contentType != null && contentType.startsWith(STRATEGIC_MERGE_PATCH)) {
            headers = headers.newBuilder().removeAll("Content-Type").removeAll("content-type")
                    .add("Content-Type", MERGE_PATCH).build();
        }
        if (path.equals(request.getPath()) && headers == request.getHeaders()) {
            return request;
        }
        return new RecordedRequest(request.getHttpVersion(), request.method(), path, headers, request.getBody());
    }

    static String withoutQueryParameters(String path, List<String> names) {
        int q = path.indexOf('?');
        if (q < 0) {
            return path;
        }
        String kept = java.util.Arrays.stream(path.substring(q + 1).split("&"))
                .filter(p -> !p.isEmpty())
                .filter(p -> names.stream().noneMatch(n -> p.equals(n) || p.startsWith(n + "=")))
                .collect(Collectors.joining("&"));
        return kept.isEmpty() ? path.substring(0, q) : path.substring(0, q) + "?" + kept;
    }

    private static String pathOnly(String path) {
        int q = path.indexOf('?');
        return q < 0 ? path : path.substring(0, q);
    }

    // ---- discovery -------------------------------------------------------------------------------

    private Optional<MockResponse> discovery(String path) {
        if (path.equals("/version") || path.equals("/version/")) {
            return Optional.of(jsonResponse(200, version()));
        }
        if (path.equals("/api") || path.equals("/api/")) {
            ObjectNode versions = object("APIVersions", "v1");
            versions.putArray("versions").add("v1");
            versions.putArray("serverAddressByClientCIDRs").addObject()
                    .put("clientCIDR", "0.0.0.0/0").put("serverAddress", serverAddress);
            return Optional.of(jsonResponse(200, versions));
        }
        if (path.equals("/api/v1") || path.equals("/api/v1/")) {
            return Optional.of(jsonResponse(200, resourceList("", "v1")));
        }
        if (path.equals("/apis") || path.equals("/apis/")) {
            ObjectNode list = object("APIGroupList", "v1");
            ArrayNode groups = list.putArray("groups");
            groupVersions().forEach((group, versions) -> groups.add(apiGroup(group, versions)));
            return Optional.of(jsonResponse(200, list));
        }
        Matcher gv = GROUP_VERSION.matcher(path);
        if (gv.matches()) {
            List<String> versions = groupVersions().get(gv.group(1));
            return versions != null && versions.contains(gv.group(2))
                    ? Optional.of(jsonResponse(200, resourceList(gv.group(1), gv.group(2))))
                    : Optional.of(jsonResponse(404, ApiStatus.of(404, "NotFound", "the server could not find the requested resource")));
        }
        Matcher g = GROUP.matcher(path);
        if (g.matches() && groupVersions().containsKey(g.group(1))) {
            ObjectNode group = apiGroup(g.group(1), groupVersions().get(g.group(1)));
            group.put("kind", "APIGroup").put("apiVersion", "v1");
            return Optional.of(jsonResponse(200, group));
        }
        return Optional.empty();
    }

    private ObjectNode version() {
        ObjectNode v = JsonNodeFactory.instance.objectNode();
        v.put("major", "1").put("minor", "32").put("gitVersion", SERVER_VERSION)
                .put("gitCommit", "").put("gitTreeState", "clean").put("buildDate", "2026-01-01T00:00:00Z")
                .put("goVersion", "java").put("compiler", "java").put("platform", "linux/amd64");
        return v;
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
        ObjectNode list = object("APIResourceList", "v1");
        list.put("groupVersion", group.isEmpty() ? version : group + "/" + version);
        ArrayNode items = list.putArray("resources");
        for (ApiResource r : resources()) {
            if (!r.group().equals(group) || !r.version().equals(version)) {
                continue;
            }
            ObjectNode item = items.addObject();
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
            if (r.statusSubresource()) {
                ObjectNode status = items.addObject();
                status.put("name", r.plural() + "/status").put("singularName", "").put("namespaced", r.namespaced())
                        .put("kind", r.kind());
                status.putArray("verbs").add("get").add("patch").add("update");
            }
        }
        return list;
    }

    /** The built-in kinds, then every served version of every stored CRD. */
    List<ApiResource> resources() {
        List<ApiResource> all = new ArrayList<>(ApiResource.BUILT_IN);
        for (CustomResourceDefinition crd : storedCrds()) {
            all.addAll(ApiResource.fromCrd(crd));
        }
        return all;
    }

    private List<CustomResourceDefinition> storedCrds() {
        MockResponse response = super.handleGet(CRD_LIST_PATH);
        if (response.code() != 200) {
            return List.of();
        }
        JsonNode items = read(response.getBody().readUtf8()).path("items");
        List<CustomResourceDefinition> crds = new ArrayList<>();
        items.forEach(item -> crds.add(json.convertValue(item, CustomResourceDefinition.class)));
        return crds;
    }

    // ---- server-side tables ----------------------------------------------------------------------

    private static boolean wantsTable(RecordedRequest request) {
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains("as=Table");
    }

    private Optional<MockResponse> table(String fullPath, String path) {
        Matcher m = RESOURCE.matcher(path);
        if (!m.matches()) {
            return Optional.empty();
        }
        String group = m.group("coreVersion") != null ? "" : m.group("group");
        String version = m.group("coreVersion") != null ? "v1" : m.group("version");
        String plural = m.group("plural");
        Optional<ApiResource> resource = resources().stream()
                .filter(r -> r.group().equals(group) && r.version().equals(version) && r.plural().equals(plural))
                .findFirst();
        if (resource.isEmpty()) {
            return Optional.empty();
        }
        MockResponse plain = super.handleGet(fullPath);
        if (plain.code() != 200) {
            return Optional.of(plain);
        }
        JsonNode body = read(plain.getBody().readUtf8());
        List<JsonNode> objects = new ArrayList<>();
        if (m.group("name") == null && body.has("items")) {
            body.get("items").forEach(objects::add);
        } else {
            objects.add(body);
        }
        return Optional.of(jsonResponse(200, table(resource.get(), objects,
                body.path("metadata").path("resourceVersion").asText(""))));
    }

    ObjectNode table(ApiResource resource, List<JsonNode> objects, String resourceVersion) {
        List<CustomResourceColumnDefinition> columns = new ArrayList<>(resource.printerColumns());
        if (columns.isEmpty()) {
            // What the API server shows for a kind without columns of its own.
            columns.add(column("Age", "date", ".metadata.creationTimestamp"));
        }
        ObjectNode table = object("Table", "meta.k8s.io/v1");
        table.putObject("metadata").put("resourceVersion", resourceVersion);
        ArrayNode definitions = table.putArray("columnDefinitions");
        definitions.addObject().put("name", "Name").put("type", "string").put("format", "name")
                .put("description", "Name must be unique within a namespace.").put("priority", 0);
        for (CustomResourceColumnDefinition c : columns) {
            definitions.addObject().put("name", c.getName()).put("type", c.getType())
                    .put("format", c.getFormat() == null ? "" : c.getFormat())
                    .put("description", c.getDescription() == null ? "" : c.getDescription())
                    .put("priority", c.getPriority() == null ? 0 : c.getPriority());
        }
        ArrayNode rows = table.putArray("rows");
        for (JsonNode object : objects) {
            ObjectNode row = rows.addObject();
            ArrayNode cells = row.putArray("cells");
            cells.add(object.path("metadata").path("name").asText());
            for (CustomResourceColumnDefinition c : columns) {
                cells.add(cell(c, object));
            }
            ObjectNode partial = row.putObject("object");
            partial.put("kind", "PartialObjectMetadata").put("apiVersion", "meta.k8s.io/v1");
            partial.set("metadata", object.path("metadata").deepCopy());
        }
        return table;
    }

    private JsonNode cell(CustomResourceColumnDefinition column, JsonNode object) {
        List<JsonNode> results;
        try {
            results = PrinterColumnPath.parse(column.getJsonPath()).evaluate(object);
        } catch (IllegalArgumentException e) {
            return JsonNodeFactory.instance.nullNode();
        }
        if (results.isEmpty()) {
            return JsonNodeFactory.instance.nullNode();
        }
        JsonNode value = results.get(0);
        switch (column.getType()) {
            case "date":
                try {
                    Instant at = Instant.parse(value.asText());
                    return JsonNodeFactory.instance.textNode(HumanDuration.format(Duration.between(at, clock.instant())));
                } catch (DateTimeParseException e) {
                    return JsonNodeFactory.instance.textNode("<invalid>");
                }
            case "string":
                return JsonNodeFactory.instance.textNode(value.isValueNode() ? value.asText() : value.toString());
            default:
                return value;
        }
    }

    private static CustomResourceColumnDefinition column(String name, String type, String jsonPath) {
        CustomResourceColumnDefinition c = new CustomResourceColumnDefinition();
        c.setName(name);
        c.setType(type);
        c.setJsonPath(jsonPath);
        return c;
    }

    // ---- JSON helpers ----------------------------------------------------------------------------

    private static ObjectNode object(String kind, String apiVersion) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("kind", kind).put("apiVersion", apiVersion);
        return node;
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private MockResponse jsonResponse(int code, JsonNode body) {
        try {
            return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json")
                    .setBody(json.writeValueAsString(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
