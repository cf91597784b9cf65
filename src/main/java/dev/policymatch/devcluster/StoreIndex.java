package dev.policymatch.devcluster;

import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.crud.AttributeType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The keys of the mock's store by resource type and by (resource type, name), in the store's order.
 * The mock finds objects by testing every stored key against the request's attributes; with this a
 * request tests only the keys of its own resource type, or of its own name, which is what makes a
 * request cost the same with 20,000 objects stored as with 20.
 *
 * <p>It narrows, never decides: a candidate is still tested with {@link AttributeSet#matches}, and a
 * query the index cannot narrow ({@link #candidates} empty) falls back to the full scan. Not
 * thread-safe: {@link IndexedCrudDispatcher} guards it.
 */
final class StoreIndex {

    private static final String PLURAL = KubernetesAttributesExtractor.PLURAL;
    private static final String NAME = KubernetesAttributesExtractor.NAME;

    /** Insertion-ordered sets, removed and re-added on every write, as the mock's LinkedHashMap is. */
    private final Map<String, Set<AttributeSet>> byPlural = new HashMap<>();
    private final Map<String, Set<AttributeSet>> byPluralAndName = new HashMap<>();

    void add(AttributeSet key) {
        exactValue(key, PLURAL).ifPresent(plural -> {
            byPlural.computeIfAbsent(plural, p -> new LinkedHashSet<>()).add(key);
            exactValue(key, NAME).ifPresent(name ->
                    byPluralAndName.computeIfAbsent(plural + "/" + name, p -> new LinkedHashSet<>()).add(key));
        });
    }

    void remove(AttributeSet key) {
        exactValue(key, PLURAL).ifPresent(plural -> {
            removeFrom(byPlural, plural, key);
            exactValue(key, NAME).ifPresent(name -> removeFrom(byPluralAndName, plural + "/" + name, key));
        });
    }

    void clear() {
        byPlural.clear();
        byPluralAndName.clear();
    }

    /**
     * The stored keys that can match {@code query}, in store order: those with its name, else those of
     * its resource type. Empty when the query names no single resource type (or uses the mock's
     * {@code *} wildcard): then only a scan of the whole store answers it.
     */
    Optional<List<AttributeSet>> candidates(AttributeSet query) {
        Optional<String> plural = exactValue(query, PLURAL);
        if (plural.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> name = exactValue(query, NAME);
        Set<AttributeSet> keys = name.isPresent()
                ? byPluralAndName.get(plural.get() + "/" + name.get())
                : byPlural.get(plural.get());
        return Optional.of(keys == null ? List.of() : new ArrayList<>(keys));
    }

    /**
     * The attribute's value when it is one plain equality ({@code WITH}, one value, not null, not the
     * mock's wildcard {@code *}, which equals every value); otherwise empty. A create with only a
     * {@code generateName} asks for a null name. (A stored object literally named {@code *} is not
     * indexed by name, so a named get cannot find it; Kubernetes names cannot be {@code *}.)
     */
    private static Optional<String> exactValue(AttributeSet set, String key) {
        Attribute attribute = set.getAttribute(key);
        if (attribute == null || attribute.getType() != AttributeType.WITH || attribute.getValues().size() != 1) {
            return Optional.empty();
        }
        String value = Objects.toString(attribute.getValues().get(0), null);
        return value == null || value.equals("*") ? Optional.empty() : Optional.of(value);
    }

    private static void removeFrom(Map<String, Set<AttributeSet>> index, String bucket, AttributeSet key) {
        Set<AttributeSet> keys = index.get(bucket);
        if (keys != null && keys.remove(key) && keys.isEmpty()) {
            index.remove(bucket);
        }
    }
}
