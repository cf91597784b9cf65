package dev.policymatch.diff;

import dev.policymatch.match.CompiledPolicy;
import java.util.List;

/**
 * A policy an endpoint gained, lost, or kept with a change.
 *
 * @param policy       the head's version (the base's for a lost one)
 * @param basePosition 1-based in the base's list of the endpoint's policies (enforced and staged, in
 *                     enforcement order); null when gained
 * @param headPosition the same in the head; null when lost
 * @param fields       the spec fields that differ, for {@link Delta#MODIFIED}
 */
public record PolicyChange(Delta delta, CompiledPolicy policy, Integer basePosition, Integer headPosition,
        List<String> fields) {
    public PolicyChange {
        fields = List.copyOf(fields);
    }
}
