package dev.policymatch.api;

import java.util.Objects;

/** One reason the endpoint is invalid: the field path, the offending value and why. */
public class ReportedViolation {

    private String field;
    private String value;
    private String reason;

    public ReportedViolation() {
    }

    public ReportedViolation(String field, String value, String reason) {
        this.field = SharedStrings.of(field);
        this.value = SharedStrings.of(value);
        this.reason = SharedStrings.of(reason);
    }

    public String getField() {
        return field;
    }

    public void setField(String field) {
        this.field = SharedStrings.of(field);
    }

    public String getValue() {
        return value;
    }

    public void setValue(String value) {
        this.value = SharedStrings.of(value);
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = SharedStrings.of(reason);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReportedViolation other
                && Objects.equals(field, other.field)
                && Objects.equals(value, other.value)
                && Objects.equals(reason, other.reason);
    }

    @Override
    public int hashCode() {
        return Objects.hash(field, value, reason);
    }

    @Override
    public String toString() {
        return "ReportedViolation{field=" + field + ", value=" + value + ", reason=" + reason + "}";
    }
}
