package dev.policymatch.operator.report;

import dev.policymatch.model.EndpointKind;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * How reports are named and labelled, so that the operator can find its own and their endpoints.
 *
 * <p>A report is named {@code hep.<name>} or {@code pod.<name>}. Endpoint names may be as long as a
 * report name (253 characters, a DNS subdomain), so the prefix would push the longest over the limit
 * and the API server would refuse the report for good; those are shortened: the start of the name,
 * {@code -} and 32 hex digits of the SHA-256 of the whole name ({@code hep.<first 216 characters>-<hash>}).
 *
 * <p>The mapping from endpoint name to report name is one-to-one: a name that ends the way
 * a shortened one does ({@code -} and 32 hex digits) is shortened too, whatever its length, so no
 * endpoint can be named like another one's shortened report. Two shortened names are the same only
 * if their endpoints' names agree on the first 216 characters and on 128 bits of their SHA-256,
 * which costs about 2<sup>64</sup> hashes to arrange (10 hex digits, 40 bits, took 2<sup>20</sup>:
 * a second of CPU). A report name that is not shortened therefore names its endpoint
 * ({@link #hostEndpointNamed}); a shortened one cannot be read back, and the reconcilers look it up
 * among the names of the endpoints they know. Nobody reads a report's owner reference for this:
 * anyone who may edit a report can change it.
 */
public final class ReportNames {

    public static final String HOST_PREFIX = "hep.";
    public static final String POD_PREFIX = "pod.";
    /** On every report the operator writes; stale-report sweeps look only at these. */
    public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY = "policymatch-operator";
    public static final String ENDPOINT_KIND_LABEL = "policymatch.dev/endpoint-kind";
    /** Kubernetes' limit for an object name that is a DNS subdomain. */
    static final int MAX_NAME_LENGTH = 253;
    /** Hex digits of the name's SHA-256 that end a shortened report name (128 bits). */
    static final int HASH_LENGTH = 32;

    private ReportNames() {
    }

    /** {@code hep.<name>}, shortened with a hash when too long or when the name ends like a hash. */
    public static String forHostEndpoint(String name) {
        return prefixed(HOST_PREFIX, name);
    }

    /**
     * The HostEndpoint whose report is named {@code reportName}, when that name is not shortened (no
     * other endpoint's report has it); empty for a shortened name and for a name no HostEndpoint gives.
     */
    public static Optional<String> hostEndpointNamed(String reportName) {
        return endpointNamed(HOST_PREFIX, reportName);
    }

    /** {@code pod.<name>}, in the pod's namespace, shortened as {@link #forHostEndpoint} is. */
    public static String forPod(String name) {
        return prefixed(POD_PREFIX, name);
    }

    /** As {@link #hostEndpointNamed}, for a pod in the report's namespace. */
    public static Optional<String> podNamed(String reportName) {
        return endpointNamed(POD_PREFIX, reportName);
    }

    private static String prefixed(String prefix, String name) {
        if (prefix.length() + name.length() <= MAX_NAME_LENGTH && !endsLikeAHash(name)) {
            return prefix + name;
        }
        String kept = name.substring(0, Math.min(name.length(), MAX_NAME_LENGTH - prefix.length() - HASH_LENGTH - 1));
        // A DNS subdomain's parts start and end with a letter or digit: no "-" or "." before the hash's "-".
        kept = kept.replaceAll("[-.]+$", "");
        return prefix + kept + "-" + hash(name);
    }

    private static Optional<String> endpointNamed(String prefix, String reportName) {
        if (reportName == null || reportName.length() <= prefix.length() || !reportName.startsWith(prefix)) {
            return Optional.empty();
        }
        String name = reportName.substring(prefix.length());
        return prefixed(prefix, name).equals(reportName) ? Optional.of(name) : Optional.empty();
    }

    /** Whether the name ends in "-" and {@link #HASH_LENGTH} lowercase hex digits, as every shortened name does. */
    private static boolean endsLikeAHash(String name) {
        int dash = name.length() - HASH_LENGTH - 1;
        if (dash < 0 || name.charAt(dash) != '-') {
            return false;
        }
        for (int i = dash + 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private static String hash(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HASH_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    public static Map<String, String> podLabels() {
        return Map.of(MANAGED_BY_LABEL, MANAGED_BY, ENDPOINT_KIND_LABEL, EndpointKind.WORKLOAD_LABEL);
    }

    /** The label selector of pod (workload endpoint) reports. */
    public static String podSelector() {
        return MANAGED_BY_LABEL + "=" + MANAGED_BY + "," + ENDPOINT_KIND_LABEL + "=" + EndpointKind.WORKLOAD_LABEL;
    }

    /** The label selector of every report the operator writes. */
    public static String managedSelector() {
        return MANAGED_BY_LABEL + "=" + MANAGED_BY;
    }

    public static Map<String, String> hostLabels() {
        return Map.of(MANAGED_BY_LABEL, MANAGED_BY, ENDPOINT_KIND_LABEL, EndpointKind.HOST_LABEL);
    }

    /** The label selector of host endpoint reports. */
    public static String hostSelector() {
        return MANAGED_BY_LABEL + "=" + MANAGED_BY + "," + ENDPOINT_KIND_LABEL + "=" + EndpointKind.HOST_LABEL;
    }
}
