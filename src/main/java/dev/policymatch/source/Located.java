package dev.policymatch.source;

import dev.policymatch.model.CalicoObject;
import dev.policymatch.source.document.ResourceKind;

/** A model object with the kind and name it was read as and where it was read from. */
public record Located<T extends CalicoObject>(T resource, ResourceKind kind, String name, SourceLocation location) {

    /** {@code HostEndpoint "eth0"}, the way messages name a resource. */
    public String describe() {
        return kind.describe(name);
    }
}
