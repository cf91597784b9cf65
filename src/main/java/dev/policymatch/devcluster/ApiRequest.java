package dev.policymatch.devcluster;

import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One request to the embedded API server as Kubernetes sees it: the HTTP method and path, and the
 * verb and resource that API server authorization would name ({@code patch} on
 * {@code policymatchreports/status}). Access control authorizes it; tests match faults against it and
 * count it.
 *
 * @param resource the plural, empty for discovery and other non-resource paths
 * @param subresource {@code status}, {@code scale}, ... or empty
 * @param name the object's name, empty for collections
 */
public record ApiRequest(String method, String path, Verb verb, String group, String namespace, String resource,
        String subresource, String name) {

    /** Kubernetes' request verbs, as in RBAC rules; {@code NONE} for non-resource requests. */
    public enum Verb {
        GET, LIST, WATCH, CREATE, UPDATE, PATCH, DELETE, DELETECOLLECTION, NONE;

        /** Verbs that change stored objects. */
        public boolean isWrite() {
            return this == CREATE || this == UPDATE || this == PATCH || this == DELETE || this == DELETECOLLECTION;
        }
    }

    private static final Pattern RESOURCE_PATH = Pattern.compile(
            "/(?:api/v1|apis/(?<group>[^/]+)/[^/]+)(?:/namespaces/(?<namespace>[^/]+))?"
                    + "/(?<resource>[^/]+)(?:/(?<name>[^/]+)(?:/(?<sub>[^/]+))?)?/?");

    public ApiRequest {
        Objects.requireNonNull(method);
        Objects.requireNonNull(path);
    }

    static ApiRequest of(RecordedRequest request) {
        return parse(String.valueOf(request.getMethod()).toUpperCase(Locale.ROOT), request.getPath());
    }

    /** Derives verb and resource from method and path ({@code ?watch=true} makes a list a watch). */
    public static ApiRequest parse(String method, String path) {
        int q = path.indexOf('?');
        String pathOnly = q < 0 ? path : path.substring(0, q);
        String query = q < 0 ? "" : path.substring(q + 1);
        Matcher m = RESOURCE_PATH.matcher(pathOnly);
        if (!m.matches()) {
            return new ApiRequest(method, path, Verb.NONE, "", "", "", "", "");
        }
        String group = m.group("group") == null ? "" : m.group("group");
        String namespace = m.group("namespace") == null ? "" : m.group("namespace");
        String resource = m.group("resource");
        String name = m.group("name") == null ? "" : m.group("name");
        String sub = m.group("sub") == null ? "" : m.group("sub");
        if (!namespace.isEmpty() && name.isEmpty() && (resource.equals("status") || resource.equals("finalize"))) {
            // /api/v1/namespaces/x/status is the status of namespace x, not a resource in it.
            return new ApiRequest(method, path, Verb.NONE, group, "", "namespaces", resource, namespace)
                    .withVerb(query);
        }
        return new ApiRequest(method, path, Verb.NONE, group, namespace, resource, sub, name).withVerb(query);
    }

    private ApiRequest withVerb(String query) {
        boolean named = !name.isEmpty();
        boolean watch = query.contains("watch=true") || query.contains("watch=1");
        Verb v = switch (method) {
            case "GET" -> watch ? Verb.WATCH : named ? Verb.GET : Verb.LIST;
            case "POST" -> Verb.CREATE;
            case "PUT" -> Verb.UPDATE;
            case "PATCH" -> Verb.PATCH;
            case "DELETE" -> named ? Verb.DELETE : Verb.DELETECOLLECTION;
            default -> Verb.NONE;
        };
        return new ApiRequest(method, path, v, group, namespace, resource, subresource, name);
    }

    /** The path without its query string. */
    public String pathWithoutQuery() {
        int q = path.indexOf('?');
        return q < 0 ? path : path.substring(0, q);
    }

    /** {@code resource} or {@code resource/subresource}, as in RBAC rules. */
    public String resourcePath() {
        return subresource.isEmpty() ? resource : resource + "/" + subresource;
    }
}
