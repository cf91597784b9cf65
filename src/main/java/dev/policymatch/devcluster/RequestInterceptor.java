package dev.policymatch.devcluster;

import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.function.Function;

/**
 * Sees every request to the embedded API server before anything else does (authentication
 * included), and decides what happens to it: pass it on to the server ({@code next}), answer it
 * itself, or change the server's answer. Tests use it to inject faults and count requests.
 */
@FunctionalInterface
public interface RequestInterceptor {

    /** Passes every request on unchanged. */
    RequestInterceptor NONE = (request, next) -> next.apply(request);

    /**
     * @param next the server's own answer to a request
     */
    MockResponse handle(RecordedRequest request, Function<RecordedRequest, MockResponse> next);
}
