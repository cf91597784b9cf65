package dev.policymatch.operator.report;

import dev.policymatch.operator.customresource.PolicyMatchReport;
import java.util.Map;
import java.util.Optional;

/** How reports are named and labelled, so that the operator can find its own and their endpoints. */
public final class ReportNames {

    public static final String HOST_PREFIX = "hep.";
    public static final String POD_PREFIX = "pod.";
    /** On every report the operator writes; stale-report sweeps look only at these. */
    public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY = "policymatch-operator";
    public static final String ENDPOINT_KIND_LABEL = "policymatch.dev/endpoint-kind";

    private ReportNames() {
    }

    /** {@code hep.<name>}; a HostEndpoint name is a DNS subdomain, so this one is too (up to 253 characters). */
    public static String forHostEndpoint(String name) {
        return HOST_PREFIX + name;
    }

    /** The HostEndpoint a report of ours is about, from its name. */
    public static Optional<String> hostEndpointOf(PolicyMatchReport report) {
        String name = report.getMetadata().getName();
        return name != null && name.startsWith(HOST_PREFIX) && name.length() > HOST_PREFIX.length()
                ? Optional.of(name.substring(HOST_PREFIX.length())) : Optional.empty();
    }

    /**
     * {@code pod.<name>}, in the pod's namespace. A pod name is a DNS subdomain of up to 253
     * characters; the few longest (over 249) give a name the API server refuses.
     */
    public static String forPod(String name) {
        return POD_PREFIX + name;
    }

    /** The pod a report of ours is about: its name, from the report's name, in the report's namespace. */
    public static Optional<String> podOf(PolicyMatchReport report) {
        String name = report.getMetadata().getName();
        return name != null && name.startsWith(POD_PREFIX) && name.length() > POD_PREFIX.length()
                ? Optional.of(name.substring(POD_PREFIX.length())) : Optional.empty();
    }

    public static Map<String, String> podLabels() {
        return Map.of(MANAGED_BY_LABEL, MANAGED_BY, ENDPOINT_KIND_LABEL, "workload");
    }

    /** The label selector of pod (workload endpoint) reports. */
    public static String podSelector() {
        return MANAGED_BY_LABEL + "=" + MANAGED_BY + "," + ENDPOINT_KIND_LABEL + "=workload";
    }

    /** The label selector of every report the operator writes. */
    public static String managedSelector() {
        return MANAGED_BY_LABEL + "=" + MANAGED_BY;
    }

    public static Map<String, String> hostLabels() {
        return Map.of(MANAGED_BY_LABEL, MANAGED_BY, ENDPOINT_KIND_LABEL, "host");
    }

    /** The label selector of host endpoint reports. */
    public static String hostSelector() {
        return MANAGED_BY_LABEL + "=" + MANAGED_BY + "," + ENDPOINT_KIND_LABEL + "=host";
    }
}
