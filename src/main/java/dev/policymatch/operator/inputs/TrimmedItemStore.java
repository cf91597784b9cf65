package dev.policymatch.operator.inputs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.policymatch.operator.cache.CompactObjects;
import dev.policymatch.source.ResourceConverter;
import dev.policymatch.source.document.ConverterInput;
import dev.policymatch.source.document.ResourceKind;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.processing.event.source.informer.TransformingItemStore;
import java.util.function.UnaryOperator;

/**
 * An informer's cache that keeps of each object only what the match is computed from
 * ({@link ResourceConverter#input}: for a Calico kind its name, labels, stored-form annotation and spec; for a
 * Namespace or ServiceAccount its name and labels; for a Pod the fields its workload endpoint is made of) and
 * what identifies it: uid (a report's owner reference, a warning's object), resourceVersion (the informer's),
 * generation and deletionTimestamp (JOSDK's event filters and dispatcher). Managed fields, other annotations ({@code last-applied-configuration}
 * alone doubles an object), status, containers, environment values and volumes are dropped as each object
 * arrives, and what is kept is {@linkplain CompactObjects compacted}. The informer still reads whole objects from
 * the API server; only what it keeps is cut.
 *
 * <p>JOSDK's {@link TransformingItemStore} with one change: it holds the full state the operator uses, so
 * Fabric8 delivers the adds of an informer's first list when the list is complete, read from this cache
 * (trimmed), as it does for a plain cache. JOSDK's class says otherwise, and Fabric8 then hands each add to the
 * handlers at once with the whole object as read, so at a restart a handler slower than the list holds whole
 * objects in its queue.
 * (Fabric8's {@code ReducedStateItemStore} cannot name the annotation {@code projectcalico.org/metadata}: its
 * field paths are split at dots.)
 */
public final class TrimmedItemStore<T extends HasMetadata> extends TransformingItemStore<T> {

    /** Keeps of each object of {@code kind} what {@link ResourceConverter#input} names, and its identity. */
    public TrimmedItemStore(ResourceKind kind, KubernetesSerialization serialization) {
        super(trim(kind, serialization));
    }

    /** What the cache keeps of an object of {@code kind}: a new object of the same class. */
    static <T extends HasMetadata> UnaryOperator<T> trim(ResourceKind kind, KubernetesSerialization serialization) {
        ConverterInput kept = ResourceConverter.input(kind)
                .with("metadata", "uid").with("metadata", "resourceVersion").with("metadata", "generation")
                .with("metadata", "deletionTimestamp");
        return object -> {
            JsonNode trimmed = kept.cut(serialization.convertValue(object, JsonNode.class));
            @SuppressWarnings("unchecked") // read back as the object's own class, which is a T
            T same = (T) serialization.convertValue(trimmed, object.getClass());
            return CompactObjects.compact(same);
        };
    }

    @Override
    public boolean isFullState() {
        return true;
    }
}
