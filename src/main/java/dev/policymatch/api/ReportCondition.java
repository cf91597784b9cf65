package dev.policymatch.api;

import java.util.Objects;

/**
 * A Kubernetes-style condition. Equality ignores {@code lastTransitionTime}: the operator compares
 * the status it computed (which has no history) with the stored one to write only on change, and the
 * time of the last flip is not a change of its own. {@link PolicyMatchReportStatus#carryTransitionTimes}
 * keeps the stored time when the status did not flip.
 */
public class ReportCondition {

    public static final String VALID = "Valid";
    public static final String MATCHED = "Matched";
    public static final String READY = "Ready";
    /** Present (True) only when the report's lists were cut to keep it under its size budget. */
    public static final String TRUNCATED = "Truncated";

    public static final String TRUE = "True";
    public static final String FALSE = "False";
    public static final String UNKNOWN = "Unknown";

    private String type;
    private String status;
    private String reason;
    private String message;
    private Long observedGeneration;
    /** RFC 3339 UTC, as Kubernetes writes it. */
    private String lastTransitionTime;

    public ReportCondition() {
    }

    public ReportCondition(String type, String status, String reason, String message, Long observedGeneration) {
        this.type = SharedStrings.of(type);
        this.status = SharedStrings.of(status);
        this.reason = SharedStrings.of(reason);
        this.message = SharedStrings.of(message);
        this.observedGeneration = observedGeneration;
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = SharedStrings.of(type);
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = SharedStrings.of(status);
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = SharedStrings.of(reason);
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = SharedStrings.of(message);
    }

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public String getLastTransitionTime() {
        return lastTransitionTime;
    }

    public void setLastTransitionTime(String lastTransitionTime) {
        this.lastTransitionTime = SharedStrings.of(lastTransitionTime);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReportCondition other
                && Objects.equals(type, other.type)
                && Objects.equals(status, other.status)
                && Objects.equals(reason, other.reason)
                && Objects.equals(message, other.message)
                && Objects.equals(observedGeneration, other.observedGeneration);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, status, reason, message, observedGeneration);
    }

    @Override
    public String toString() {
        return "ReportCondition{type=" + type + ", status=" + status + ", reason=" + reason + ", message=" + message
                + ", observedGeneration=" + observedGeneration + ", lastTransitionTime=" + lastTransitionTime + "}";
    }
}
