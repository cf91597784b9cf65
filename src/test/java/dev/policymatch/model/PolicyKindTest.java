package dev.policymatch.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The names Felix gave each kind's policies up to Calico 3.31, as the v3.31.7 update-processor tests pin them
 * ({@code libcalico-go/lib/backend/syncersv1/updateprocessors/staged*processor_test.go}: {@code
 * ns1/staged:knp.default.name1}, {@code staged:mytier.name3}) and v3.32's {@code parseLegacyPolicyName} reads them.
 */
class PolicyKindTest {

    @ParameterizedTest
    @CsvSource({
        "GLOBAL_NETWORK_POLICY, , allow-db, allow-db",
        "NETWORK_POLICY, shop, web, shop/web",
        "KUBERNETES_NETWORK_POLICY, shop, web, shop/knp.default.web",
        "STAGED_GLOBAL_NETWORK_POLICY, , mytier.name3, staged:mytier.name3",
        "STAGED_NETWORK_POLICY, ns1, name1, ns1/staged:name1",
        "STAGED_KUBERNETES_NETWORK_POLICY, ns1, name1, ns1/staged:knp.default.name1",
        "KUBERNETES_CLUSTER_NETWORK_POLICY, , deny-sandbox, kcnp.deny-sandbox",
        "KUBERNETES_ADMIN_NETWORK_POLICY, , a, kanp.adminnetworkpolicy.a",
        "KUBERNETES_BASELINE_ADMIN_NETWORK_POLICY, , default, kbanp.baselineadminnetworkpolicy.default"
    })
    void aPolicyKeepsItsOwnNameAndPrintsFelixsFormerOne(PolicyKind kind, String namespace, String name,
            String legacyName) {
        Policy policy = policy(kind, namespace, name);

        assertThat(policy.name()).isEqualTo(name);
        assertThat(policy.legacyName()).isEqualTo(legacyName);
        assertThat(policy.isStaged()).isEqualTo(kind.staged());
    }

    @Test
    void theKindDecidesWhetherAPolicyHasANamespaceAndAStagedAction() {
        assertThatThrownBy(() -> new Policy("x", "ns", null, null, null, null, List.of(), List.of(), false, false,
                false, null, null, PolicyKind.GLOBAL_NETWORK_POLICY, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Policy("x", null, null, null, null, null, List.of(), List.of(), false, false,
                false, null, null, PolicyKind.STAGED_GLOBAL_NETWORK_POLICY, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Policy("x", null, null, null, null, null, List.of(), List.of(), false, false,
                false, null, null, PolicyKind.GLOBAL_NETWORK_POLICY, StagedAction.SET))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new Policy("x", "ns", null, null, null, null, List.of(), List.of(), false, false, false, null, null)
                .kind()).isEqualTo(PolicyKind.NETWORK_POLICY);
    }

    private static Policy policy(PolicyKind kind, String namespace, String name) {
        return new Policy(name, namespace, null, null, null, null, List.of(), List.of(), false, false, false, null,
                null, kind, kind.staged() ? StagedAction.SET : null);
    }
}
