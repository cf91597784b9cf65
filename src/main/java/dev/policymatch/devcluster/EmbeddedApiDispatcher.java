package dev.policymatch.devcluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.policymatch.devcluster.ApiRequest.Verb;
import dev.policymatch.devcluster.auth.AccessReviews;
import dev.policymatch.devcluster.auth.Authenticator;
import dev.policymatch.devcluster.auth.AuthorizationLog;
import dev.policymatch.devcluster.auth.RbacAuthorizer;
import dev.policymatch.devcluster.auth.ServiceAccountTokens;
import dev.policymatch.devcluster.auth.User;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.crud.KubernetesCrudDispatcherException;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router of the embedded API server: Fabric8's CRUD store ({@link IndexedCrudDispatcher}) plus
 * what the real {@code kubectl} and JOSDK need from an API server and the mock lacks, each in a class
 * of its own. A request passes, in this order:
 * <ol>
 * <li>the {@link RequestInterceptor} (a test's faults and counts);</li>
 * <li>a 415 for protobuf bodies (kubectl's {@code create} of built-in kinds) other than the access
 * reviews of {@code kubectl auth can-i} ({@link ReviewProtobuf});</li>
 * <li>authentication and Kubernetes RBAC ({@link AccessControl}: bearer tokens of service accounts,
 * impersonation, the Roles and bindings in the store, 401 and 403 as a real server words them; a
 * request without credentials is the administrator and may do everything);</li>
 * <li>the request body limit ({@link SizeLimits});</li>
 * <li>{@link RequestFixUps}, then: access reviews ({@link AccessReviews}, from the same rules),
 * discovery ({@link Discovery}), server-side tables ({@link ServerTables}), or the store; a write
 * holds the write lock, under which a status update with a stale resourceVersion is refused
 * ({@link StatusUpdatePreconditions}).</li>
 * </ol>
 * In the store, JSON merge patches follow RFC 7386 ({@link JsonMergePatch}) and an object over etcd's
 * size limit is refused ({@link SizeLimits}). Every request gets an answer: a 500 Status where the
 * mock would throw and leave the client waiting.
 */
class EmbeddedApiDispatcher extends IndexedCrudDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedApiDispatcher.class);
    private static final String AUTHORIZATION_GROUP = "authorization.k8s.io";

    private final RequestInterceptor interceptor;
    private final ServiceAccountTokens tokens = new ServiceAccountTokens();
    private final AuthorizationLog authorizations = new AuthorizationLog();
    /** The store's answer to a GET of a path, past access control and everything else here. */
    private final Function<String, MockResponse> store = path -> super.handleGet(path);
    private final StoredRbac rbac = new StoredRbac(store);
    private final Discovery discovery = new Discovery(store);
    private final ServerTables tables;
    private final AccessControl accessControl;
    private final AccessReviews accessReviews;
    /** Held by every write, so that a precondition checked before a write still holds when it lands. */
    private final Object writes = new Object();

    EmbeddedApiDispatcher(Clock clock, RequestInterceptor interceptor) {
        this.interceptor = interceptor;
        this.tables = new ServerTables(discovery, store, clock);
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

    Discovery discovery() {
        return discovery;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        return interceptor.handle(request, this::answer);
    }

    private MockResponse answer(RecordedRequest request) {
        ApiRequest apiRequest = ApiRequest.of(request);
        if (isProtobuf(request) && !isAccessReview(apiRequest)) {
            // kubectl sends built-in kinds as protobuf on create; it does not fall back to JSON on a
            // 415, but a clear refusal beats a parse failure deep in the mock.
            return Json.response(415, ApiStatus.of(415, "UnsupportedMediaType",
                    "the embedded API server accepts JSON only, not " + request.getHeader("Content-Type")));
        }
        try {
            AccessControl.Admission admission = accessControl.admit(request, apiRequest);
            if (admission.refusal().isPresent()) {
                return admission.refusal().get();
            }
            Optional<ObjectNode> tooLarge = SizeLimits.refuseBody(request.getBody() == null ? 0 : request.getBody().size());
            if (tooLarge.isPresent()) {
                return Json.response(413, tooLarge.get());
            }
            return route(RequestFixUps.apply(request), apiRequest, admission.user());
        } catch (ApiStatusException e) {
            return Json.response(e.code(), e.status());
        } catch (RuntimeException e) {
            // The mock lets exceptions escape to the HTTP server, which then never answers: the
            // client waits until its timeout. Answer, as a real server would, with a 500.
            LOG.warn("Embedded API server failed on {}: {}", request.getRequestLine(), e.toString());
            return Json.response(500, ApiStatus.of(500, "InternalError", String.valueOf(e.getMessage())));
        }
    }

    private MockResponse route(RecordedRequest request, ApiRequest apiRequest, User user) {
        if (isAccessReview(apiRequest)) {
            return accessReview(request, apiRequest, user);
        }
        if ("GET".equals(request.getMethod())) {
            return discovery.answer(apiRequest.pathWithoutQuery())
                    .or(() -> ServerTables.wanted(request) ? tables.answer(request.getPath()) : Optional.empty())
                    .orElseGet(() -> super.dispatch(request));
        }
        if (!apiRequest.verb().isWrite()) {
            return super.dispatch(request);
        }
        synchronized (writes) {
            return StatusUpdatePreconditions.check(apiRequest, () -> peekBody(request), store)
                    .orElseGet(() -> super.dispatch(request));
        }
    }

    private MockResponse accessReview(RecordedRequest request, ApiRequest apiRequest, User user) {
        JsonNode body = isProtobuf(request) ? ReviewProtobuf.decode(request.getBody().getBytes()) : jsonBody(request);
        return accessReviews.answer(apiRequest.resource(), apiRequest.namespace(), body, user)
                .map(review -> Json.response(201, review))
                .orElseGet(() -> Json.response(404, ApiStatus.of(404, "NotFound",
                        "the server could not find the requested resource")));
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

    @Override
    public JsonNode merge(JsonNode current, String patch) throws KubernetesCrudDispatcherException {
        try {
            return JsonMergePatch.apply(current, Json.MAPPER.readTree(patch));
        } catch (JsonProcessingException e) {
            throw new KubernetesCrudDispatcherException(e.getMessage(), 422);
        }
    }

    private static boolean isAccessReview(ApiRequest request) {
        return request.verb() == Verb.CREATE && request.group().equals(AUTHORIZATION_GROUP);
    }

    private static boolean isProtobuf(RecordedRequest request) {
        String contentType = request.getHeader("Content-Type");
        return contentType != null && contentType.startsWith("application/vnd.kubernetes.protobuf");
    }

    private static JsonNode jsonBody(RecordedRequest request) {
        String text = peekBody(request);
        return Json.read(text.isBlank() ? "{}" : text);
    }

    /** The body as text, left in place for the store (reading the mock's buffer empties it). */
    private static String peekBody(RecordedRequest request) {
        return request.getBody() == null ? "" : new String(request.getBody().getBytes(), StandardCharsets.UTF_8);
    }
}
