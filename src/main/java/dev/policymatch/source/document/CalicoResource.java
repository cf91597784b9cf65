package dev.policymatch.source.document;

import dev.policymatch.model.CalicoObject;
import java.util.Objects;

/**
 * One converted resource: the Calico kind it is (for a Kubernetes object, the kind it became), its name as
 * written in {@code metadata.name} (for namespaced kinds {@code <namespace>/<name>}; used in messages, so it
 * matches the file even where the model's name differs, as for a CRD {@code default.<name>} policy), the
 * dialect it was read in, and the model object, of the kind's family.
 */
public record CalicoResource(ResourceKind kind, String name, Dialect dialect, CalicoObject model) {

    public CalicoResource {
        Objects.requireNonNull(model);
        if (kind.family() != model.family()) {
            throw new IllegalArgumentException(kind.kindName() + " needs a " + kind.family() + ", not a "
                    + model.family());
        }
    }

    /** {@code HostEndpoint "eth0"}, the way messages name a resource. */
    public String describe() {
        return kind.describe(name);
    }
}
