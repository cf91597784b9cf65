package dev.policymatch.validation;

import dev.policymatch.text.Quoted;

/**
 * One broken rule in one field: the field path as written in the v3/CRD resource
 * ({@code spec.expectedIPs[1]}), the offending value (null when the problem is an absence or the
 * reason already quotes it) and the reason ({@code is not a valid IPv4 or IPv6 address}).
 */
public record Violation(String field, String value, String reason) {

    /** {@code spec.expectedIPs[1]: "10.0.0.300" is not a valid IPv4 or IPv6 address}. */
    public String message() {
        return value == null ? field + ": " + reason : field + ": " + Quoted.of(value) + " " + reason;
    }

}
