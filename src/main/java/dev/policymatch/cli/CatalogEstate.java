package dev.policymatch.cli;

import dev.policymatch.diff.ResourceKey;
import dev.policymatch.diff.ResourceRef;
import dev.policymatch.match.Estate;
import dev.policymatch.match.PolicyKey;
import dev.policymatch.model.CalicoObject;
import dev.policymatch.model.Endpoint;
import dev.policymatch.model.Profile;
import dev.policymatch.source.Catalog;
import dev.policymatch.source.Located;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A catalog's resources by identity (of two with one identity, the one read later is kept), and where each was
 * read.
 *
 * @param refs by identity; a resource read from the cluster has no file
 */
record CatalogEstate(Estate estate, Map<ResourceKey, ResourceRef> refs) {

    static CatalogEstate of(Catalog catalog) {
        return of(catalog, endpoint -> true);
    }

    /** @param endpoints the endpoints to keep */
    static CatalogEstate of(Catalog catalog, Predicate<Endpoint> endpoints) {
        Estate.Collector collector = new Estate.Collector();
        Map<ResourceKey, ResourceRef> refs = new HashMap<>();
        // Each list in the order it was read, so the later of two with one identity wins, here and in refs.
        add(catalog.tiers(), collector::tier, tier -> ResourceKey.tier(tier.name()), refs);
        add(catalog.profiles(), collector::profile, profile -> ResourceKey.profile(profile.name()), refs);
        collector.profile(Profile.DEFAULT_ALLOW); // served by Calico's datastore, in the place of any of that name
        add(filter(catalog.hostEndpoints(), endpoints), collector::endpoint,
                endpoint -> ResourceKey.endpoint(endpoint.key()), refs);
        add(filter(catalog.workloadEndpoints(), endpoints), collector::endpoint,
                endpoint -> ResourceKey.endpoint(endpoint.key()), refs);
        add(catalog.policies(), collector::policy, policy -> ResourceKey.policy(PolicyKey.of(policy)), refs);
        return new CatalogEstate(collector.build(), refs);
    }

    private static <T extends Endpoint> List<Located<T>> filter(List<Located<T>> all, Predicate<Endpoint> keep) {
        return all.stream().filter(located -> keep.test(located.resource())).toList();
    }

    private static <T extends CalicoObject> void add(List<Located<T>> all, Consumer<T> collect,
            Function<T, ResourceKey> keyOf, Map<ResourceKey, ResourceRef> refs) {
        for (Located<T> located : all) {
            collect.accept(located.resource());
            refs.put(keyOf.apply(located.resource()), ref(located));
        }
    }

    /** Cluster objects are located at {@code cluster:<Kind>/<name>}, line 0: no file to name. */
    private static ResourceRef ref(Located<?> located) {
        boolean fromFile = located.location().line() > 0;
        return new ResourceRef(located.kind().displayName(), located.name(),
                fromFile ? located.location().file() : null, fromFile ? located.location().line() : null);
    }
}
