package dev.policymatch.match;

import dev.policymatch.selector.LabelRestriction;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Inverted index of endpoints by effective label: key → value → endpoints, and key → endpoints. Given a
 * selector's label restrictions it returns the smallest posting lists that must contain every endpoint the
 * selector can match (Felix's label restriction index does the same), or every endpoint when the selector
 * restricts nothing.
 */
final class LabelIndex<E> {
    private final Map<String, Map<String, Set<E>>> byValue = new HashMap<>();
    private final Map<String, Set<E>> byKey = new HashMap<>();
    private final Set<E> all = new HashSet<>();

    void add(E endpoint, Map<String, String> labels) {
        all.add(endpoint);
        labels.forEach((key, value) -> {
            byKey.computeIfAbsent(key, k -> new HashSet<>()).add(endpoint);
            byValue.computeIfAbsent(key, k -> new HashMap<>()).computeIfAbsent(value, v -> new HashSet<>()).add(endpoint);
        });
    }

    void remove(E endpoint, Map<String, String> labels) {
        all.remove(endpoint);
        labels.forEach((key, value) -> {
            Set<E> withKey = byKey.get(key);
            if (withKey != null && withKey.remove(endpoint) && withKey.isEmpty()) {
                byKey.remove(key);
            }
            Map<String, Set<E>> values = byValue.get(key);
            if (values != null) {
                Set<E> withValue = values.get(value);
                if (withValue != null && withValue.remove(endpoint) && withValue.isEmpty()) {
                    values.remove(value);
                    if (values.isEmpty()) {
                        byValue.remove(key);
                    }
                }
            }
        });
    }

    /** How many endpoints satisfy one restriction; the cost of using it to find candidates. */
    int count(String key, LabelRestriction restriction) {
        if (!restriction.hasAllowedValues()) {
            return byKey.getOrDefault(key, Set.of()).size();
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
        if (!best.hasAllowedValues()) {
            return List.of(byKey.getOrDefault(bestKey, Set.of()));
        }
        Map<String, Set<E>> values = byValue.getOrDefault(bestKey, Map.of());
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
