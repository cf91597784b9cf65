package dev.policymatch.model;

import static dev.policymatch.model.CalicoVocabulary.INTERFACE_PREFIX;
import static dev.policymatch.model.CalicoVocabulary.ORCHESTRATOR_KUBERNETES;
import static dev.policymatch.model.CalicoVocabulary.POD_ENDPOINT;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A pod as Calico's workload endpoint names it: the one place that builds the endpoint's identity from a
 * pod's namespace and name, and reads it back (libcalico-go {@code lib/backend/k8s/conversion/
 * workload_endpoint_default.go}, {@code lib/names/workloadendpoint.go}).
 */
public record PodWorkload(String namespace, String pod) {

    private static final int INTERFACE_HASH_LENGTH = 11;

    /** Calico's workload id of the pod, {@code <namespace>.<pod>}, what calicoq prints. */
    public String workloadId() {
        return namespace + "." + pod;
    }

    /**
     * calicoq's full name of the pod's endpoint, {@code <node>/k8s/<namespace>.<pod>/eth0} (as
     * {@link WorkloadEndpoint#fullName()}); a node not known yet is left empty.
     */
    public String fullName(String node) {
        return (node == null ? "" : node) + "/" + ORCHESTRATOR_KUBERNETES + "/" + workloadId() + "/" + POD_ENDPOINT;
    }

    /**
     * The WorkloadEndpoint name Calico gives the pod's endpoint (names.go {@code CalculateWorkloadEndpointName}):
     * {@code <node>-k8s-<pod>-eth0}, each part with its dashes doubled so the name splits back.
     */
    public String endpointName(String node) {
        List<String> escaped = new ArrayList<>();
        for (String part : List.of(node, ORCHESTRATOR_KUBERNETES, pod, POD_ENDPOINT)) {
            escaped.add(part.replace("-", "--"));
        }
        return String.join("-", escaped);
    }

    /**
     * The host-side interface name Calico's CNI plugin gives the pod, and so the one its workload endpoint names
     * ({@code VethNameForWorkload}): {@code cali} followed by the first 11 hex digits of the SHA-1 of
     * {@code <namespace>.<pod>}. Felix's {@code FELIX_INTERFACEPREFIX} can change {@code cali} on a node;
     * PolicyMatch assumes the default.
     */
    public String interfaceName() {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-1").digest(workloadId().getBytes(StandardCharsets.UTF_8));
            return INTERFACE_PREFIX + HexFormat.of().formatHex(hash).substring(0, INTERFACE_HASH_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-1", e);
        }
    }

    /**
     * The pod a workload endpoint was derived from: orchestrator {@code k8s} and a workload id that starts with
     * the endpoint's namespace (pod names may hold dots; the namespace prefix is what is cut off). Empty for
     * other workloads.
     */
    public static Optional<PodWorkload> of(WorkloadEndpoint endpoint) {
        String prefix = endpoint.namespace() + ".";
        if (!ORCHESTRATOR_KUBERNETES.equals(endpoint.orchestrator()) || endpoint.namespace() == null
                || endpoint.workload() == null || !endpoint.workload().startsWith(prefix)) {
            return Optional.empty();
        }
        return Optional.of(new PodWorkload(endpoint.namespace(), endpoint.workload().substring(prefix.length())));
    }
}
