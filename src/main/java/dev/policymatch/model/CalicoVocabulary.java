package dev.policymatch.model;

/**
 * Calico's own words for what it derives from Kubernetes: the labels it puts on workload endpoints and
 * profiles, the prefixes of the names it gives derived resources, the annotations it reads, and the values
 * they carry. Calico keeps them in a few constants files; so does PolicyMatch, here, once. Each constant names
 * its Calico file (paths in the projectcalico/calico repository); {@code CalicoVocabularyTest} holds each
 * value to Calico's v3.32.1.
 */
public final class CalicoVocabulary {

    /** {@code api/pkg/apis/projectcalico/v3/constants.go} {@code LabelNamespace}. */
    public static final String LABEL_NAMESPACE = "projectcalico.org/namespace";
    /** {@code api/pkg/apis/projectcalico/v3/constants.go} {@code LabelServiceAccount}. */
    public static final String LABEL_SERVICE_ACCOUNT = "projectcalico.org/serviceaccount";
    /** {@code api/pkg/apis/projectcalico/v3/constants.go} {@code LabelOrchestrator}. */
    public static final String LABEL_ORCHESTRATOR = "projectcalico.org/orchestrator";
    /** {@code api/pkg/apis/projectcalico/v3/constants.go} {@code OrchestratorKubernetes}: a pod's endpoint. */
    public static final String ORCHESTRATOR_KUBERNETES = "k8s";

    /** {@code libcalico-go/lib/backend/k8s/conversion/constants.go} {@code NameLabel}: matches a name exactly. */
    public static final String NAME_LABEL = "projectcalico.org/name";
    /** {@code libcalico-go/lib/backend/k8s/conversion/constants.go} {@code NamespaceLabelPrefix}. */
    public static final String NAMESPACE_LABEL_PREFIX = "pcns.";
    /** {@code libcalico-go/lib/backend/k8s/conversion/constants.go} {@code NamespaceProfileNamePrefix}. */
    public static final String NAMESPACE_PROFILE_PREFIX = "kns.";
    /** {@code libcalico-go/lib/backend/k8s/conversion/constants.go} {@code ServiceAccountLabelPrefix}. */
    public static final String SERVICE_ACCOUNT_LABEL_PREFIX = "pcsa.";
    /** {@code libcalico-go/lib/backend/k8s/conversion/constants.go} {@code ServiceAccountProfileNamePrefix}. */
    public static final String SERVICE_ACCOUNT_PROFILE_PREFIX = "ksa.";

    /**
     * {@code libcalico-go/lib/backend/k8s/conversion/constants.go} {@code AnnotationPodIP}: the pod's IP as
     * Calico's CNI plugin writes it; set to empty when the plugin releases the IP.
     */
    public static final String ANNOTATION_POD_IP = "cni.projectcalico.org/podIP";
    /** {@code libcalico-go/lib/backend/k8s/conversion/constants.go} {@code AnnotationPodIPs}: comma-separated. */
    public static final String ANNOTATION_POD_IPS = "cni.projectcalico.org/podIPs";
    /** {@code libcalico-go/lib/backend/k8s/conversion/constants.go} {@code AnnotationAWSPodIPs}: Amazon VPC CNI's. */
    public static final String ANNOTATION_AWS_POD_IPS = "vpc.amazonaws.com/pod-ips";

    /**
     * {@code libcalico-go/lib/backend/k8s/conversion/conversion.go} {@code k8sSelectorToCalico}: the clause a
     * converted pod selector starts with, so it never selects host endpoints or non-Kubernetes workloads.
     */
    public static final String KUBERNETES_POD_CLAUSE = LABEL_ORCHESTRATOR + " == '" + ORCHESTRATOR_KUBERNETES + "'";

    /** {@code libcalico-go/lib/backend/k8s/conversion/workload_endpoint_default.go}: a pod's one endpoint. */
    public static final String POD_ENDPOINT = "eth0";
    /**
     * {@code libcalico-go/lib/backend/k8s/conversion/workload_endpoint_default.go} {@code VethNameForWorkload}:
     * the default host-side interface prefix (Felix's {@code FELIX_INTERFACEPREFIX} can change it on a node).
     */
    public static final String INTERFACE_PREFIX = "cali";

    /**
     * {@code libcalico-go/lib/names/policy.go} {@code K8sNetworkPolicyNamePrefix} (v3.30; later releases
     * write it in {@code lib/backend/model/policy.go}): Kubernetes policies live in the default tier.
     */
    public static final String KUBERNETES_POLICY_NAME_PREFIX = "knp.default.";
    /**
     * {@code libcalico-go/lib/backend/model/policy.go} {@code PolicyNamePrefixStaged} (v3.30–v3.31): Felix's
     * name of a staged policy, {@code staged:<name>}; a staged Kubernetes policy is
     * {@code staged:knp.default.<name>}.
     */
    public static final String STAGED_POLICY_NAME_PREFIX = "staged:";
    /**
     * {@code libcalico-go/lib/backend/model/policy.go} (v3.32) {@code parseLegacyPolicyName}: the name Felix
     * gave a Kubernetes ClusterNetworkPolicy, {@code kcnp.<name>}.
     */
    public static final String CLUSTER_NETWORK_POLICY_NAME_PREFIX = "kcnp.";
    /**
     * {@code libcalico-go/lib/names/policy.go} (v3.29–v3.31)
     * {@code K8sAdminNetworkPolicyNamePrefix} and the tier it lives in: {@code kanp.adminnetworkpolicy.<name>}.
     */
    public static final String ADMIN_NETWORK_POLICY_NAME_PREFIX = "kanp.adminnetworkpolicy.";
    /** The same for a BaselineAdminNetworkPolicy (v3.30–v3.31): {@code kbanp.baselineadminnetworkpolicy.<name>}. */
    public static final String BASELINE_ADMIN_NETWORK_POLICY_NAME_PREFIX = "kbanp.baselineadminnetworkpolicy.";
    /**
     * {@code libcalico-go/lib/names/policy.go} {@code ClientTieredPolicyName} (v3.30; in v3.32
     * {@code lib/backend/k8s/resources/resources.go} trims it): the Kubernetes datastore stores a default-tier
     * policy as {@code default.<name>}, which clients show as {@code <name>}.
     */
    public static final String DEFAULT_TIER_POLICY_PREFIX = Tier.DEFAULT + ".";

    /**
     * {@code libcalico-go/lib/backend/k8s/resources/resources.go} {@code metadataAnnotation}: a
     * {@code crd.projectcalico.org/v1} object written by Calico keeps its v3 metadata (labels, annotations, the
     * policy's name) as JSON in this annotation.
     */
    public static final String METADATA_ANNOTATION = "projectcalico.org/metadata";

    /**
     * {@code calicoctl/calicoctl/commands/common/resources.go}: a namespaced resource written without a
     * namespace is in {@code default}, as kubectl does.
     */
    public static final String DEFAULT_NAMESPACE = "default";

    private CalicoVocabulary() {
    }
}
