package dev.policymatch.match;

import dev.policymatch.model.Endpoint;
import dev.policymatch.model.EndpointKey;
import dev.policymatch.model.Policy;
import dev.policymatch.model.Profile;
import dev.policymatch.model.Tier;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A set of resources by identity: what an index is built from, and one side of a diff. Of two resources with
 * the same identity the later one is kept ({@link Collector}, the one place that rule is written), as a
 * cluster stores one object per name. Staged deletions ({@code stagedAction: Delete}) are kept: they are
 * resources, though no index applies them.
 */
public record Estate(Map<EndpointKey, Endpoint> endpoints, Map<PolicyKey, Policy> policies,
        Map<String, Profile> profiles, Map<String, Tier> tiers) {

    public static final Estate EMPTY = new Collector().build();

    public Estate {
        endpoints = Collections.unmodifiableMap(new LinkedHashMap<>(endpoints));
        policies = Collections.unmodifiableMap(new LinkedHashMap<>(policies));
        profiles = Collections.unmodifiableMap(new LinkedHashMap<>(profiles));
        tiers = Collections.unmodifiableMap(new LinkedHashMap<>(tiers));
    }

    /** The resources of the lists, the later of two with one identity kept. */
    public static Estate of(Collection<? extends Endpoint> endpoints, Collection<Policy> policies,
            Collection<Profile> profiles, Collection<Tier> tiers) {
        Collector collector = new Collector();
        endpoints.forEach(collector::endpoint);
        policies.forEach(collector::policy);
        profiles.forEach(collector::profile);
        tiers.forEach(collector::tier);
        return collector.build();
    }

    /** This estate with every resource of {@code top} added, replacing the one of the same identity. */
    public Estate overlay(Estate top) {
        return new Collector().estate(this).estate(top).build();
    }

    public int size() {
        return endpoints.size() + policies.size() + profiles.size() + tiers.size();
    }

    /** Collects resources by identity, the later of two with one identity replacing the earlier. */
    public static final class Collector {
        private final Map<EndpointKey, Endpoint> endpoints = new LinkedHashMap<>();
        private final Map<PolicyKey, Policy> policies = new LinkedHashMap<>();
        private final Map<String, Profile> profiles = new LinkedHashMap<>();
        private final Map<String, Tier> tiers = new LinkedHashMap<>();

        public Collector endpoint(Endpoint endpoint) {
            endpoints.put(endpoint.key(), endpoint);
            return this;
        }

        public Collector policy(Policy policy) {
            policies.put(PolicyKey.of(policy), policy);
            return this;
        }

        public Collector profile(Profile profile) {
            profiles.put(profile.name(), profile);
            return this;
        }

        public Collector tier(Tier tier) {
            tiers.put(tier.name(), tier);
            return this;
        }

        public Collector estate(Estate estate) {
            endpoints.putAll(estate.endpoints());
            policies.putAll(estate.policies());
            profiles.putAll(estate.profiles());
            tiers.putAll(estate.tiers());
            return this;
        }

        public Estate build() {
            return new Estate(endpoints, policies, profiles, tiers);
        }
    }
}
