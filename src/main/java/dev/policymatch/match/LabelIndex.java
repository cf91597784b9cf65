package dev.policymatch.match;

import dev.policymatch.selector.LabelRestriction;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import it.unimi.dsi.fastutil.objects.ObjectOpenHashSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Inverted index of endpoints by effective label: key → value → endpoints. Given a selector's label restrictions
 * it returns the smallest posting lists that must contain every endpoint the selector can match (Felix's label
 * restriction index does the same), or every endpoint when the selector restricts nothing.
 *
 * <p>The endpoints with a key are the union of its values' postings, which are disjoint (an endpoint has one value
 * per key), so only their number is kept per key. Postings are open-addressing sets: this index holds
 * one entry per label of every endpoint, the largest share of the match's memory at 100,000 endpoints.
 */
final class LabelIndex<E> {
    private final Map<String, Map<String, Set<E>>> byValue = new HashMap<>();
    private final Object2IntOpenHashMap<String> withKey = new Object2IntOpenHashMap<>();
    private final Set<E> all = new ObjectOpenHashSet<>();

    void add(E endpoint, Map<String, String> labels) {
        all.add(endpoint);
        labels.forEach((key, value) -> {
            boolean added = byValue.computeIfAbsent(key, k -> new HashMap<>())
                    .computeIfAbsent(value, v -> new ObjectOpenHashSet<>(1)).add(endpoint);
            if (added) {
                withKey.addTo(key, 1);
            }
        });
    }

    void remove(E endpoint, Map<String, String> labels) {
        all.remove(endpoint);
        labels.forEach((key, value) -> {
            Map<String, Set<E>> values = byValue.get(key);
            Set<E> withValue = values == null ? null : values.get(value);
            if (withValue == null || !withValue.remove(endpoint)) {
                return;
            }
            if (withKey.addTo(key, -1) == 1) {
                withKey.removeInt(key);
            }
            if (withValue.isEmpty()) {
                values.remove(value);
                if (values.isEmpty()) {
                    byValue.remove(key);
                }
            }
        });
    }

    /** How many endpoints satisfy one restriction; the cost of using it to find candidates. */
    int count(String key, LabelRestriction restriction) {
        if (!restriction.hasAllowedValues()) {
            return withKey.getInt(key);
        }
        Map<String, Set<E>> values = byValue.getOrDefault(key, Map.of());
        int count = 0;
        for (String value : restriction.allowedValues()) {
            count += values.getOrDefault(value, Set.of()).size();
        }
        return count;
    }

    /** How many distinct values the key has among the endpoints; more means a more selective key. */
    int distinctValues(String key) {
        return byValue.getOrDefault(key, Map.of()).size();
    }

    /** Disjoint groups of endpoints that together hold every endpoint the restrictions allow. */
    List<Collection<E>> candidates(Map<String, LabelRestriction> restrictions) {
        String bestKey = null;
        LabelRestriction best = null;
        int bestCount = all.size();
        for (Map.Entry<String, LabelRestriction> entry : restrictions.entrySet()) {
            int count = count(entry.getKey(), entry.getValue());
            if (count < bestCount || best == null && count <= bestCount) {
                bestKey = entry.getKey();
                best = entry.getValue();
                bestCount = count;
            }
        }
        if (best == null) {
            return List.of(all);
        }
        Map<String, Set<E>> values = byValue.getOrDefault(bestKey, Map.of());
        if (!best.hasAllowedValues()) {
            return List.copyOf(values.values());
        }
        List<Collection<E>> groups = new ArrayList<>(best.allowedValues().size());
        for (String value : best.allowedValues()) {
            Set<E> withValue = values.get(value);
            if (withValue != null) {
                groups.add(withValue);
            }
        }
        return groups;
    }

    Set<E> all() {
        return Collections.unmodifiableSet(all);
    }
}
