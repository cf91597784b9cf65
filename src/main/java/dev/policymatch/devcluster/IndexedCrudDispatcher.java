package dev.policymatch.devcluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesResponseComposer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.MockResponse;
import java.net.HttpURLConnection;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fabric8's CRUD dispatcher with its store indexed ({@link StoreIndex}). The mock answers every get,
 * list, create, update and patch by testing each stored object against the request, so a request
 * costs time in proportion to everything stored and a cold start of n reports costs O(n²): with
 * 10,000 HostEndpoints and their reports, 14 ms per write and 270 s of a 280 s cold start (a JFR
 * profile put 50–60 % of all CPU samples in that scan). A real API server looks objects up by key;
 * so does this, and answers exactly as the mock would.
 *
 * <p>What is indexed: {@link #findResource} (every create, update and patch looks up the current
 * object with it) and plain gets and lists ({@link #handleGet}). Watches, deletes and queries that
 * name no single resource type keep the mock's scan: they are rare, and a watch scans once, when it
 * opens. Every change of the store passes {@link #processEvent}, which keeps the index in step.
 * It also parses each update once instead of twice and remembers the attributes of recent request
 * paths ({@link #getKey}): a profile of the server put a quarter of its remaining time there.
 */
class IndexedCrudDispatcher extends KubernetesCrudDispatcher {

    private static final int PATH_KEYS_KEPT = 4_096;

    private final StoreIndex index = new StoreIndex();
    /** The mock's resourceVersion counter is private; lists carry its latest value, so follow it here. */
    private final AtomicLong latestResourceVersion = new AtomicLong();
    private final Map<String, AttributeSet> pathKeys = Collections.synchronizedMap(
            new LinkedHashMap<>(1024, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, AttributeSet> eldest) {
                    return size() > PATH_KEYS_KEPT;
                }
            });

    /**
     * The mock parses the request path into attributes on every write (a URL parse, a format, a regex):
     * a tenth of its time in a cold start. The attributes of a path never change, so remember the most
     * recent ones; every report's create goes to the same collection path.
     */
    @Override
    public AttributeSet getKey(String path) {
        AttributeSet cached = pathKeys.get(path);
        if (cached == null) {
            cached = super.getKey(path);
            pathKeys.put(path, cached);
        }
        return cached;
    }

    @Override
    public long requestResourceVersion() {
        long version = super.requestResourceVersion();
        latestResourceVersion.accumulateAndGet(version, Math::max);
        return version;
    }

    @Override
    public Map.Entry<AttributeSet, String> findResource(AttributeSet attributes) {
        synchronized (index) {
            Optional<List<AttributeSet>> candidates = index.candidates(attributes);
            if (candidates.isEmpty()) {
                return super.findResource(attributes);
            }
            List<Map.Entry<AttributeSet, String>> found = stored(candidates.get(), attributes, true);
            return found.isEmpty() ? null : found.get(0);
        }
    }

    /** The stored entries among {@code candidates} that match {@code query}, in store order; guarded by the index. */
    private List<Map.Entry<AttributeSet, String>> stored(List<AttributeSet> candidates, AttributeSet query,
            boolean firstOnly) {
        List<Map.Entry<AttributeSet, String>> found = new ArrayList<>();
        for (AttributeSet key : candidates) {
            String value = map.get(key);
            if (value != null && key.matches(query)) {
                found.add(new AbstractMap.SimpleImmutableEntry<>(key, value));
                if (firstOnly) {
                    break;
                }
            }
        }
        return found;
    }

    /**
     * Gets and lists through the index, with the mock's answers: the first matching object or 404 for
     * a named get, a {@code List} at the latest resourceVersion otherwise, in chunks when the request
     * asks for them ({@link ListChunks}). Watches, queries the index cannot narrow, and lists that come
     * out empty (the mock may answer those with API metadata) go to the mock.
     */
    @Override
    public MockResponse handleGet(String path) {
        if (path.contains("watch=true")) {
            return super.handleGet(path);
        }
        AttributeSet query = getKey(path);
        boolean named = query.containsKey(KubernetesAttributesExtractor.NAME);
        Optional<ListChunks> chunks = named ? Optional.empty() : ListChunks.requested(path);
        List<Map.Entry<AttributeSet, String>> found = null;
        synchronized (index) {
            Optional<List<AttributeSet>> candidates = index.candidates(query);
            if (candidates.isPresent()) {
                found = stored(candidates.get(), query, false);
            }
        }
        if (found == null || (found.isEmpty() && !named)) {
            // Outside the index's monitor: the mock takes its own lock, which writers take before ours.
            return super.handleGet(path);
        }
        if (named) {
            return found.isEmpty()
                    ? new MockResponse().setResponseCode(HttpURLConnection.HTTP_NOT_FOUND)
                    : new MockResponse().setResponseCode(HttpURLConnection.HTTP_OK).setBody(found.get(0).getValue());
        }
        String list = chunks.isPresent()
                ? chunks.get().chunk(found, latestResourceVersion.get()).toJson()
                : ((KubernetesResponseComposer) getResponseComposer())
                        .compose(found.stream().map(Map.Entry::getValue).toList(), String.valueOf(latestResourceVersion.get()));
        return new MockResponse().setResponseCode(HttpURLConnection.HTTP_OK).setBody(list);
    }

    /**
     * Every change of the store passes here (creates, updates, patches, deletes). The new key is
     * computed as the mock computes it, before the mock applies the change, so that both see the same
     * custom resource definitions. An update arrives as text only; it is parsed once, here, and handed
     * to the mock parsed, which makes it derive the key from the object instead of parsing it again
     * (the key is the same: the mock's text path parses and then extracts).
     */
    @Override
    public void processEvent(String path, AttributeSet pathAttributes, AttributeSet oldAttributes,
            GenericKubernetesResource resource, String newState) {
        GenericKubernetesResource parsed = resource == null && newState != null
                ? Serialization.unmarshal(newState, GenericKubernetesResource.class) : resource;
        synchronized (index) {
            AttributeSet newAttributes = newState == null ? null : keyOf(pathAttributes, parsed);
            try {
                super.processEvent(path, pathAttributes, oldAttributes, parsed, newState);
            } finally {
                // The mock changes its map first and then tells watchers and its CRD registry, which can
                // throw; the map has changed by then, so the index must follow it either way.
                if (oldAttributes != null) {
                    index.remove(oldAttributes);
                }
                if (newAttributes != null) {
                    index.add(newAttributes);
                }
            }
        }
    }

    private AttributeSet keyOf(AttributeSet pathAttributes, GenericKubernetesResource resource) {
        AttributeSet key = ((KubernetesAttributesExtractor) getAttributeExtractor()).extract(resource);
        return key.containsKey(KubernetesAttributesExtractor.PLURAL) ? key : AttributeSet.merge(pathAttributes, key);
    }

    @Override
    public void reset() {
        // The mock takes its lock inside reset; rebuilding afterwards keeps our lock order (theirs, then ours).
        super.reset();
        synchronized (index) {
            index.clear();
            synchronized (map) {
                map.keySet().forEach(index::add);
            }
        }
    }
}
