package dev.policymatch.source.document;

import java.util.List;
import java.util.Objects;

/**
 * What one input object became: a Calico resource, nothing for a reason Calico has (a host-networked or
 * unscheduled pod gives no workload endpoint), or nothing because it is not a kind PolicyMatch reads. None of
 * these is a problem with the input, so they are values; a malformed object is a
 * {@link ResourceFormatException}. Each reader decides what to make of the two kinds of nothing.
 */
public sealed interface Conversion {

    /**
     * The object became this Calico resource. {@code warnings} are parts Calico converts differently from what
     * was written and tells only in its log (a rule of a Kubernetes ClusterNetworkPolicy it cannot convert is
     * dropped or turned into deny-all), one line each, naming the object and the field.
     */
    record Converted(CalicoResource resource, List<String> warnings) implements Conversion {
        public Converted {
            Objects.requireNonNull(resource);
            warnings = List.copyOf(warnings);
        }

        public Converted(CalicoResource resource) {
            this(resource, List.of());
        }
    }

    /** The object gives no Calico resource; {@code reason} says why, e.g. {@code the pod is host-networked}. */
    record Skipped(String reason) implements Conversion {
        public Skipped {
            Objects.requireNonNull(reason);
        }
    }

    /**
     * The object is not one of the kinds PolicyMatch reads (another apiVersion or kind); {@code description}
     * names it, as {@link Fields#describeKind} does: {@code Deployment "web" (apps/v1)}.
     */
    record NotCalico(String description) implements Conversion {
        public NotCalico {
            Objects.requireNonNull(description);
        }
    }
}
