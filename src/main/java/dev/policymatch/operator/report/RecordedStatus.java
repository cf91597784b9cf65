package dev.policymatch.operator.report;

import dev.policymatch.api.PolicyMatchReportStatus;
import dev.policymatch.api.ReportCondition;

/**
 * What the report cache keeps of a stored status: its {@link StatusDigest}, to tell whether a computed
 * status is already there, and each condition's type, status and transition time, to carry the time
 * over when the condition did not flip. The rest (policies, rule matches, labels) is not kept: at
 * 100,000 endpoints it would be most of the operator's heap.
 */
final class RecordedStatus extends PolicyMatchReportStatus {

    private final StatusDigest digest;

    RecordedStatus(PolicyMatchReportStatus stored, StatusDigest digest) {
        this.digest = digest;
        setConditions(stored.getConditions().stream()
                .map(c -> {
                    ReportCondition kept = new ReportCondition(c.getType(), c.getStatus(), null, null, null);
                    kept.setLastTransitionTime(c.getLastTransitionTime());
                    return kept;
                })
                .toList());
    }

    /** Not a bean property: a recorded status is never serialized. */
    StatusDigest digest() {
        return digest;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecordedStatus other && digest.equals(other.digest);
    }

    @Override
    public int hashCode() {
        return digest.hashCode();
    }

    @Override
    public String toString() {
        return "RecordedStatus{" + digest + "}";
    }
}
