package dev.policymatch.devcluster.auth;

import java.util.List;
import java.util.Optional;

/**
 * Who sent a request, as an API server's authenticator hands it to authorization: a user name and
 * groups. Service accounts are {@code system:serviceaccount:<namespace>:<name>} in the groups
 * {@code system:serviceaccounts}, {@code system:serviceaccounts:<namespace>} and
 * {@code system:authenticated}, as Kubernetes names them ({@code k8s.io/apiserver/pkg/authentication/serviceaccount}).
 */
public record User(String name, List<String> groups) {

    /** Kubernetes' privileged group: kube-apiserver allows its members everything, before RBAC. */
    public static final String MASTERS = "system:masters";
    public static final String AUTHENTICATED = "system:authenticated";
    public static final String SERVICE_ACCOUNTS = "system:serviceaccounts";
    static final String SERVICE_ACCOUNT_PREFIX = "system:serviceaccount:";

    /**
     * Whoever sends a request without credentials: the embedded server's administrator (a real server
     * would call it {@code system:anonymous}). Tests load their data this way, and {@code --embedded}
     * runs with it.
     */
    public static final User ADMIN = new User("embedded-admin", List.of(MASTERS, AUTHENTICATED));

    public User {
        groups = List.copyOf(groups);
    }

    public static User serviceAccount(String namespace, String name) {
        return new User(SERVICE_ACCOUNT_PREFIX + namespace + ":" + name, serviceAccountGroups(namespace));
    }

    static List<String> serviceAccountGroups(String namespace) {
        return List.of(SERVICE_ACCOUNTS, SERVICE_ACCOUNTS + ":" + namespace, AUTHENTICATED);
    }

    public boolean isPrivileged() {
        return groups.contains(MASTERS);
    }

    /** Namespace and name when this is a service account's user name. */
    Optional<ServiceAccountName> serviceAccountName() {
        return ServiceAccountName.parse(name);
    }

    /** The namespace and name in {@code system:serviceaccount:<namespace>:<name>}. */
    record ServiceAccountName(String namespace, String name) {
        static Optional<ServiceAccountName> parse(String userName) {
            if (!userName.startsWith(SERVICE_ACCOUNT_PREFIX)) {
                return Optional.empty();
            }
            String[] parts = userName.substring(SERVICE_ACCOUNT_PREFIX.length()).split(":", -1);
            return parts.length == 2 && !parts[0].isEmpty() && !parts[1].isEmpty()
                    ? Optional.of(new ServiceAccountName(parts[0], parts[1])) : Optional.empty();
        }
    }
}
