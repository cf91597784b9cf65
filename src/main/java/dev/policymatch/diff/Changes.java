package dev.policymatch.diff;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The resources of one type that differ between two sides, by identity.
 *
 * @param added    only in the head
 * @param removed  only in the base (the base's version)
 * @param modified in both with different values
 */
public record Changes<K, V>(Map<K, V> added, Map<K, V> removed, Map<K, Modified<V>> modified) {

    /** The two versions of a modified resource. */
    public record Modified<V>(V base, V head) {
    }

    public Changes {
        added = Collections.unmodifiableMap(new LinkedHashMap<>(added));
        removed = Collections.unmodifiableMap(new LinkedHashMap<>(removed));
        modified = Collections.unmodifiableMap(new LinkedHashMap<>(modified));
    }

    /** One hash lookup and one {@code equals} per resource: the model's records compare deeply. */
    static <K, V> Changes<K, V> between(Map<K, V> base, Map<K, V> head) {
        Map<K, V> added = new LinkedHashMap<>();
        Map<K, V> removed = new LinkedHashMap<>();
        Map<K, Modified<V>> modified = new LinkedHashMap<>();
        head.forEach((key, value) -> {
            V old = base.get(key);
            if (old == null) {
                added.put(key, value);
            } else if (!Objects.equals(old, value)) {
                modified.put(key, new Modified<>(old, value));
            }
        });
        base.forEach((key, value) -> {
            if (!head.containsKey(key)) {
                removed.put(key, value);
            }
        });
        return new Changes<>(added, removed, modified);
    }

    /** Whether the resource of this identity is on one side only or differs. */
    public boolean touches(K key) {
        return added.containsKey(key) || removed.containsKey(key) || modified.containsKey(key);
    }

    public int size() {
        return added.size() + removed.size() + modified.size();
    }
}
