package dev.policymatch.diff;

import dev.policymatch.match.Direction;
import dev.policymatch.match.EnforcementPath.Undecided;
import java.util.List;

/**
 * The normal stage of one direction ({@link dev.policymatch.match.EnforcementPath}) when it differs: the tiers
 * traffic passes and where undecided traffic ends. A side is null when the endpoint is not there.
 */
public record DirectionChange(Direction direction, List<String> baseTiers, List<String> headTiers,
        Undecided base, Undecided head) {
    public DirectionChange {
        baseTiers = baseTiers == null ? null : List.copyOf(baseTiers);
        headTiers = headTiers == null ? null : List.copyOf(headTiers);
    }
}
