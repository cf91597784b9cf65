package dev.policymatch.api;

/**
 * Every reason PolicyMatch gives, in a report's conditions and in its Warning events: the words users,
 * alerts and Argo CD match on, so each is written here once. A reason is CamelCase, as Kubernetes'
 * conventions ask of {@code reason} fields.
 */
public final class Reasons {

    // ---- report conditions ----------------------------------------------------------------------------

    /** {@code Valid=True}: the endpoint has no violations. */
    public static final String VALID = "Valid";
    /** {@code Valid=False} on a HostEndpoint's report; also the reason of its Warning event. */
    public static final String INVALID_HOST_ENDPOINT = "InvalidHostEndpoint";
    /** {@code Valid=False} on a pod's report. */
    public static final String INVALID_WORKLOAD_ENDPOINT = "InvalidWorkloadEndpoint";
    /** {@code Matched=True}: some policy or profile applies. */
    public static final String POLICIES_APPLY = "PoliciesApply";
    /** {@code Matched=False}: no policy or profile applies. */
    public static final String NOTHING_APPLIES = "NothingApplies";
    /** {@code Matched=Unknown}: the endpoint could not be read, so it was not matched. */
    public static final String NOT_EVALUATED = "NotEvaluated";
    /** {@code Ready=True}: the report is current. */
    public static final String RECONCILED = "Reconciled";
    /** {@code Truncated=True}: the report's lists were cut to keep it under its size budget. */
    public static final String OVER_SIZE_BUDGET = "OverSizeBudget";

    // ---- Warning events on input resources ------------------------------------------------------------

    /** A Calico or Kubernetes input with a malformed field: left out of matching. */
    public static final String INVALID_RESOURCE = "InvalidResource";
    /** A policy whose selector does not parse: left out of matching. */
    public static final String INVALID_SELECTOR = "InvalidSelector";

    private Reasons() {
    }
}
