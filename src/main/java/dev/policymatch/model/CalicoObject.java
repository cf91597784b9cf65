package dev.policymatch.model;

/**
 * A Calico resource as PolicyMatch models it, whatever it was read from: an endpoint, a policy, a profile or a
 * tier. The set is closed; code that treats each differently switches over {@link #family()}, so a new family
 * is a compile error wherever it is not handled yet.
 */
public sealed interface CalicoObject permits Endpoint, Policy, Profile, Tier {

    /** What kind of model object this is, for exhaustive switches. */
    Family family();

    /** The model families, one per record type. */
    enum Family {
        HOST_ENDPOINT, WORKLOAD_ENDPOINT, POLICY, PROFILE, TIER
    }
}
