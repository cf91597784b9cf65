package dev.policymatch.diff;

import dev.policymatch.validation.Violation;
import java.util.List;

/**
 * A resource added, removed or modified (by value: a reformatted manifest is no change).
 *
 * @param ref             where it was read (the head's, the base's for a removed one)
 * @param fields          for {@link Change#MODIFIED}: the spec fields that differ
 * @param headViolations  what Calico would refuse in the head's version (added or modified only)
 * @param invalidSelector why a policy of the head is left out of matching (a selector does not parse), or null
 */
public record ResourceChange(Change change, ResourceKey key, ResourceRef ref, List<String> fields,
        List<Violation> headViolations, String invalidSelector) {

    public enum Change { ADDED, REMOVED, MODIFIED }

    public ResourceChange {
        fields = List.copyOf(fields);
        headViolations = List.copyOf(headViolations);
    }

    /** Whether the head's version is one Calico would refuse or match with. */
    public boolean invalidInHead() {
        return !headViolations.isEmpty() || invalidSelector != null;
    }
}
