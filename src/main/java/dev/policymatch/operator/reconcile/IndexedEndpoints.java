package dev.policymatch.operator.reconcile;

import dev.policymatch.match.MatchIndex;
import dev.policymatch.model.Endpoint;
import dev.policymatch.model.EndpointKey;
import dev.policymatch.operator.metrics.DomainMetrics;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The endpoints one controller has put into the {@link MatchIndex}, by the id of the Kubernetes
 * object they came from. An endpoint's key holds its node, which can change under the same object:
 * the version stored under the older key is removed first. Every index update is timed as
 * {@code policymatch_match_update_seconds}.
 */
public final class IndexedEndpoints {

    private final MatchIndex index;
    private final DomainMetrics metrics;
    /** Object id → its endpoint's key in the index. */
    private final Map<String, EndpointKey> keys = new ConcurrentHashMap<>();

    public IndexedEndpoints(MatchIndex index, DomainMetrics metrics) {
        this.index = index;
        this.metrics = metrics;
    }

    public void put(String objectId, Endpoint endpoint) {
        EndpointKey before = keys.put(objectId, endpoint.key());
        metrics.matchUpdate().record(() -> {
            if (before != null && !before.equals(endpoint.key())) {
                index.removeEndpoint(before);
            }
            index.upsertEndpoint(endpoint);
        });
    }

    public void remove(String objectId) {
        EndpointKey key = keys.remove(objectId);
        if (key != null) {
            metrics.matchUpdate().record(() -> index.removeEndpoint(key));
        }
    }
}
