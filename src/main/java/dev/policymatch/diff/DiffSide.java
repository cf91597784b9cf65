package dev.policymatch.diff;

import dev.policymatch.match.Estate;
import java.util.Map;

/**
 * One side of a diff: its resources, where each was read, and where the side comes from.
 *
 * @param refs where each resource was read; a resource without an entry is named by its identity
 */
public record DiffSide(Estate estate, Map<ResourceKey, ResourceRef> refs, SideDescription description) {
    public DiffSide {
        refs = Map.copyOf(refs);
    }
}
