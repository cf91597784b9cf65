package dev.policymatch.devcluster.auth;

/**
 * An authorization decision and kube-apiserver's reason for it: {@code RBAC: allowed by ...} for an
 * allowed request, empty for a privileged user, and for a denied one empty or the errors met while
 * resolving roles ({@code RBAC: role.rbac.authorization.k8s.io "x" not found}).
 */
public record Decision(boolean allowed, String reason) {
}
