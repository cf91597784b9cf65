package dev.policymatch.source.document;

import static dev.policymatch.source.document.ResourceKind.ADMIN_NETWORK_POLICY;
import static dev.policymatch.source.document.ResourceKind.BASELINE_ADMIN_NETWORK_POLICY;
import static dev.policymatch.source.document.ResourceKind.CLUSTER_NETWORK_POLICY;
import static dev.policymatch.source.document.ResourceKind.GLOBAL_NETWORK_POLICY;
import static dev.policymatch.source.document.ResourceKind.HOST_ENDPOINT;
import static dev.policymatch.source.document.ResourceKind.KUBERNETES_NETWORK_POLICY;
import static dev.policymatch.source.document.ResourceKind.NAMESPACE;
import static dev.policymatch.source.document.ResourceKind.NETWORK_POLICY;
import static dev.policymatch.source.document.ResourceKind.POD;
import static dev.policymatch.source.document.ResourceKind.PROFILE;
import static dev.policymatch.source.document.ResourceKind.SERVICE_ACCOUNT;
import static dev.policymatch.source.document.ResourceKind.STAGED_GLOBAL_NETWORK_POLICY;
import static dev.policymatch.source.document.ResourceKind.STAGED_KUBERNETES_NETWORK_POLICY;
import static dev.policymatch.source.document.ResourceKind.STAGED_NETWORK_POLICY;
import static dev.policymatch.source.document.ResourceKind.TIER;
import static dev.policymatch.source.document.ResourceKind.WORKLOAD_ENDPOINT;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The one table of kinds: who reads which, in which order, and where each lives in the API. */
class ResourceKindTest {

    @Test
    void calicoqReadsEveryKindFromAClusterPodsAfterStoredWorkloadEndpoints() {
        // A pod's endpoint replaces a stored WorkloadEndpoint of the same key because it comes later.
        assertThat(Arrays.stream(ResourceKind.values()).filter(ResourceKind::readFromCluster)).containsExactly(
                TIER, PROFILE, HOST_ENDPOINT, GLOBAL_NETWORK_POLICY, NETWORK_POLICY, STAGED_GLOBAL_NETWORK_POLICY,
                STAGED_NETWORK_POLICY, STAGED_KUBERNETES_NETWORK_POLICY, WORKLOAD_ENDPOINT,
                NAMESPACE, SERVICE_ACCOUNT, POD, KUBERNETES_NETWORK_POLICY, CLUSTER_NETWORK_POLICY, ADMIN_NETWORK_POLICY,
                BASELINE_ADMIN_NETWORK_POLICY);
    }

    @Test
    void theOperatorWatchesWhatBecomesAPolicyProfileOrTierAndNoEndpoint() {
        assertThat(Arrays.stream(ResourceKind.values()).filter(ResourceKind::watchedAsInput)).containsExactly(
                TIER, PROFILE, GLOBAL_NETWORK_POLICY, NETWORK_POLICY, STAGED_GLOBAL_NETWORK_POLICY,
                STAGED_NETWORK_POLICY, STAGED_KUBERNETES_NETWORK_POLICY, NAMESPACE, SERVICE_ACCOUNT,
                KUBERNETES_NETWORK_POLICY, CLUSTER_NETWORK_POLICY, ADMIN_NETWORK_POLICY, BASELINE_ADMIN_NETWORK_POLICY);
    }

    @Test
    void aKubernetesKindBecomesACalicoKindOfItsFamily() {
        assertThat(POD.calicoKind()).isEqualTo(WORKLOAD_ENDPOINT);
        assertThat(NAMESPACE.calicoKind()).isEqualTo(PROFILE);
        assertThat(SERVICE_ACCOUNT.calicoKind()).isEqualTo(PROFILE);
        assertThat(KUBERNETES_NETWORK_POLICY.calicoKind()).isEqualTo(NETWORK_POLICY);
        for (ResourceKind kind : ResourceKind.values()) {
            assertThat(kind.calicoKind().origin()).as("%s", kind).isEqualTo(ResourceKind.Origin.CALICO);
            assertThat(kind.calicoKind().family()).as("%s", kind).isEqualTo(kind.family());
            if (kind.origin() == ResourceKind.Origin.CALICO) {
                assertThat(kind.calicoKind()).isEqualTo(kind);
            }
        }
    }

    @Test
    void eachKindIsWhereTheApiServerServesIt() {
        assertContext(HOST_ENDPOINT.context(), "crd.projectcalico.org", "v1", "HostEndpoint", "hostendpoints", false);
        assertContext(NETWORK_POLICY.context(), "crd.projectcalico.org", "v1", "NetworkPolicy", "networkpolicies", true);
        assertContext(POD.context(), "", "v1", "Pod", "pods", true);
        assertContext(KUBERNETES_NETWORK_POLICY.context(), "networking.k8s.io", "v1", "NetworkPolicy",
                "networkpolicies", true);
        assertThat(POD.qualifiedPlural()).isEqualTo("pods");
        assertThat(KUBERNETES_NETWORK_POLICY.qualifiedPlural()).isEqualTo("networkpolicies.networking.k8s.io");
        assertThat(NETWORK_POLICY.apiVersion()).isEqualTo(ResourceKind.CALICO_API_VERSION);
        assertContext(STAGED_KUBERNETES_NETWORK_POLICY.context(), "crd.projectcalico.org", "v1",
                "StagedKubernetesNetworkPolicy", "stagedkubernetesnetworkpolicies", true);
        assertContext(STAGED_GLOBAL_NETWORK_POLICY.context(), "crd.projectcalico.org", "v1",
                "StagedGlobalNetworkPolicy", "stagedglobalnetworkpolicies", false);
        assertContext(CLUSTER_NETWORK_POLICY.context(), "policy.networking.k8s.io", "v1alpha2", "ClusterNetworkPolicy",
                "clusternetworkpolicies", false);
        assertContext(ADMIN_NETWORK_POLICY.context(), "policy.networking.k8s.io", "v1alpha1", "AdminNetworkPolicy",
                "adminnetworkpolicies", false);
        assertContext(BASELINE_ADMIN_NETWORK_POLICY.context(), "policy.networking.k8s.io", "v1alpha1",
                "BaselineAdminNetworkPolicy", "baselineadminnetworkpolicies", false);
        assertThat(CLUSTER_NETWORK_POLICY.calicoKind()).isEqualTo(GLOBAL_NETWORK_POLICY);
    }

    @Test
    void theKubernetesConverterReadsTheKubernetesKindsAndTheStagedKubernetesPolicy() {
        assertThat(Arrays.stream(ResourceKind.values()).filter(ResourceKind::kubernetesShaped)).containsExactly(
                STAGED_KUBERNETES_NETWORK_POLICY, NAMESPACE, SERVICE_ACCOUNT, POD, KUBERNETES_NETWORK_POLICY,
                CLUSTER_NETWORK_POLICY, ADMIN_NETWORK_POLICY, BASELINE_ADMIN_NETWORK_POLICY);
    }

    @Test
    void calicosKindsMoveWithTheirGroupAndTheKubernetesKindsStay() {
        CalicoApiGroup v3 = CalicoApiGroup.PROJECTCALICO_V3;
        assertContext(HOST_ENDPOINT.context(v3), "projectcalico.org", "v3", "HostEndpoint", "hostendpoints", false);
        assertContext(NETWORK_POLICY.context(v3), "projectcalico.org", "v3", "NetworkPolicy", "networkpolicies", true);
        assertContext(POD.context(v3), "", "v1", "Pod", "pods", true);
        assertContext(KUBERNETES_NETWORK_POLICY.context(v3), "networking.k8s.io", "v1", "NetworkPolicy",
                "networkpolicies", true);
        assertThat(NETWORK_POLICY.qualifiedPlural(v3)).isEqualTo("networkpolicies.projectcalico.org");
        assertThat(java.util.Arrays.stream(ResourceKind.values()).filter(k -> !v3.serves(k)))
                .as("Calico has no v3 CRD for them").containsExactlyInAnyOrder(ResourceKind.PROFILE,
                        ResourceKind.WORKLOAD_ENDPOINT);
        assertThat(ResourceKind.values()).allMatch(CalicoApiGroup.CRD_V1::serves);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
            auto                     |
            AUTO                     |
            projectcalico.org/v3     | PROJECTCALICO_V3
            Projectcalico.org/V3     | PROJECTCALICO_V3
            crd.projectcalico.org/v1 | CRD_V1
            """)
    void theOptionTakesAutoOrAnApiVersion(String value, CalicoApiGroup expected) {
        assertThat(CalicoApiGroup.parseOption(value)).isEqualTo(java.util.Optional.ofNullable(expected));
    }

    @Test
    void anUnknownGroupIsRefusedNamingTheChoices() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CalicoApiGroup.parseOption("projectcalico.org/v1"))
                .hasMessage("expected auto, projectcalico.org/v3 or crd.projectcalico.org/v1, got "
                        + "\"projectcalico.org/v1\"");
    }

    @Test
    void theTwoNetworkPolicyKindsReadApartAndMessagesNameTheKindAsWritten() {
        assertThat(NETWORK_POLICY.displayName()).isEqualTo("NetworkPolicy");
        assertThat(KUBERNETES_NETWORK_POLICY.displayName()).isEqualTo("NetworkPolicy.networking.k8s.io");
        assertThat(SERVICE_ACCOUNT.displayName()).isEqualTo("ServiceAccount");
        assertThat(KUBERNETES_NETWORK_POLICY.describe("shop/allow")).isEqualTo("NetworkPolicy \"shop/allow\"");
        assertThat(SERVICE_ACCOUNT.describe("shop/web")).isEqualTo("ServiceAccount \"shop/web\"");
    }

    private static void assertContext(ResourceDefinitionContext context, String group, String version, String kind,
            String plural, boolean namespaced) {
        assertThat(context.getGroup()).isEqualTo(group);
        assertThat(context.getVersion()).isEqualTo(version);
        assertThat(context.getKind()).isEqualTo(kind);
        assertThat(context.getPlural()).isEqualTo(plural);
        assertThat(context.isNamespaceScoped()).isEqualTo(namespaced);
    }
}
