package dev.policymatch.match;

import dev.policymatch.selector.LabelRestriction;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Index of selectors by one label restriction each, the reverse of {@link LabelIndex}: for an endpoint's
 * labels it yields every selector that can match them. A selector is filed under one restriction: under
 * each allowed value of a key, or under the key alone, or, with no restriction at all, among those checked
 * against every endpoint. A selector whose restrictions can never be met is not filed at all.
 */
final class SelectorIndex<S> {
    private final Map<String, Map<String, Set<S>>> byValue = new HashMap<>();
    private final Map<String, Set<S>> byKey = new HashMap<>();
    private final Set<S> unrestricted = new HashSet<>();
    private final Map<S, Filing> filings = new HashMap<>();

    private record Filing(String key, Set<String> values, boolean never) {
    }

    /**
     * Files a selector under its most selective restriction, judged by how many endpoints of the label
     * index satisfy it (fewest wins; ties go to a value restriction, then to the key with more distinct
     * values, then to the smaller key).
     */
    void add(S selector, Map<String, LabelRestriction> restrictions, LabelIndex<?> labels) {
        String bestKey = null;
        LabelRestriction best = null;
        long bestCost = Long.MAX_VALUE;
        for (Map.Entry<String, LabelRestriction> entry : restrictions.entrySet()) {
            LabelRestriction restriction = entry.getValue();
            if (restriction.hasAllowedValues() && restriction.allowedValues().isEmpty()) {
                filings.put(selector, new Filing(null, null, true));
                return;
            }
            // Cost: endpoints satisfying it, scaled so that a value restriction and a key with more
            // distinct values win ties.
            long cost = (long) labels.count(entry.getKey(), restriction) * 4;
            if (!restriction.hasAllowedValues()) {
                cost += 2;
            }
            if (best == null || cost < bestCost
                    || cost == bestCost && compareKeys(entry.getKey(), bestKey, labels) < 0) {
                bestKey = entry.getKey();
                best = restriction;
                bestCost = cost;
            }
        }
        if (best == null) {
            unrestricted.add(selector);
            filings.put(selector, new Filing(null, null, false));
        } else if (!best.hasAllowedValues()) {
            byKey.computeIfAbsent(bestKey, k -> new HashSet<>()).add(selector);
            filings.put(selector, new Filing(bestKey, null, false));
        } else {
            Map<String, Set<S>> values = byValue.computeIfAbsent(bestKey, k -> new HashMap<>());
            for (String value : best.allowedValues()) {
                values.computeIfAbsent(value, v -> new HashSet<>()).add(selector);
            }
            filings.put(selector, new Filing(bestKey, best.allowedValues(), false));
        }
    }

    private static int compareKeys(String a, String b, LabelIndex<?> labels) {
        int byDistinct = Integer.compare(labels.distinctValues(b), labels.distinctValues(a));
        return byDistinct != 0 ? byDistinct : a.compareTo(b);
    }

    void remove(S selector) {
        Filing filing = filings.remove(selector);
        if (filing == null || filing.never()) {
            return;
        }
        if (filing.key() == null) {
            unrestricted.remove(selector);
        } else if (filing.values() == null) {
            removeFrom(byKey, filing.key(), selector);
        } else {
            Map<String, Set<S>> values = byValue.get(filing.key());
            for (String value : filing.values()) {
                removeFrom(values, value, selector);
            }
            if (values.isEmpty()) {
                byValue.remove(filing.key());
            }
        }
    }

    private static <S> void removeFrom(Map<String, Set<S>> map, String key, S selector) {
        Set<S> set = map.get(key);
        if (set != null && set.remove(selector) && set.isEmpty()) {
            map.remove(key);
        }
    }

    /** Passes every selector that can match these labels (each once) to {@code action}. */
    void candidates(Map<String, String> labels, Consumer<S> action) {
        unrestricted.forEach(action);
        labels.forEach((key, value) -> {
            Set<S> withKey = byKey.get(key);
            if (withKey != null) {
                withKey.forEach(action);
            }
            Map<String, Set<S>> values = byValue.get(key);
            if (values != null) {
                Set<S> withValue = values.get(value);
                if (withValue != null) {
                    withValue.forEach(action);
                }
            }
        });
    }
}
