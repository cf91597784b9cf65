package dev.policymatch.operator.customresource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One instance of each string in report statuses. The operator's informer holds every report, and
 * their statuses repeat the same few thousand policy names, tiers, selectors and words across all
 * endpoints: at 5,000 endpoints 60 % of the operator's live heap was 1.3 million copies of them, and
 * a restart at 10,000 (every report read back at once) ran out of a 768 MiB heap. The JVM's string
 * table does the sharing; unreferenced entries are collected, so hostile or changing values cost
 * nothing once their reports are gone.
 */
final class SharedStrings {

    private SharedStrings() {
    }

    static String of(String value) {
        return value == null ? null : value.intern();
    }

    static List<String> of(List<String> values) {
        List<String> shared = new ArrayList<>(values == null ? 0 : values.size());
        if (values != null) {
            values.forEach(v -> shared.add(of(v)));
        }
        return shared;
    }

    static Map<String, String> of(Map<String, String> values) {
        Map<String, String> shared = new LinkedHashMap<>();
        if (values != null) {
            values.forEach((k, v) -> shared.put(of(k), of(v)));
        }
        return shared;
    }
}
