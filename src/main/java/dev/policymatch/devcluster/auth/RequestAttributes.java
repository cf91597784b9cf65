package dev.policymatch.devcluster.auth;

import java.util.Objects;

/**
 * What authorization decides about: a resource request (verb, API group, resource, subresource,
 * namespace, name) or a non-resource request (verb, path), as kube-apiserver's
 * {@code authorizer.Attributes} carries them.
 *
 * @param verb {@code get}, {@code list}, {@code watch}, {@code create}, {@code update}, {@code patch},
 *             {@code delete}, {@code deletecollection}, {@code impersonate}; for a non-resource
 *             request the HTTP method in lower case
 */
public record RequestAttributes(boolean resourceRequest, String verb, String apiGroup, String resource,
        String subresource, String namespace, String name, String path) {

    public RequestAttributes {
        Objects.requireNonNull(verb);
        apiGroup = Objects.requireNonNullElse(apiGroup, "");
        resource = Objects.requireNonNullElse(resource, "");
        subresource = Objects.requireNonNullElse(subresource, "");
        namespace = Objects.requireNonNullElse(namespace, "");
        name = Objects.requireNonNullElse(name, "");
        path = Objects.requireNonNullElse(path, "");
    }

    public static RequestAttributes resource(String verb, String apiGroup, String resource, String subresource,
            String namespace, String name) {
        return new RequestAttributes(true, verb, apiGroup, resource, subresource, namespace, name, "");
    }

    public static RequestAttributes nonResource(String verb, String path) {
        return new RequestAttributes(false, verb, "", "", "", "", "", path);
    }

    /** {@code resource/subresource}, as RBAC rules name it ({@code policymatchreports/status}). */
    public String combinedResource() {
        return subresource.isEmpty() ? resource : resource + "/" + subresource;
    }

    @Override
    public String toString() {
        if (!resourceRequest) {
            return verb + " " + path;
        }
        String group = apiGroup.isEmpty() ? "" : "." + apiGroup;
        String where = namespace.isEmpty() ? "" : " in " + namespace;
        String named = name.isEmpty() ? "" : " " + name;
        return verb + " " + resource + group + (subresource.isEmpty() ? "" : "/" + subresource) + named + where;
    }
}
