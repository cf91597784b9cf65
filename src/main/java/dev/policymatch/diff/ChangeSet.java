package dev.policymatch.diff;

import dev.policymatch.match.Estate;
import dev.policymatch.match.PolicyKey;
import dev.policymatch.model.Endpoint;
import dev.policymatch.model.EndpointKey;
import dev.policymatch.model.Policy;
import dev.policymatch.model.Profile;
import dev.policymatch.model.Tier;

/** The resources that differ between two estates, per type. */
public record ChangeSet(Changes<String, Tier> tiers, Changes<String, Profile> profiles,
        Changes<PolicyKey, Policy> policies, Changes<EndpointKey, Endpoint> endpoints) {

    public static ChangeSet between(Estate base, Estate head) {
        return new ChangeSet(Changes.between(base.tiers(), head.tiers()),
                Changes.between(base.profiles(), head.profiles()),
                Changes.between(base.policies(), head.policies()),
                Changes.between(base.endpoints(), head.endpoints()));
    }

    public boolean isEmpty() {
        return tiers.size() + profiles.size() + policies.size() + endpoints.size() == 0;
    }
}
