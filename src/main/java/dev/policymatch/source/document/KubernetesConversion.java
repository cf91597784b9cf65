package dev.policymatch.source.document;

import java.util.Objects;

/**
 * What {@code KubernetesResourceConverter.convert} made of one Kubernetes object: a Calico resource,
 * or nothing, with the reason (Calico makes no workload endpoint for a host-networked or unscheduled
 * pod). Skipping is not a problem with the input, so it is a value, not an exception.
 */
public sealed interface KubernetesConversion {

    /** The object became this Calico resource. */
    record Converted(CalicoResource resource) implements KubernetesConversion {
        public Converted {
            Objects.requireNonNull(resource);
        }
    }

    /** The object gives no Calico resource; {@code reason} says why, e.g. {@code the pod is host-networked}. */
    record Skipped(String reason) implements KubernetesConversion {
        public Skipped {
            Objects.requireNonNull(reason);
        }
    }
}
