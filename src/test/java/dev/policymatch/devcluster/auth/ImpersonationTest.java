package dev.policymatch.devcluster.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code kubectl --as}: what must be allowed, and who the request is then from (filters/impersonation.go). */
class ImpersonationTest {

    @Test
    void aServiceAccountIsImpersonatedThroughTheServiceAccountsResourceAndGetsItsGroups() {
        Impersonation as = new Impersonation("system:serviceaccount:policymatch-system:policymatch-operator", List.of());
        assertThat(as.requiredPermissions()).containsExactly(RequestAttributes.resource("impersonate", "",
                "serviceaccounts", "", "policymatch-system", "policymatch-operator"));
        assertThat(as.user()).isEqualTo(User.serviceAccount("policymatch-system", "policymatch-operator"));
    }

    @Test
    void aUserWithGroupsNeedsEachAndIsAuthenticated() {
        Impersonation as = new Impersonation("jane", List.of("dev"));
        assertThat(as.requiredPermissions()).containsExactly(
                RequestAttributes.resource("impersonate", "", "users", "", "", "jane"),
                RequestAttributes.resource("impersonate", "", "groups", "", "", "dev"));
        assertThat(as.user()).isEqualTo(new User("jane", List.of("dev", User.AUTHENTICATED)));
    }
}
