package dev.policymatch.diff;

import dev.policymatch.match.EndpointMatch;
import dev.policymatch.match.MatchIndex;
import dev.policymatch.match.PolicyKey;
import dev.policymatch.model.CalicoObject;
import dev.policymatch.model.Endpoint;
import dev.policymatch.model.EndpointKey;
import dev.policymatch.model.EndpointKind;
import dev.policymatch.model.Policy;
import dev.policymatch.validation.ResourceValidator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What differs between two estates: the resources, and for every endpoint whose result differs, how.
 *
 * @param resources     in the order Tier, Profile, the policy kinds, HostEndpoint, WorkloadEndpoint; then by
 *                      name as written
 * @param endpoints     became invalid, became unmatched, removed, changed, added; then by full name (host
 *                      endpoints first), as calicoq's headings sort
 * @param leftOutOfBase policies of the base whose selectors do not parse: key → what is wrong
 * @param leftOutOfHead the same for the head
 */
public record EstateDiff(SideDescription base, SideDescription head, DiffSummary summary,
        List<ResourceChange> resources, List<EndpointChange> endpoints,
        SortedMap<PolicyKey, String> leftOutOfBase, SortedMap<PolicyKey, String> leftOutOfHead) {

    private static final Comparator<EndpointChange> ENDPOINT_ORDER = Comparator
            .comparingInt(EstateDiff::category)
            .thenComparing(change -> change.key().kind() == EndpointKind.HOST ? 0 : 1)
            .thenComparing(change -> change.key().fullName());

    private static final Comparator<ResourceChange> RESOURCE_ORDER = Comparator
            .comparing((ResourceChange change) -> change.key().type())
            .thenComparing(change -> change.key().key() instanceof PolicyKey key ? key.kind().ordinal() : 0)
            .thenComparing(change -> change.ref().kind())
            .thenComparing(change -> change.ref().name())
            .thenComparing(change -> change.key().key().toString());

    public EstateDiff {
        resources = List.copyOf(resources);
        endpoints = List.copyOf(endpoints);
        leftOutOfBase = Collections.unmodifiableSortedMap(new TreeMap<>(leftOutOfBase));
        leftOutOfHead = Collections.unmodifiableSortedMap(new TreeMap<>(leftOutOfHead));
    }

    /** Builds the base's index, then updates it to the head ({@link #update}). */
    public static EstateDiff compute(DiffSide base, DiffSide head, ResourceValidator validator) {
        MatchIndex index = MatchIndex.builder().estate(base.estate()).build();
        return update(index, base, head, validator);
    }

    /**
     * The diff, computed by applying the changes to an index that holds the base, which then holds the head.
     * Only the endpoints the index reports as changed (and those listing a changed profile, whose rules the
     * results do not hold) are compared.
     */
    public static EstateDiff update(MatchIndex index, DiffSide base, DiffSide head, ResourceValidator validator) {
        ChangeSet changes = ChangeSet.between(base.estate(), head.estate());
        SortedMap<PolicyKey, String> leftOutOfBase = index.invalidPolicies();
        Map<EndpointKey, EndpointMatch> before = index.results();
        Set<EndpointKey> affected = new HashSet<>();
        // Endpoints go first and come back last: no policy edit is spent on a removed endpoint, and an
        // upserted one is evaluated once, against the final policies. The final state does not depend on it.
        changes.endpoints().removed().keySet().forEach(key -> affected.addAll(index.removeEndpoint(key)));
        apply(changes.tiers(), index::upsertTier, index::removeTier, affected);
        apply(changes.profiles(), index::upsertProfile, index::removeProfile, affected);
        changes.policies().removed().keySet().forEach(key -> affected.addAll(index.removePolicy(key)));
        changes.policies().added().values().forEach(policy -> affected.addAll(index.upsertPolicy(policy)));
        changes.policies().modified().values().forEach(pair -> affected.addAll(index.upsertPolicy(pair.head())));
        changes.endpoints().added().values().forEach(endpoint -> affected.addAll(index.upsertEndpoint(endpoint)));
        changes.endpoints().modified().values()
                .forEach(pair -> affected.addAll(index.upsertEndpoint(pair.head())));
        for (String profile : touchedProfiles(changes)) {
            affected.addAll(index.endpointsListingProfile(profile));
        }
        List<EndpointChange> endpoints = new ArrayList<>();
        // The index reports only endpoints whose result changed (and those listing a changed profile), so no
        // result is compared as a whole here: deep equality of two long lists of policies is most of the cost.
        for (EndpointKey key : affected) {
            EndpointMatch after = index.match(key).orElse(null);
            EndpointChange change = EndpointComparison.of(before.get(key), after, changes, validator);
            if (change.shows()) {
                endpoints.add(change);
            }
        }
        return assemble(base, head, changes, endpoints, leftOutOfBase, index.invalidPolicies(), validator);
    }

    /** The oracle of {@link #compute}: builds both indexes and compares every endpoint ({@link #compareAll}). */
    public static EstateDiff computeFully(DiffSide base, DiffSide head, ResourceValidator validator) {
        return compareAll(MatchIndex.builder().estate(base.estate()).build(), base,
                MatchIndex.builder().estate(head.estate()).build(), head, validator);
    }

    /** The diff of two indexes built from the two sides, every endpoint compared. */
    public static EstateDiff compareAll(MatchIndex baseIndex, DiffSide base, MatchIndex headIndex, DiffSide head,
            ResourceValidator validator) {
        ChangeSet changes = ChangeSet.between(base.estate(), head.estate());
        Map<EndpointKey, EndpointMatch> before = baseIndex.results();
        Map<EndpointKey, EndpointMatch> after = headIndex.results();
        Set<EndpointKey> keys = new HashSet<>(before.keySet());
        keys.addAll(after.keySet());
        List<EndpointChange> endpoints = new ArrayList<>();
        for (EndpointKey key : keys) {
            add(endpoints, before.get(key), after.get(key), changes, validator);
        }
        return assemble(base, head, changes, endpoints, baseIndex.invalidPolicies(), headIndex.invalidPolicies(),
                validator);
    }

    /** Whether nothing differs: no resource changed (by value) and no endpoint is affected. */
    public boolean isEmpty() {
        return summary.empty();
    }

    private static <K, V> void apply(Changes<K, V> changes, Function<V, Set<EndpointKey>> upsert,
            Function<K, Set<EndpointKey>> remove, Set<EndpointKey> affected) {
        changes.removed().keySet().forEach(key -> affected.addAll(remove.apply(key)));
        changes.added().values().forEach(value -> affected.addAll(upsert.apply(value)));
        changes.modified().values().forEach(pair -> affected.addAll(upsert.apply(pair.head())));
    }

    private static Set<String> touchedProfiles(ChangeSet changes) {
        Set<String> names = new HashSet<>(changes.profiles().added().keySet());
        names.addAll(changes.profiles().removed().keySet());
        names.addAll(changes.profiles().modified().keySet());
        return names;
    }

    private static void add(List<EndpointChange> endpoints, EndpointMatch before, EndpointMatch after,
            ChangeSet changes, ResourceValidator validator) {
        if (before == null && after == null || sameResult(before, after, changes)) {
            return;
        }
        EndpointChange change = EndpointComparison.of(before, after, changes, validator);
        if (change.shows()) {
            endpoints.add(change);
        }
    }

    /** Equal results, and no profile the endpoint lists changed (results hold profile names, not their rules). */
    private static boolean sameResult(EndpointMatch before, EndpointMatch after, ChangeSet changes) {
        return before != null && (before == after || before.equals(after))
                && before.profiles().stream().noneMatch(changes.profiles()::touches);
    }

    private static EstateDiff assemble(DiffSide base, DiffSide head, ChangeSet changes, List<EndpointChange> endpoints,
            SortedMap<PolicyKey, String> leftOutOfBase, SortedMap<PolicyKey, String> leftOutOfHead,
            ResourceValidator validator) {
        List<ResourceChange> resources = new ArrayList<>();
        Resources listing = new Resources(base, head, validator, leftOutOfHead, resources);
        listing.add(changes.tiers(), ResourceKey::tier);
        listing.add(changes.profiles(), ResourceKey::profile);
        listing.add(changes.policies(), ResourceKey::policy);
        listing.add(changes.endpoints(), ResourceKey::endpoint);
        resources.sort(RESOURCE_ORDER);
        endpoints.sort(ENDPOINT_ORDER);
        DiffSummary summary = new DiffSummary(
                count(resources, ResourceChange.Change.ADDED), count(resources, ResourceChange.Change.REMOVED),
                count(resources, ResourceChange.Change.MODIFIED),
                base.estate().endpoints().size(), head.estate().endpoints().size(),
                count(endpoints, EndpointChange.Change.ADDED), count(endpoints, EndpointChange.Change.REMOVED),
                count(endpoints, EndpointChange.Change.CHANGED),
                (int) endpoints.stream().filter(EndpointChange::becameUnmatched).count(),
                (int) endpoints.stream().filter(EndpointChange::becameInvalid).count());
        return new EstateDiff(base.description(), head.description(), summary, resources, endpoints, leftOutOfBase,
                leftOutOfHead);
    }

    private static int count(List<ResourceChange> resources, ResourceChange.Change change) {
        return (int) resources.stream().filter(resource -> resource.change() == change).count();
    }

    private static int count(List<EndpointChange> endpoints, EndpointChange.Change change) {
        return (int) endpoints.stream().filter(endpoint -> endpoint.change() == change).count();
    }

    private static int category(EndpointChange change) {
        if (change.becameInvalid()) {
            return 0;
        }
        if (change.becameUnmatched()) {
            return 1;
        }
        return switch (change.change()) {
            case REMOVED -> 2;
            case CHANGED -> 3;
            case ADDED -> 4;
        };
    }

    /** Lists the resource changes of each type. */
    private record Resources(DiffSide base, DiffSide head, ResourceValidator validator,
            SortedMap<PolicyKey, String> leftOutOfHead, List<ResourceChange> into) {

        <K, V extends CalicoObject> void add(Changes<K, V> changes, Function<K, ResourceKey> keyOf) {
            changes.added().forEach((key, value) -> into.add(headVersion(ResourceChange.Change.ADDED, keyOf.apply(key),
                    value, List.of())));
            changes.modified().forEach((key, pair) -> into.add(headVersion(ResourceChange.Change.MODIFIED,
                    keyOf.apply(key), pair.head(), RecordFields.changed((Record) pair.base(), (Record) pair.head()))));
            changes.removed().forEach((key, value) -> {
                ResourceKey resourceKey = keyOf.apply(key);
                into.add(new ResourceChange(ResourceChange.Change.REMOVED, resourceKey, ref(base, resourceKey, value),
                        List.of(), List.of(), null));
            });
        }

        private ResourceChange headVersion(ResourceChange.Change change, ResourceKey key, CalicoObject value,
                List<String> fields) {
            String invalidSelector = key.key() instanceof PolicyKey policy ? leftOutOfHead.get(policy) : null;
            return new ResourceChange(change, key, ref(head, key, value), fields, validator.validate(value),
                    invalidSelector);
        }

        /** Where the side read it; a resource given without one is named by its kind and identity. */
        private static ResourceRef ref(DiffSide side, ResourceKey key, CalicoObject value) {
            ResourceRef ref = side.refs().get(key);
            if (ref != null) {
                return ref;
            }
            return switch (value.family()) {
                case TIER, PROFILE -> new ResourceRef(value.family() == CalicoObject.Family.TIER ? "Tier" : "Profile",
                        (String) key.key(), null, null);
                case POLICY -> new ResourceRef(((Policy) value).kind().kindName(), ((Policy) value).qualifiedName(),
                        null, null);
                case HOST_ENDPOINT -> new ResourceRef("HostEndpoint", ((Endpoint) value).fullName(), null, null);
                case WORKLOAD_ENDPOINT -> new ResourceRef("WorkloadEndpoint", ((Endpoint) value).fullName(), null, null);
            };
        }
    }
}
