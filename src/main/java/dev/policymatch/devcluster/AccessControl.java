package dev.policymatch.devcluster;

import dev.policymatch.devcluster.auth.Authenticator;
import dev.policymatch.devcluster.auth.Decision;
import dev.policymatch.devcluster.auth.Forbidden;
import dev.policymatch.devcluster.auth.Impersonation;
import dev.policymatch.devcluster.auth.RbacAuthorizer;
import dev.policymatch.devcluster.auth.RequestAttributes;
import dev.policymatch.devcluster.auth.User;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The front of kube-apiserver's request chain: authentication (401 for credentials it does not
 * know), impersonation ({@code kubectl --as}), then authorization (403 with the Forbidden status a
 * real server sends). What comes through is the user the request is from.
 */
final class AccessControl {

    /** The user a request is from, or the refusal it gets instead. */
    record Admission(User user, Optional<MockResponse> refusal) {
        static Admission of(User user) {
            return new Admission(user, Optional.empty());
        }

        static Admission refused(MockResponse response) {
            return new Admission(null, Optional.of(response));
        }
    }

    private final Authenticator authenticator;
    private final RbacAuthorizer authorizer;

    AccessControl(Authenticator authenticator, RbacAuthorizer authorizer) {
        this.authenticator = authenticator;
        this.authorizer = authorizer;
    }

    Admission admit(RecordedRequest recorded, ApiRequest request) {
        Optional<User> authenticated = authenticator.authenticate(recorded.getHeader("Authorization"));
        if (authenticated.isEmpty()) {
            return Admission.refused(Json.response(401, ApiStatus.of(401, "Unauthorized", "Unauthorized")));
        }
        User user = authenticated.get();
        Optional<Impersonation> impersonation = impersonation(recorded);
        if (impersonation.isPresent()) {
            for (RequestAttributes permission : impersonation.get().requiredPermissions()) {
                Decision decision = authorizer.authorize(user, permission);
                if (!decision.allowed()) {
                    return Admission.refused(forbidden(user, permission, decision));
                }
            }
            user = impersonation.get().user();
        }
        RequestAttributes attributes = attributes(request);
        Decision decision = authorizer.authorize(user, attributes);
        return decision.allowed() ? Admission.of(user) : Admission.refused(forbidden(user, attributes, decision));
    }

    private static Optional<Impersonation> impersonation(RecordedRequest recorded) {
        List<String> users = recorded.getHeaders().headers("Impersonate-User");
        List<String> groups = recorded.getHeaders().headers("Impersonate-Group");
        if (users == null || users.isEmpty()) {
            if (groups != null && !groups.isEmpty()) {
                throw new IllegalArgumentException("requested impersonation of groups " + groups
                        + " without impersonating a user");
            }
            return Optional.empty();
        }
        return Optional.of(new Impersonation(users.get(0), groups == null ? List.of() : groups));
    }

    private static MockResponse forbidden(User user, RequestAttributes attributes, Decision decision) {
        return Json.response(403,
                ApiStatus.forbidden(attributes, Forbidden.message(user, attributes, decision.reason())));
    }

    /**
     * The request as authorization sees it. As kube-apiserver's {@code RequestInfoFactory}: a
     * request for one namespace ({@code /api/v1/namespaces/x}) is in that namespace, and a
     * non-resource request's verb is its HTTP method in lower case.
     */
    static RequestAttributes attributes(ApiRequest request) {
        if (request.verb() == ApiRequest.Verb.NONE) {
            return RequestAttributes.nonResource(request.method().toLowerCase(Locale.ROOT), request.pathWithoutQuery());
        }
        String namespace = request.resource().equals("namespaces") && request.group().isEmpty()
                && !request.name().isEmpty() ? request.name() : request.namespace();
        return RequestAttributes.resource(request.verb().name().toLowerCase(Locale.ROOT), request.group(),
                request.resource(), request.subresource(), namespace, request.name());
    }
}
