package dev.policymatch.match;

import dev.policymatch.model.Policy;
import java.util.Comparator;
import java.util.Objects;

/**
 * Identifies a policy: a GlobalNetworkPolicy by name ({@code namespace == null}), a NetworkPolicy by
 * namespace and name. Sorted by {@link #qualifiedName()}, the name calicoq prints and Felix breaks order
 * ties with ({@code <namespace>/<name>} for a NetworkPolicy).
 */
public record PolicyKey(String namespace, String name) implements Comparable<PolicyKey> {
    private static final Comparator<PolicyKey> ORDER =
            Comparator.comparing(PolicyKey::qualifiedName).thenComparing(PolicyKey::isNamespaced);

    public PolicyKey {
        Objects.requireNonNull(name, "name");
        namespace = namespace == null || namespace.isEmpty() ? null : namespace;
    }

    public static PolicyKey of(Policy policy) {
        return new PolicyKey(policy.namespace(), policy.name());
    }

    public static PolicyKey global(String name) {
        return new PolicyKey(null, name);
    }

    /**
     * Parses what a user types for {@code calicoq policy <name>}: {@code <namespace>/<name>} for a
     * NetworkPolicy, a plain name for a GlobalNetworkPolicy.
     */
    public static PolicyKey parse(String qualifiedName) {
        int slash = qualifiedName.indexOf('/');
        return slash < 0 ? global(qualifiedName)
                : new PolicyKey(qualifiedName.substring(0, slash), qualifiedName.substring(slash + 1));
    }

    public boolean isNamespaced() {
        return namespace != null;
    }

    /** {@code <namespace>/<name>} for a NetworkPolicy, the name for a GlobalNetworkPolicy. */
    public String qualifiedName() {
        return namespace == null ? name : namespace + "/" + name;
    }

    @Override
    public int compareTo(PolicyKey other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return qualifiedName();
    }
}
