package dev.policymatch.operator.report;

import dev.policymatch.api.PolicyMatchReport;
import java.util.Map;
import java.util.Objects;

/**
 * What must be written to make the stored report the desired one: create it, update its object (spec,
 * our labels, owner), update its status; nothing at all when both are equal, which is what makes a
 * resync of an unchanged cluster write nothing. Status equality ignores condition transition times.
 */
public record WriteDecision(boolean create, boolean updateObject, boolean updateStatus) {

    public static final WriteDecision NOTHING = new WriteDecision(false, false, false);

    public static WriteDecision between(PolicyMatchReport desired, PolicyMatchReport stored) {
        if (stored == null) {
            return new WriteDecision(true, false, true);
        }
        return new WriteDecision(false, !objectMatches(desired, stored),
                !Objects.equals(desired.getStatus(), stored.getStatus()));
    }

    public boolean nothing() {
        return !create && !updateObject && !updateStatus;
    }

    /** Spec, owner references and our labels (other labels a user added are left alone). */
    static boolean objectMatches(PolicyMatchReport desired, PolicyMatchReport stored) {
        Map<String, String> labels = stored.getMetadata().getLabels();
        boolean labelsPresent = desired.getMetadata().getLabels().entrySet().stream()
                .allMatch(e -> labels != null && e.getValue().equals(labels.get(e.getKey())));
        return labelsPresent
                && Objects.equals(desired.getSpec(), stored.getSpec())
                && Objects.equals(desired.getMetadata().getOwnerReferences(), stored.getMetadata().getOwnerReferences());
    }
}
