package dev.policymatch.devcluster.auth;

/**
 * The message of kube-apiserver's 403, worded as its {@code responsewriters.Forbidden} and
 * {@code apierrors.NewForbidden} word it
 * ({@code staging/src/k8s.io/apiserver/pkg/endpoints/handlers/responsewriters/errors.go}):
 * <pre>
 * leases.coordination.k8s.io "policymatch-operator" is forbidden: User "system:serviceaccount:ns:sa"
 *     cannot patch resource "leases" in API group "coordination.k8s.io" in the namespace "ns"
 * </pre>
 */
public final class Forbidden {

    private Forbidden() {
    }

    public static String message(User user, RequestAttributes request, String reason) {
        String why = reason.isEmpty() ? denial(user, request) : denial(user, request) + ": " + reason;
        if (!request.resourceRequest() || request.resource().isEmpty()) {
            return "forbidden: " + why;
        }
        String qualified = request.apiGroup().isEmpty() ? request.resource()
                : request.resource() + "." + request.apiGroup();
        return request.name().isEmpty()
                ? qualified + " is forbidden: " + why
                : qualified + " \"" + request.name() + "\" is forbidden: " + why;
    }

    private static String denial(User user, RequestAttributes request) {
        if (!request.resourceRequest()) {
            return "User \"" + user.name() + "\" cannot " + request.verb() + " path \"" + request.path() + "\"";
        }
        String start = "User \"" + user.name() + "\" cannot " + request.verb() + " resource \""
                + request.combinedResource() + "\" in API group \"" + request.apiGroup() + "\"";
        return request.namespace().isEmpty()
                ? start + " at the cluster scope"
                : start + " in the namespace \"" + request.namespace() + "\"";
    }
}
