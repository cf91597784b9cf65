package dev.policymatch.devcluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Faults a test switches on and off while the embedded API server runs, and a count of every
 * request it received. The server hands it every request ({@link EmbeddedApiServer#start(int,
 * dev.policymatch.kube.KubernetesClientFactory, RequestInterceptor)}):
 *
 * <pre>{@code
 * ApiFaults faults = new ApiFaults();
 * try (var server = EmbeddedApiServer.start(0, clients, faults)) {
 *     var rule = faults.failNext(3, ApiRequests.writesTo("policymatchreports"), Fault.internalError());
 *     faults.failFor(Duration.ofSeconds(5), ApiRequests.matching("PATCH", "/apis/.+/status"), Fault.conflict());
 *     faults.failUntilLifted(ApiRequests.any(), Fault.delay(Duration.ofSeconds(40)));   // rule.lift() ends it
 *     faults.dropWatches(ApiRequests.any());      // informers re-watch
 *     faults.expireWatches(ApiRequests.any());    // informers re-list (410 Gone)
 *     faults.counts().writes("policymatchreports");
 * }
 * }</pre>
 *
 * <p>Rules are tried in the order they were added; the first active one that matches decides. A
 * request no rule matches goes to the store unchanged.
 *
 * <p>Watches: the Fabric8 mock serves every watch over a WebSocket (never HTTP chunked) and, when
 * a watch opens, sends an {@code ADDED} event for every stored object it selects, whatever
 * {@code resourceVersion} the client asked from. A client whose watch was dropped therefore
 * re-learns every current object, but never hears of objects deleted while it was away; a real API
 * server would replay those deletions or answer 410 Gone. {@link #expireWatches} models the second:
 * it sends the 410 {@code ERROR} event a real server sends for a compacted resourceVersion, after
 * which Fabric8 informers re-list.
 */
public final class ApiFaults implements RequestInterceptor {

    private static final ObjectMapper JSON = Serialization.jsonMapper();

    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final Map<WebSocket, ApiRequest> openWatches = new ConcurrentHashMap<>();
    private final RequestCounts counts = new RequestCounts();

    /** A fault rule: which requests, what happens to them, for how many or how long. */
    public static final class Rule {
        private final Predicate<ApiRequest> when;
        private final Fault fault;
        private final AtomicLong remaining;
        private final long deadlineNanos;
        private final AtomicLong hits = new AtomicLong();
        private volatile boolean lifted;

        private Rule(Predicate<ApiRequest> when, Fault fault, long times, long deadlineNanos) {
            this.when = when;
            this.fault = fault;
            this.remaining = new AtomicLong(times);
            this.deadlineNanos = deadlineNanos;
        }

        private boolean claim(ApiRequest request) {
            if (!isActive() || !when.test(request)) {
                return false;
            }
            long left;
            do {
                left = remaining.get();
                if (left <= 0) {
                    return false;
                }
            } while (!remaining.compareAndSet(left, left == Long.MAX_VALUE ? left : left - 1));
            hits.incrementAndGet();
            return true;
        }

        /** Requests this rule has answered so far. */
        public long hits() {
            return hits.get();
        }

        /** Not lifted, not expired and not used up. */
        public boolean isActive() {
            return !lifted && remaining.get() > 0 && System.nanoTime() - deadlineNanos < 0;
        }

        public Fault fault() {
            return fault;
        }

        /** Ends the rule now; requests go to the store again. */
        public void lift() {
            lifted = true;
        }
    }

    /** The next {@code times} matching requests get the fault. */
    public Rule failNext(int times, Predicate<ApiRequest> when, Fault fault) {
        return add(new Rule(when, fault, times, System.nanoTime() + Long.MAX_VALUE / 2));
    }

    /** Every matching request gets the fault for the given time from now. */
    public Rule failFor(Duration window, Predicate<ApiRequest> when, Fault fault) {
        return add(new Rule(when, fault, Long.MAX_VALUE, System.nanoTime() + window.toNanos()));
    }

    /** Every matching request gets the fault until {@link Rule#lift()} or {@link #clear()}. */
    public Rule failUntilLifted(Predicate<ApiRequest> when, Fault fault) {
        return add(new Rule(when, fault, Long.MAX_VALUE, System.nanoTime() + Long.MAX_VALUE / 2));
    }

    private Rule add(Rule rule) {
        rules.removeIf(r -> !r.isActive());
        rules.add(rule);
        return rule;
    }

    /** Lifts every rule. Open watches and counts stay. */
    public void clear() {
        rules.forEach(Rule::lift);
        rules.clear();
    }

    /**
     * Closes the matching open watches (WebSocket close 1000, as an API server does when a watch
     * times out). Fabric8 clients reconnect from their last resourceVersion after their watch
     * reconnect interval (1 s by default, then backing off); informers do not re-list.
     *
     * @return how many watches were closed
     */
    public int dropWatches(Predicate<ApiRequest> which) {
        return endWatches(which, null);
    }

    /**
     * Ends the matching open watches as a real API server does when the resourceVersion a watch
     * continues from was compacted: an {@code ERROR} event carrying a 410 Expired Status, then a
     * close. Fabric8 informers answer with a full re-list, which also drops objects deleted while
     * they were not watching.
     */
    public int expireWatches(Predicate<ApiRequest> which) {
        ObjectNode event = JSON.createObjectNode();
        event.put("type", "ERROR");
        event.set("object", ApiStatus.about(410, "Expired", "too old resource version: injected by ApiFaults", null));
        return endWatches(which, event.toString());
    }

    private int endWatches(Predicate<ApiRequest> which, String lastMessage) {
        int ended = 0;
        for (Map.Entry<WebSocket, ApiRequest> watch : openWatches.entrySet()) {
            if (which.test(watch.getValue()) && openWatches.remove(watch.getKey()) != null) {
                if (lastMessage != null) {
                    watch.getKey().send(lastMessage);
                }
                watch.getKey().close(1000, "closed by ApiFaults");
                ended++;
            }
        }
        return ended;
    }

    /** Watches open now that match, e.g. to wait until informers have re-watched. */
    public int openWatches(Predicate<ApiRequest> which) {
        return (int) openWatches.values().stream().filter(which).count();
    }

    public RequestCounts counts() {
        return counts;
    }

    /** Every request: a fault, or the server's answer; counted, and the time spent answering it measured. */
    @Override
    public MockResponse handle(RecordedRequest recorded, Function<RecordedRequest, MockResponse> server) {
        long start = System.nanoTime();
        try {
            return decide(recorded, server);
        } finally {
            counts.recordServerTime(System.nanoTime() - start);
        }
    }

    private MockResponse decide(RecordedRequest recorded, Function<RecordedRequest, MockResponse> server) {
        ApiRequest request = ApiRequest.of(recorded);
        Fault fault = null;
        for (Rule rule : rules) {
            if (rule.claim(request)) {
                fault = rule.fault();
                break;
            }
        }
        if (fault instanceof Fault.Error error) {
            counts.record(request, false);
            return errorResponse(request, error);
        }
        MockResponse response = server.apply(recorded);
        boolean watch = response.getWebSocketListener() != null;
        counts.record(request, watch || response.code() >= 200 && response.code() < 300);
        if (watch) {
            response.withWebSocketUpgrade(new TrackedWatch(request, response.getWebSocketListener()));
        } else if (fault instanceof Fault.Delay delay) {
            if (response.getBody() == null || response.getBody().size() == 0) {
                // The mock's HTTP server delays only a body; a 404 from the store comes without one.
                response.setHeader("Content-Type", "application/json");
                response.setBody(ApiStatus.about(response.code(), "", "", request).toString());
            }
            response.setBodyDelay(delay.delay());
        }
        return response;
    }

    private static MockResponse errorResponse(ApiRequest request, Fault.Error error) {
        MockResponse response = new MockResponse().setResponseCode(error.code())
                .setHeader("Content-Type", "application/json")
                .setBody(ApiStatus.about(error.code(), error.reason(), error.message(), request).toString());
        if (error.code() == 429 || error.code() == 503) {
            response.setHeader("Retry-After", "1");
        }
        return response;
    }

    /** Remembers an open watch so that it can be dropped; otherwise the mock's own listener. */
    private final class TrackedWatch extends WebSocketListener {
        private final ApiRequest request;
        private final WebSocketListener delegate;

        TrackedWatch(ApiRequest request, WebSocketListener delegate) {
            this.request = request;
            this.delegate = delegate;
        }

        @Override
        public void onBeforeAccept(WebSocket webSocket, Response response) {
            delegate.onBeforeAccept(webSocket, response);
        }

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            openWatches.put(webSocket, request);
            delegate.onOpen(webSocket, response);
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            delegate.onMessage(webSocket, text);
        }

        @Override
        public void onMessage(WebSocket webSocket, byte[] bytes) {
            delegate.onMessage(webSocket, bytes);
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            openWatches.remove(webSocket);
            delegate.onClosing(webSocket, code, reason);
        }

        @Override
        public void onClosed(WebSocket webSocket, int code, String reason) {
            openWatches.remove(webSocket);
            delegate.onClosed(webSocket, code, reason);
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable error, Response response) {
            openWatches.remove(webSocket);
            delegate.onFailure(webSocket, error, response);
        }
    }
}
