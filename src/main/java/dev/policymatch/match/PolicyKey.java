package dev.policymatch.match;

import dev.policymatch.model.Policy;
import dev.policymatch.model.PolicyKind;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Identifies a policy as Calico 3.32's {@code model.PolicyKey} does: kind, namespace ({@code null} for the
 * cluster-wide kinds) and own name, so a GlobalNetworkPolicy {@code x}, a StagedGlobalNetworkPolicy {@code x}
 * and a ClusterNetworkPolicy {@code x} are three policies. Sorted as Felix 3.32 breaks order ties:
 * {@code <name>/<namespace>/<kind>}.
 */
public record PolicyKey(PolicyKind kind, String namespace, String name) implements Comparable<PolicyKey> {
    private static final Comparator<PolicyKey> ORDER = Comparator.comparing(PolicyKey::tieKey);

    /** The kinds whose text names carry a prefix, longest prefix first, so {@code staged:knp.default.} wins. */
    private static final List<PolicyKind> PREFIXED = Arrays.stream(PolicyKind.values())
            .filter(kind -> !kind.legacyName("").isEmpty())
            .sorted(Comparator.comparingInt((PolicyKind kind) -> kind.legacyName("").length()).reversed())
            .toList();

    public PolicyKey {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        namespace = namespace == null || namespace.isEmpty() ? null : namespace;
    }

    /** A Calico GlobalNetworkPolicy ({@code namespace == null}) or NetworkPolicy. */
    public PolicyKey(String namespace, String name) {
        this(namespace == null || namespace.isEmpty() ? PolicyKind.GLOBAL_NETWORK_POLICY : PolicyKind.NETWORK_POLICY,
                namespace, name);
    }

    public static PolicyKey of(Policy policy) {
        return new PolicyKey(policy.kind(), policy.namespace(), policy.name());
    }

    public static PolicyKey global(String name) {
        return new PolicyKey(null, name);
    }

    /**
     * Reads a policy's text name, the one calicoq prints ({@code [<namespace>/]<prefix><name>}), back into its
     * key as Calico 3.32's {@code parseLegacyPolicyName} ({@code libcalico-go/lib/backend/model/policy.go})
     * does: {@code ns/knp.default.x}, {@code ns/staged:x}, {@code ns/staged:knp.default.x}, {@code staged:x},
     * {@code kcnp.x}, and the 3.29–3.31 {@code kanp.adminnetworkpolicy.x} and
     * {@code kbanp.baselineadminnetworkpolicy.x}; anything else is a GlobalNetworkPolicy or NetworkPolicy.
     */
    public static PolicyKey parse(String textName) {
        int slash = textName.indexOf('/');
        String namespace = slash < 0 ? null : textName.substring(0, slash);
        String name = textName.substring(slash + 1);
        for (PolicyKind kind : PREFIXED) {
            String prefix = kind.legacyName("");
            if (kind.namespaced() == (namespace != null) && name.startsWith(prefix)) {
                return new PolicyKey(kind, namespace, name.substring(prefix.length()));
            }
        }
        return new PolicyKey(namespace, name);
    }

    public boolean isNamespaced() {
        return namespace != null;
    }

    /** {@code <namespace>/<name>} with the own name, the name alone for a cluster-wide policy. */
    public String qualifiedName() {
        return namespace == null ? name : namespace + "/" + name;
    }

    /** The name calicoq prints, unambiguous across kinds: {@code ns/knp.default.x}, {@code staged:x}, .... */
    public String textName() {
        String legacy = kind.legacyName(name);
        return namespace == null ? legacy : namespace + "/" + legacy;
    }

    private String tieKey() {
        return name + "/" + (namespace == null ? "" : namespace) + "/" + kind.kindName();
    }

    @Override
    public int compareTo(PolicyKey other) {
        int byKey = ORDER.compare(this, other);
        return byKey != 0 ? byKey : Comparator.comparing(PolicyKey::qualifiedName)
                .thenComparing(PolicyKey::kind).compare(this, other);
    }

    @Override
    public String toString() {
        return textName();
    }
}
