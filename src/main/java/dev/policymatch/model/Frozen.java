package dev.policymatch.model;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/** Immutable, null-free copies for the model records' compact constructors. */
final class Frozen {
    private Frozen() {
    }

    static <T> List<T> list(List<T> values) {
        return values == null ? List.of() : List.copyOf(values);
    }

    /**
     * One copy of a string that recurs on many endpoints (a node, namespace or profile name): an estate of
     * 100,000 endpoints holds each of these in every endpoint, which adds up (docs/benchmarks.md).
     */
    static String shared(String value) {
        return value == null ? null : value.intern();
    }

    /** {@link #list} of {@link #shared} strings. */
    static List<String> sharedList(List<String> values) {
        return values == null ? List.of() : List.copyOf(values.stream().map(Frozen::shared).toList());
    }

    /** Labels sorted by key, so every rendering of them is deterministic; compact, since every endpoint has them. */
    static SortedMap<String, String> labels(Map<String, String> labels) {
        return LabelMap.copyOf(labels);
    }
}
