package dev.policymatch.devcluster;

import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Requests rewritten into what the mock handles as a real server would:
 * <ul>
 * <li>the mock ignores a status PATCH whose path carries {@code ?fieldManager=}, so
 * {@code fieldManager} and {@code fieldValidation} are dropped from every path;</li>
 * <li>it answers strategic merge patches with 415, so kubectl's strategic merge patches of built-in
 * kinds ({@code kubectl label ns}, re-{@code apply}) are applied as JSON merge patches, which is the
 * same thing for maps (labels, annotations, fields).</li>
 * </ul>
 */
final class RequestFixUps {

    private static final List<String> DROPPED_PARAMETERS = List.of("fieldManager", "fieldValidation");
    private static final String STRATEGIC_MERGE_PATCH = "application/strategic-merge-patch+json";
    private static final String MERGE_PATCH = "application/merge-patch+json";

    private RequestFixUps() {
    }

    /** The request as the mock should see it; the same instance when nothing needs fixing. */
    static RecordedRequest apply(RecordedRequest request) {
        String path = withoutQueryParameters(request.getPath(), DROPPED_PARAMETERS);
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

    private static String withoutQueryParameters(String path, List<String> names) {
        int q = path.indexOf('?');
        if (q < 0) {
            return path;
        }
        String kept = Arrays.stream(path.substring(q + 1).split("&"))
                .filter(p -> !p.isEmpty())
                .filter(p -> names.stream().noneMatch(n -> p.equals(n) || p.startsWith(n + "=")))
                .collect(Collectors.joining("&"));
        return kept.isEmpty() ? path.substring(0, q) : path.substring(0, q) + "?" + kept;
    }
}
