package dev.policymatch.diff;

/**
 * The counts of a diff.
 *
 * @param endpointsBase   endpoints in the base
 * @param endpointsHead   endpoints in the head
 * @param becameUnmatched added or changed endpoints that no enforced policy and no profile applies to in the
 *                        head, while some did in the base (or the endpoint is new)
 * @param becameInvalid   added or changed endpoints that are invalid in the head and were not in the base
 */
public record DiffSummary(int resourcesAdded, int resourcesRemoved, int resourcesModified,
        int endpointsBase, int endpointsHead, int endpointsAdded, int endpointsRemoved, int endpointsChanged,
        int becameUnmatched, int becameInvalid) {

    public int resourcesChanged() {
        return resourcesAdded + resourcesRemoved + resourcesModified;
    }

    public int endpointsAffected() {
        return endpointsAdded + endpointsRemoved + endpointsChanged;
    }

    /** Endpoints on either side. */
    public int endpointsTotal() {
        return endpointsHead + endpointsRemoved;
    }

    public boolean empty() {
        return resourcesChanged() == 0 && endpointsAffected() == 0;
    }
}
