package dev.policymatch.selector;

import java.util.Set;

/**
 * What a selector requires of one label key for it to possibly match, as Felix's label restriction
 * index uses it: the key must be present, and, when {@code allowedValues} is not null, its value
 * must be one of them. An empty {@code allowedValues} means no labels can satisfy the selector.
 */
public record LabelRestriction(boolean mustBePresent, Set<String> allowedValues) {
    public LabelRestriction {
        allowedValues = allowedValues == null ? null : Set.copyOf(allowedValues);
    }

    static LabelRestriction present() {
        return new LabelRestriction(true, null);
    }

    static LabelRestriction oneOf(Set<String> values) {
        return new LabelRestriction(true, values);
    }

    /** Whether the value restriction is a finite set of values. */
    public boolean hasAllowedValues() {
        return allowedValues != null;
    }
}
