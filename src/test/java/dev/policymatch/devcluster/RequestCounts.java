package dev.policymatch.devcluster;

import dev.policymatch.devcluster.ApiRequest.Verb;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * Requests the embedded API server received, by verb and resource ({@code policymatchreports} or
 * {@code policymatchreports/status}): every request ({@link #received}) and those the store
 * answered with success ({@link #succeeded}, 2xx or an opened watch), so that a test can say
 * "a resync wrote nothing" or "exactly 3 reports were written" without counting the ones a fault
 * refused. Thread-safe; {@link #reset()} starts a new measurement.
 */
public final class RequestCounts {

    /** Verb and resource path, e.g. {@code PATCH policymatchreports/status}. */
    public record Key(Verb verb, String resourcePath) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = resourcePath.compareTo(o.resourcePath);
            return c != 0 ? c : verb.compareTo(o.verb);
        }

        @Override
        public String toString() {
            return verb.name().toLowerCase(java.util.Locale.ROOT) + " " + resourcePath;
        }
    }

    private final Map<Key, LongAdder> received = new ConcurrentHashMap<>();
    private final Map<Key, LongAdder> succeeded = new ConcurrentHashMap<>();
    private final LongAdder serverNanos = new LongAdder();
    /** The query strings of the list requests, by resource path, in the order they arrived. */
    private final Map<String, Queue<String>> listQueries = new ConcurrentHashMap<>();

    void recordServerTime(long nanos) {
        serverNanos.add(nanos);
    }

    /**
     * Time the server spent answering requests (the mock's store, our dispatcher and the fault layer), so a
     * benchmark can tell the server's share of a run from the operator's. The mock dispatches on one
     * event loop, so this is time during which the server could answer nothing else.
     */
    public java.time.Duration serverTime() {
        return java.time.Duration.ofNanos(serverNanos.sum());
    }

    void record(ApiRequest request, boolean success) {
        Key key = new Key(request.verb(), request.resourcePath());
        received.computeIfAbsent(key, k -> new LongAdder()).increment();
        if (success) {
            succeeded.computeIfAbsent(key, k -> new LongAdder()).increment();
        }
        if (request.verb() == Verb.LIST) {
            int query = request.path().indexOf('?');
            listQueries.computeIfAbsent(request.resourcePath(), k -> new ConcurrentLinkedQueue<>())
                    .add(query < 0 ? "" : request.path().substring(query + 1));
        }
    }

    /** The query strings of the list requests on exactly this resource path, in arrival order (e.g. {@code limit=2}). */
    public List<String> listQueries(String resourcePath) {
        Queue<String> queries = listQueries.get(resourcePath);
        return queries == null ? List.of() : List.copyOf(queries);
    }

    /** Requests with this verb on exactly this resource path ({@code policymatchreports/status}). */
    public long received(Verb verb, String resourcePath) {
        return get(received, new Key(verb, resourcePath));
    }

    public long succeeded(Verb verb, String resourcePath) {
        return get(succeeded, new Key(verb, resourcePath));
    }

    /**
     * Successful creates, updates, patches and deletes of the resource and its subresources: a
     * status patch of a report is a write of the report.
     */
    public long writes(String resource) {
        return sum(succeeded, resource, true);
    }

    /** Like {@link #writes} but counting attempts, including those a fault refused. */
    public long writeAttempts(String resource) {
        return sum(received, resource, true);
    }

    /** Every request on the resource and its subresources, any verb, any outcome. */
    public long all(String resource) {
        return sum(received, resource, false);
    }

    /** A sorted copy of the received counts, e.g. {@code {patch policymatchreports/status=3, ...}}. */
    public Map<Key, Long> snapshot() {
        Map<Key, Long> copy = new TreeMap<>();
        received.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }

    public void reset() {
        received.clear();
        succeeded.clear();
        listQueries.clear();
        serverNanos.reset();
    }

    private static long get(Map<Key, LongAdder> map, Key key) {
        LongAdder adder = map.get(key);
        return adder == null ? 0 : adder.sum();
    }

    private static long sum(Map<Key, LongAdder> map, String resource, boolean writesOnly) {
        return map.entrySet().stream()
                .filter(e -> e.getKey().resourcePath().equals(resource)
                        || e.getKey().resourcePath().startsWith(resource + "/"))
                .filter(e -> !writesOnly || e.getKey().verb().isWrite())
                .mapToLong(e -> e.getValue().sum())
                .sum();
    }

    @Override
    public String toString() {
        return snapshot().toString();
    }
}
