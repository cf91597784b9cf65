package dev.policymatch.source.document;

import dev.policymatch.text.Quoted;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The API group a cluster serves Calico's kinds in: the CRDs of Calico's Kubernetes datastore
 * ({@code crd.projectcalico.org/v1}, every Calico release), or, from Calico 3.32 on, its {@code projectcalico.org/v3}
 * CRDs. Both have the same plurals and scopes; the v3 group stores objects as given, so only the v1 group's objects
 * are in Calico's stored form ({@link Dialect#CRD_V1}). Which one a cluster uses is chosen once, by
 * {@code source.CalicoApiGroups}.
 */
public enum CalicoApiGroup {
    CRD_V1(ResourceKind.CALICO_GROUP, ResourceKind.CALICO_VERSION, Dialect.CRD_V1, Set.of()),
    /**
     * Calico has no Profile or WorkloadEndpoint CRD in this group ({@code api/config/crd/} of v3.32.1): profiles come
     * from Namespaces and ServiceAccounts, workload endpoints from Pods. Calico's API server, which serves this group
     * on top of the v1 CRDs, derives {@code profiles} from them too, so reading them would count them twice.
     */
    PROJECTCALICO_V3("projectcalico.org", "v3", Dialect.PROJECTCALICO_V3,
            Set.of(ResourceKind.PROFILE, ResourceKind.WORKLOAD_ENDPOINT));

    /** The value of {@code --calico-api-group} that detects the group from the cluster's discovery. */
    public static final String AUTO = "auto";

    private final String group;
    private final String version;
    private final Dialect dialect;
    private final Set<ResourceKind> notServed;

    CalicoApiGroup(String group, String version, Dialect dialect, Set<ResourceKind> notServed) {
        this.group = group;
        this.version = version;
        this.dialect = dialect;
        this.notServed = notServed;
    }

    public String group() {
        return group;
    }

    public String version() {
        return version;
    }

    public String apiVersion() {
        return group + "/" + version;
    }

    /** How its objects are read. */
    public Dialect dialect() {
        return dialect;
    }

    /** Whether Calico serves {@code kind} in this group (always true for the Kubernetes kinds). */
    public boolean serves(ResourceKind kind) {
        return kind.origin() == ResourceKind.Origin.KUBERNETES || !notServed.contains(kind);
    }

    /**
     * An option's value: {@link #AUTO} (empty: ask the cluster) or an apiVersion, as Calico's
     * {@code CALICO_API_GROUP} takes it (case-insensitive).
     *
     * @throws IllegalArgumentException naming the values allowed
     */
    public static Optional<CalicoApiGroup> parseOption(String value) {
        String lower = value == null ? AUTO : value.strip().toLowerCase(Locale.ROOT);
        if (lower.equals(AUTO) || lower.isEmpty()) {
            return Optional.empty();
        }
        for (CalicoApiGroup candidate : values()) {
            if (candidate.apiVersion().equals(lower)) {
                return Optional.of(candidate);
            }
        }
        throw new IllegalArgumentException("expected auto, " + PROJECTCALICO_V3.apiVersion() + " or "
                + CRD_V1.apiVersion() + ", got " + Quoted.of(value));
    }
}
