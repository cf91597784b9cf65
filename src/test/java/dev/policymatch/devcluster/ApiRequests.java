package dev.policymatch.devcluster;

import dev.policymatch.devcluster.ApiRequest.Verb;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** Which requests an {@link ApiFaults} rule applies to, or which watches it ends. */
public final class ApiRequests {

    private ApiRequests() {
    }

    /** Every request. */
    public static Predicate<ApiRequest> any() {
        return r -> true;
    }

    /**
     * Requests with the HTTP method ({@code null} or {@code "*"}: any) whose path, query string
     * included, matches the regular expression in full.
     */
    public static Predicate<ApiRequest> matching(String method, String pathRegex) {
        Pattern pattern = Pattern.compile(pathRegex);
        return r -> (method == null || method.equals("*") || method.equalsIgnoreCase(r.method()))
                && pattern.matcher(r.path()).matches();
    }

    /** Requests on the resource ({@code policymatchreports}) or one of its subresources, any verb. */
    public static Predicate<ApiRequest> on(String resource) {
        return r -> r.resource().equals(resource);
    }

    /** Requests on the resource or its subresources with one of the verbs. */
    public static Predicate<ApiRequest> on(String resource, Verb... verbs) {
        Set<Verb> set = Set.of(verbs);
        return r -> r.resource().equals(resource) && set.contains(r.verb());
    }

    /** Creates, updates, patches and deletes of the resource or its subresources. */
    public static Predicate<ApiRequest> writesTo(String resource) {
        return r -> r.resource().equals(resource) && r.verb().isWrite();
    }

    /** Watch requests, of any resource. */
    public static Predicate<ApiRequest> watches() {
        return r -> r.verb() == Verb.WATCH;
    }
}
