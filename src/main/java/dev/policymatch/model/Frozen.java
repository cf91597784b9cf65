package dev.policymatch.model;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Immutable, null-free copies for the model records' compact constructors. */
final class Frozen {
    private Frozen() {
    }

    static <T> List<T> list(List<T> values) {
        return values == null ? List.of() : List.copyOf(values);
    }

    /** Labels sorted by key, so every rendering of them is deterministic. */
    static SortedMap<String, String> labels(Map<String, String> labels) {
        return labels == null || labels.isEmpty()
                ? Collections.emptySortedMap()
                : Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    }
}
