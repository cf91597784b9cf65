package dev.policymatch.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.policymatch.model.Policy;
import dev.policymatch.model.PolicyKind;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class PolicyKeyTest {

    @Test
    void parsesWhatUsersTypeForCalicoqPolicy() {
        assertThat(PolicyKey.parse("allow-dns")).isEqualTo(PolicyKey.global("allow-dns"));
        assertThat(PolicyKey.parse("prod/allow-dns")).isEqualTo(new PolicyKey("prod", "allow-dns"));
        assertThat(PolicyKey.parse("prod/allow-dns").qualifiedName()).isEqualTo("prod/allow-dns");
        assertThat(new PolicyKey("", "a")).isEqualTo(PolicyKey.global("a"));
    }

    @Test
    void readsCalicosTextNamesBackIntoKinds() {
        assertThat(PolicyKey.parse("ns/knp.default.x"))
                .isEqualTo(new PolicyKey(PolicyKind.KUBERNETES_NETWORK_POLICY, "ns", "x"));
        assertThat(PolicyKey.parse("ns/staged:knp.default.x"))
                .isEqualTo(new PolicyKey(PolicyKind.STAGED_KUBERNETES_NETWORK_POLICY, "ns", "x"));
        assertThat(PolicyKey.parse("ns/staged:x")).isEqualTo(new PolicyKey(PolicyKind.STAGED_NETWORK_POLICY, "ns", "x"));
        assertThat(PolicyKey.parse("staged:x"))
                .isEqualTo(new PolicyKey(PolicyKind.STAGED_GLOBAL_NETWORK_POLICY, null, "x"));
        assertThat(PolicyKey.parse("kcnp.x"))
                .isEqualTo(new PolicyKey(PolicyKind.KUBERNETES_CLUSTER_NETWORK_POLICY, null, "x"));
        assertThat(PolicyKey.parse("kanp.adminnetworkpolicy.x"))
                .isEqualTo(new PolicyKey(PolicyKind.KUBERNETES_ADMIN_NETWORK_POLICY, null, "x"));
        assertThat(PolicyKey.parse("knp.default.x")).as("a global name: no Kubernetes NetworkPolicy is global")
                .isEqualTo(PolicyKey.global("knp.default.x"));
        for (PolicyKind kind : PolicyKind.values()) {
            PolicyKey key = new PolicyKey(kind, kind.namespaced() ? "ns" : null, "a.b");
            assertThat(PolicyKey.parse(key.textName())).as(kind.kindName()).isEqualTo(key);
        }
    }

    @Test
    void theKindTellsPoliciesOfTheSameNameApart() {
        assertThat(new PolicyKey(PolicyKind.STAGED_GLOBAL_NETWORK_POLICY, null, "x")).isNotEqualTo(
                PolicyKey.global("x"));
    }

    @Test
    void sortsAsFelix332BreaksTies() {
        assertThat(new TreeSet<>(List.of(new PolicyKey("ns", "b"), PolicyKey.global("z"), PolicyKey.global("a"),
                new PolicyKey("ns", "a"), new PolicyKey(PolicyKind.KUBERNETES_NETWORK_POLICY, "ns", "a"))))
                .containsExactly(PolicyKey.global("a"), new PolicyKey(PolicyKind.KUBERNETES_NETWORK_POLICY, "ns", "a"),
                        new PolicyKey("ns", "a"), new PolicyKey("ns", "b"), PolicyKey.global("z"));
    }

    @Test
    void calicoqPolicyFindsTextNamesThenUnambiguousOwnNames() {
        Policy gnp = Fixtures.gnp("x").build();
        Policy staged = Fixtures.gnp("x").kind(PolicyKind.STAGED_GLOBAL_NETWORK_POLICY).build();
        Policy cnp = Fixtures.gnp("y").kind(PolicyKind.KUBERNETES_CLUSTER_NETWORK_POLICY).build();
        Policy stagedY = Fixtures.gnp("y").kind(PolicyKind.STAGED_GLOBAL_NETWORK_POLICY).build();
        Policy knp = Fixtures.np("ns", "k").kind(PolicyKind.KUBERNETES_NETWORK_POLICY).build();
        MatchIndex index = MatchIndex.builder().policies(List.of(gnp, staged, cnp, stagedY, knp)).build();
        assertThat(index.policiesNamed("x")).as("the text name wins").containsExactly(PolicyKey.of(gnp));
        assertThat(index.policiesNamed("staged:x")).containsExactly(PolicyKey.of(staged));
        assertThat(index.policiesNamed("kcnp.y")).containsExactly(PolicyKey.of(cnp));
        assertThat(index.policiesNamed("y")).as("two own names: ambiguous")
                .containsExactly(PolicyKey.of(cnp), PolicyKey.of(stagedY));
        assertThat(index.policiesNamed("ns/k")).as("one own name").containsExactly(PolicyKey.of(knp));
        assertThat(index.policiesNamed("ns/knp.default.k")).containsExactly(PolicyKey.of(knp));
        assertThat(index.policiesNamed("nothing")).isEmpty();
    }
}
