package dev.policymatch.operator.report;

import dev.policymatch.operator.customresource.PolicyMatchReport;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How reports are named and labelled, so that the operator can find its own and their endpoints.
 *
 * <p>A report is named {@code hep.<name>} or {@code pod.<name>}. Endpoint names may be as long as a
 * report name (253 characters, a DNS subdomain), so the prefix would push the longest over the limit
 * and the API server would refuse the report for good; those are cut and end in a hash of the whole
 * name instead ({@code hep.<first 238 characters>-<10 hex digits>}), which keeps them unique and
 * stable. The endpoint a report is about is read from its owner reference, which every report
 * carries, so a shortened name still leads back to its endpoint.
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
    private static final int HASH_LENGTH = 10;

    private ReportNames() {
    }

    /** {@code hep.<name>}, shortened with a hash when that would be over 253 characters. */
    public static String forHostEndpoint(String name) {
        return prefixed(HOST_PREFIX, name);
    }

    /** The HostEndpoint a report of ours is about: its owner, else (a report without one) from its name. */
    public static Optional<String> hostEndpointOf(PolicyMatchReport report) {
        return endpointOf(report, HOST_PREFIX, "HostEndpoint");
    }

    /** {@code pod.<name>}, in the pod's namespace, shortened with a hash when over 253 characters. */
    public static String forPod(String name) {
        return prefixed(POD_PREFIX, name);
    }

    /** The pod a report of ours is about (in the report's namespace): its owner, else from its name. */
    public static Optional<String> podOf(PolicyMatchReport report) {
        return endpointOf(report, POD_PREFIX, "Pod");
    }

    private static String prefixed(String prefix, String name) {
        if (prefix.length() + name.length() <= MAX_NAME_LENGTH) {
            return prefix + name;
        }
        String kept = name.substring(0, MAX_NAME_LENGTH - prefix.length() - HASH_LENGTH - 1);
        // A DNS subdomain's parts start and end with a letter or digit: no "-" or "." before the hash's "-".
        kept = kept.replaceAll("[-.]+$", "");
        return prefix + kept + "-" + hash(name);
    }

    private static String hash(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HASH_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static Optional<String> endpointOf(PolicyMatchReport report, String prefix, String ownerKind) {
        String name = report.getMetadata().getName();
        if (name == null || !name.startsWith(prefix) || name.length() == prefix.length()) {
            return Optional.empty();
        }
        List<OwnerReference> owners = report.getMetadata().getOwnerReferences();
        if (owners != null) {
            for (OwnerReference owner : owners) {
                if (ownerKind.equals(owner.getKind()) && owner.getName() != null) {
                    return Optional.of(owner.getName());
                }
            }
        }
        return Optional.of(name.substring(prefix.length()));
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
