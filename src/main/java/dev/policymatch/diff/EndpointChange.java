package dev.policymatch.diff;

import dev.policymatch.model.EndpointKey;
import dev.policymatch.validation.Violation;
import java.util.List;

/**
 * What differs for one endpoint; only the lists with a difference are non-empty.
 *
 * @param valid          null when the endpoint's own resource did not change (its validity cannot have)
 * @param headViolations the head's violations when {@code valid} is known
 * @param endpointFields fields of the endpoint resource that changed, other than labels and profiles
 */
public record EndpointChange(Change change, EndpointKey key, String node, String namespace, Flip matched, Flip valid,
        List<Violation> headViolations, List<PolicyChange> policies, List<ProfileChange> profiles,
        List<RuleMatchChange> ruleMatches, List<LabelChange> labels, List<DirectionChange> directions,
        List<String> endpointFields) {

    public enum Change { ADDED, REMOVED, CHANGED }

    public EndpointChange {
        headViolations = List.copyOf(headViolations);
        policies = List.copyOf(policies);
        profiles = List.copyOf(profiles);
        ruleMatches = List.copyOf(ruleMatches);
        labels = List.copyOf(labels);
        directions = List.copyOf(directions);
        endpointFields = List.copyOf(endpointFields);
    }

    /** Enforced policies or profiles applied in the base (or it is new), none in the head. */
    public boolean becameUnmatched() {
        return change != Change.REMOVED && Boolean.FALSE.equals(matched.head()) && !Boolean.FALSE.equals(matched.base());
    }

    /** Invalid in the head, and valid in the base (or new). */
    public boolean becameInvalid() {
        return change != Change.REMOVED && valid != null && Boolean.FALSE.equals(valid.head())
                && !Boolean.FALSE.equals(valid.base());
    }

    /** Whether anything differs. */
    public boolean shows() {
        return change != Change.CHANGED || matched.flipped() || valid != null && valid.flipped()
                || !policies.isEmpty() || !profiles.isEmpty() || !ruleMatches.isEmpty() || !labels.isEmpty()
                || !directions.isEmpty() || !endpointFields.isEmpty();
    }
}
