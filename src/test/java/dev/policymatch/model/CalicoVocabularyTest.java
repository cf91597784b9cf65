package dev.policymatch.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each of Calico's words, as PolicyMatch spells it, against Calico's own source at v3.32.1: the file and the Go
 * text that holds the value (checked by hand against {@code git show v3.32.1:<file>} when the table was written;
 * recheck it when moving to a newer Calico).
 */
class CalicoVocabularyTest {

    private record Word(String constant, String calicoValue, String file, String goSource) {
        @Override
        public String toString() {
            return constant;
        }
    }

    private static final String API_CONSTANTS = "api/pkg/apis/projectcalico/v3/constants.go";
    private static final String CONVERSION = "libcalico-go/lib/backend/k8s/conversion/";

    static Stream<Word> words() {
        return Stream.of(
                new Word("LABEL_NAMESPACE", "projectcalico.org/namespace", API_CONSTANTS,
                        "LabelNamespace = \"projectcalico.org/namespace\""),
                new Word("LABEL_SERVICE_ACCOUNT", "projectcalico.org/serviceaccount", API_CONSTANTS,
                        "LabelServiceAccount = \"projectcalico.org/serviceaccount\""),
                new Word("LABEL_ORCHESTRATOR", "projectcalico.org/orchestrator", API_CONSTANTS,
                        "LabelOrchestrator = \"projectcalico.org/orchestrator\""),
                new Word("ORCHESTRATOR_KUBERNETES", "k8s", API_CONSTANTS, "OrchestratorKubernetes = \"k8s\""),
                new Word("NAME_LABEL", "projectcalico.org/name", CONVERSION + "constants.go",
                        "NameLabel = \"projectcalico.org/name\""),
                new Word("NAMESPACE_LABEL_PREFIX", "pcns.", CONVERSION + "constants.go",
                        "NamespaceLabelPrefix = \"pcns.\""),
                new Word("NAMESPACE_PROFILE_PREFIX", "kns.", CONVERSION + "constants.go",
                        "NamespaceProfileNamePrefix = \"kns.\""),
                new Word("SERVICE_ACCOUNT_LABEL_PREFIX", "pcsa.", CONVERSION + "constants.go",
                        "ServiceAccountLabelPrefix = \"pcsa.\""),
                new Word("SERVICE_ACCOUNT_PROFILE_PREFIX", "ksa.", CONVERSION + "constants.go",
                        "ServiceAccountProfileNamePrefix = \"ksa.\""),
                new Word("ANNOTATION_POD_IP", "cni.projectcalico.org/podIP", CONVERSION + "constants.go",
                        "AnnotationPodIP = \"cni.projectcalico.org/podIP\""),
                new Word("ANNOTATION_POD_IPS", "cni.projectcalico.org/podIPs", CONVERSION + "constants.go",
                        "AnnotationPodIPs = \"cni.projectcalico.org/podIPs\""),
                new Word("ANNOTATION_AWS_POD_IPS", "vpc.amazonaws.com/pod-ips", CONVERSION + "constants.go",
                        "AnnotationAWSPodIPs = \"vpc.amazonaws.com/pod-ips\""),
                new Word("KUBERNETES_POD_CLAUSE", "projectcalico.org/orchestrator == 'k8s'",
                        CONVERSION + "conversion.go", "fmt.Sprintf(\"%s == 'k8s'\", apiv3.LabelOrchestrator)"),
                new Word("POD_ENDPOINT", "eth0", CONVERSION + "workload_endpoint_default.go", "Endpoint: \"eth0\","),
                new Word("INTERFACE_PREFIX", "cali", CONVERSION + "workload_endpoint_default.go",
                        "prefix = \"cali\""),
                new Word("KUBERNETES_POLICY_NAME_PREFIX", "knp.default.", "libcalico-go/lib/backend/model/policy.go",
                        "strings.HasPrefix(policyName, \"knp.default.\")"),
                new Word("STAGED_POLICY_NAME_PREFIX", "staged:", "libcalico-go/lib/backend/model/policy.go",
                        "strings.HasPrefix(policyName, \"staged:\")"),
                new Word("CLUSTER_NETWORK_POLICY_NAME_PREFIX", "kcnp.", "libcalico-go/lib/backend/model/policy.go",
                        "strings.HasPrefix(policyName, \"kcnp.\")"),
                // Removed from Calico with AdminNetworkPolicy support in 3.32: these are v3.31.7's.
                new Word("ADMIN_NETWORK_POLICY_NAME_PREFIX", "kanp.adminnetworkpolicy.",
                        "libcalico-go/lib/names/policy.go (v3.31.7)",
                        "K8sAdminNetworkPolicyNamePrefix = \"kanp.adminnetworkpolicy.\""),
                new Word("BASELINE_ADMIN_NETWORK_POLICY_NAME_PREFIX", "kbanp.baselineadminnetworkpolicy.",
                        "libcalico-go/lib/names/policy.go (v3.31.7)",
                        "K8sBaselineAdminNetworkPolicyNamePrefix = \"kbanp.baselineadminnetworkpolicy.\""),
                new Word("DEFAULT_TIER_POLICY_PREFIX", "default.",
                        "libcalico-go/lib/backend/k8s/resources/resources.go", "strings.TrimPrefix(name, \"default.\")"),
                new Word("METADATA_ANNOTATION", "projectcalico.org/metadata",
                        "libcalico-go/lib/backend/k8s/resources/resources.go",
                        "metadataAnnotation    = \"projectcalico.org/metadata\""),
                new Word("DEFAULT_NAMESPACE", "default", "calicoctl/calicoctl/commands/common/resources.go",
                        "SetNamespace(\"default\")"));
    }

    @ParameterizedTest
    @MethodSource("words")
    void eachWordIsCalicos(Word word) throws Exception {
        assertThat(CalicoVocabulary.class.getField(word.constant()).get(null))
                .as("%s, from %s: %s", word.constant(), word.file(), word.goSource())
                .isEqualTo(word.calicoValue());
    }

    @Test
    void everyWordHasItsCalicoSource() {
        String[] constants = Arrays.stream(CalicoVocabulary.class.getDeclaredFields())
                .filter(field -> Modifier.isPublic(field.getModifiers()) && Modifier.isStatic(field.getModifiers()))
                .map(Field::getName).toArray(String[]::new);
        assertThat(words().map(Word::constant)).containsExactlyInAnyOrder(constants);
    }
}
