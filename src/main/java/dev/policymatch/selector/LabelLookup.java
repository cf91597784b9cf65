package dev.policymatch.selector;

/**
 * Where a selector reads label values from. Lets callers evaluate against labels assembled from
 * several sources (an endpoint's own labels, then its profiles') without copying them into one map.
 */
@FunctionalInterface
public interface LabelLookup {
    /** The value of the label, or null when the label is absent. */
    String get(String key);
}
