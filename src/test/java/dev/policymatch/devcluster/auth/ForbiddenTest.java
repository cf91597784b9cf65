package dev.policymatch.devcluster.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** 403 messages word for word as kube-apiserver writes them (responsewriters/errors.go, apierrors.NewForbidden). */
class ForbiddenTest {

    private static final User OPERATOR = User.serviceAccount("policymatch-system", "policymatch-operator");

    @Test
    void aNamedObjectInANamespace() {
        assertThat(Forbidden.message(OPERATOR, RequestAttributes.resource("patch", "coordination.k8s.io", "leases", "",
                "policymatch-system", "policymatch-operator"), "")).isEqualTo(
                "leases.coordination.k8s.io \"policymatch-operator\" is forbidden: User "
                        + "\"system:serviceaccount:policymatch-system:policymatch-operator\" cannot patch resource "
                        + "\"leases\" in API group \"coordination.k8s.io\" in the namespace \"policymatch-system\"");
    }

    @Test
    void aClusterWideCollectionOfTheCoreGroup() {
        assertThat(Forbidden.message(OPERATOR, RequestAttributes.resource("list", "", "secrets", "", "", ""), ""))
                .isEqualTo("secrets is forbidden: User \"system:serviceaccount:policymatch-system:policymatch-operator\" "
                        + "cannot list resource \"secrets\" in API group \"\" at the cluster scope");
    }

    @Test
    void aSubresourceIsNamedWithItsResource() {
        assertThat(Forbidden.message(OPERATOR, RequestAttributes.resource("update", "policymatch.dev",
                "policymatchreports", "status", "shop", "pod.web"), "")).isEqualTo(
                "policymatchreports.policymatch.dev \"pod.web\" is forbidden: User "
                        + "\"system:serviceaccount:policymatch-system:policymatch-operator\" cannot update resource "
                        + "\"policymatchreports/status\" in API group \"policymatch.dev\" in the namespace \"shop\"");
    }

    @Test
    void aPathAndTheAuthorizersReason() {
        assertThat(Forbidden.message(new User("jane", java.util.List.of()), RequestAttributes.nonResource("get",
                "/metrics"), "RBAC: clusterrole.rbac.authorization.k8s.io \"gone\" not found")).isEqualTo(
                "forbidden: User \"jane\" cannot get path \"/metrics\": "
                        + "RBAC: clusterrole.rbac.authorization.k8s.io \"gone\" not found");
    }
}
