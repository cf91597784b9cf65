package dev.policymatch.devcluster.auth;

import java.util.ArrayList;
import java.util.List;

/**
 * A request made as another user ({@code Impersonate-User}, {@code Impersonate-Group}; what
 * {@code kubectl --as} sends). As kube-apiserver's impersonation filter
 * ({@code staging/src/k8s.io/apiserver/pkg/endpoints/filters/impersonation.go}) the requester must be
 * allowed to {@code impersonate} the user (the {@code serviceaccounts} resource for a service
 * account's name, else {@code users}) and each group; a service account without groups given gets
 * its own, and every impersonated user is in {@code system:authenticated}.
 */
public record Impersonation(String userName, List<String> groups) {

    public Impersonation {
        groups = List.copyOf(groups);
    }

    /** What the requester must be allowed, in the order the filter checks it. */
    public List<RequestAttributes> requiredPermissions() {
        List<RequestAttributes> checks = new ArrayList<>();
        checks.add(User.ServiceAccountName.parse(userName)
                .map(sa -> RequestAttributes.resource("impersonate", "", "serviceaccounts", "", sa.namespace(), sa.name()))
                .orElse(RequestAttributes.resource("impersonate", "", "users", "", "", userName)));
        groups.forEach(group -> checks.add(RequestAttributes.resource("impersonate", "", "groups", "", "", group)));
        return checks;
    }

    /** The user the request is then from. */
    public User user() {
        List<String> all = new ArrayList<>(groups);
        if (all.isEmpty()) {
            User.ServiceAccountName.parse(userName).ifPresent(sa -> all.addAll(User.serviceAccountGroups(sa.namespace())));
        }
        if (!all.contains(User.AUTHENTICATED)) {
            all.add(User.AUTHENTICATED);
        }
        return new User(userName, all);
    }
}
