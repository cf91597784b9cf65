package dev.policymatch.operator.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.policymatch.source.kubernetes.KubernetesResourceConverter;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.stream.Stream;

/**
 * The pod informer's cache, holding of each Pod only what its workload endpoint is made from
 * ({@link KubernetesResourceConverter#workloadEndpointInput}) and what identifies it: uid (the report's
 * owner reference) and resourceVersion (the informer's). Containers, environment values, volumes,
 * managed fields and other annotations are dropped as each pod arrives, so the operator neither spends
 * memory on them nor holds data it has no use for. The informer still reads whole pods from the API
 * server; only what it keeps is cut.
 */
public final class PrunedPodStore implements ItemStore<Pod> {

    private final BasicItemStore<Pod> pods = new BasicItemStore<>(Cache::metaNamespaceKeyFunc);
    private final KubernetesSerialization serialization;

    public PrunedPodStore(KubernetesSerialization serialization) {
        this.serialization = serialization;
    }

    /** What the cache keeps of {@code pod}. */
    Pod prune(Pod pod) {
        JsonNode whole = serialization.convertValue(pod, JsonNode.class);
        ObjectNode kept = KubernetesResourceConverter.workloadEndpointInput(whole);
        if (kept.get("metadata") instanceof ObjectNode metadata) {
            for (String identity : new String[] {"uid", "resourceVersion"}) {
                if (whole.path("metadata").has(identity)) {
                    metadata.set(identity, whole.path("metadata").get(identity));
                }
            }
        }
        return serialization.convertValue(kept, Pod.class);
    }

    @Override
    public Pod put(String key, Pod pod) {
        return pods.put(key, prune(pod));
    }

    @Override
    public String getKey(Pod pod) {
        return pods.getKey(pod);
    }

    @Override
    public Pod remove(String key) {
        return pods.remove(key);
    }

    @Override
    public Stream<String> keySet() {
        return pods.keySet();
    }

    @Override
    public Stream<Pod> values() {
        return pods.values();
    }

    @Override
    public int size() {
        return pods.size();
    }

    @Override
    public Pod get(String key) {
        return pods.get(key);
    }
}
