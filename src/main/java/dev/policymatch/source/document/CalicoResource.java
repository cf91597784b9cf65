package dev.policymatch.source.document;

import dev.policymatch.model.HostEndpoint;
import dev.policymatch.model.Policy;
import dev.policymatch.model.Profile;
import dev.policymatch.model.Tier;
import dev.policymatch.model.WorkloadEndpoint;
import dev.policymatch.text.Quoted;

/**
 * One converted resource: its kind, its name as written in {@code metadata.name} (for namespaced
 * kinds {@code <namespace>/<name>}; used in messages, so it matches the file even where the model's
 * name differs, as for a CRD {@code default.<name>} policy), the dialect it was read in, and the
 * model object, which is a {@link HostEndpoint},
 * {@link WorkloadEndpoint}, {@link Policy}, {@link Profile} or {@link Tier} according to the kind.
 */
public record CalicoResource(ResourceKind kind, String name, Dialect dialect, Object model) {

    public CalicoResource {
        Class<?> expected = switch (kind) {
            case HOST_ENDPOINT -> HostEndpoint.class;
            case WORKLOAD_ENDPOINT -> WorkloadEndpoint.class;
            case GLOBAL_NETWORK_POLICY, NETWORK_POLICY -> Policy.class;
            case PROFILE -> Profile.class;
            case TIER -> Tier.class;
        };
        if (!expected.isInstance(model)) {
            throw new IllegalArgumentException(kind.kindName() + " needs a " + expected.getSimpleName());
        }
    }

    /** {@code HostEndpoint "eth0"}, the way messages name a resource. */
    public String describe() {
        return kind.kindName() + " " + Quoted.of(name);
    }
}
