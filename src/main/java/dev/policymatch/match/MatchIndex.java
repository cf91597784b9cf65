package dev.policymatch.match;

import dev.policymatch.model.Endpoint;
import dev.policymatch.model.EndpointKey;
import dev.policymatch.model.LabelMap;
import dev.policymatch.model.Policy;
import dev.policymatch.model.Profile;
import dev.policymatch.model.StagedAction;
import dev.policymatch.model.Tier;
import dev.policymatch.selector.LabelLookup;
import dev.policymatch.selector.Selector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * For every endpoint, the policies and profiles that apply to it and the policy rules that name it, kept
 * up to date as endpoints, policies, profiles and tiers come and go.
 *
 * <p><b>Semantics</b> (Calico's, see {@link CompiledPolicy}, {@link EffectiveLabels},
 * {@link EnforcementOrder}): a policy applies to an endpoint when its effective selector matches the
 * endpoint's effective labels; rule matches are the rule selectors of <em>every</em> policy that match
 * them. A policy with a selector that does not parse takes no part and is listed by
 * {@link #invalidPolicies()}.
 *
 * <p><b>Incremental</b>: each change re-evaluates only what it can affect, and returns the keys of the
 * endpoints whose {@link EndpointMatch} is now different (by {@code equals}); an upsert of an equal
 * resource returns nothing. Endpoints are found for a selector through an inverted label index (the
 * selector's {@link Selector#labelRestrictions() label restrictions} pick the smallest posting list), and
 * selectors for an endpoint through the reverse index. The results themselves are the state: a policy
 * change evaluates the old and the new version's selectors on their candidate endpoints and edits those
 * endpoints' sorted lists (remove the old entries, insert the new ones by binary search); an endpoint
 * change rebuilds that endpoint's result; a profile change touches only endpoints listing the profile
 * and only when its labels changed; a tier change only re-sorts endpoints with an entry in that tier.
 *
 * <p><b>Threads</b>: every method holds the index's lock, so calls may come from any thread; they are
 * meant to come from one writer (the operator's event thread), which keeps the lock uncontended. Results
 * are immutable and may be shared freely.
 */
public final class MatchIndex {
    private final Map<EndpointKey, EndpointState> endpoints = new HashMap<>();
    private final Map<PolicyKey, CompiledPolicy> policies = new HashMap<>();
    private final Map<PolicyKey, Policy> invalidResources = new HashMap<>();
    private final SortedMap<PolicyKey, String> invalid = new TreeMap<>();
    private final Map<PolicyKey, List<Matcher>> matchers = new HashMap<>();
    private final Map<String, Profile> profiles = new HashMap<>();
    private final Map<String, Set<EndpointState>> profileUsers = new HashMap<>();
    private final Map<String, Tier> tiers = new HashMap<>();
    private final LabelIndex<EndpointState> labelIndex = new LabelIndex<>();
    private final SelectorIndex<Matcher> selectorIndex = new SelectorIndex<>();
    private final EnforcementOrder order = new EnforcementOrder(tiers);
    private final Comparator<CompiledPolicy> compiledOrder = Comparator.comparing(CompiledPolicy::policy, order);
    private final Comparator<RuleMatch> ruleOrder = Comparator.<RuleMatch, Policy>comparing(RuleMatch::policy, order)
            .thenComparing(RuleMatch::direction)
            .thenComparingInt(RuleMatch::ruleNumber)
            .thenComparing(RuleMatch::side);

    /** One selector of a compiled policy: its applies-to selector ({@code rule < 0}) or a rule selector. */
    private record Matcher(CompiledPolicy owner, int rule) {
        Selector selector() {
            return rule < 0 ? owner.selector() : owner.ruleMatchers().get(rule).effectiveSelector();
        }
    }

    private static final class EndpointState {
        /** Cached: {@link Endpoint#key()} builds a new key (and full name) on every call. */
        EndpointKey key;
        Endpoint endpoint;
        /** The effective labels: hashed for lookups, sorted for the result, compact. */
        LabelMap labels;
        /** {@code labels::get}, made once: selectors are evaluated against it many times per change. */
        LabelLookup lookup;
        EndpointMatch result;
        /** Only while a {@link Builder} builds the index. */
        List<CompiledPolicy> building;
        List<RuleMatch> buildingRules;
    }

    /** What one policy change does to one endpoint. */
    private static final class Edit {
        boolean applied;
        final List<RuleMatch> rules = new ArrayList<>(2);
    }

    public MatchIndex() {
    }

    /** A builder that loads a whole catalog at once, faster than one upsert after another. */
    public static Builder builder() {
        return new Builder();
    }

    // ---- changes -------------------------------------------------------------------------------------

    /** Adds or replaces an endpoint; returns the endpoints whose result changed (this one or none). */
    public synchronized Set<EndpointKey> upsertEndpoint(Endpoint endpoint) {
        EndpointState state = endpoints.get(endpoint.key());
        if (state != null && state.endpoint.equals(endpoint)) {
            return Set.of();
        }
        if (state == null) {
            state = new EndpointState();
            state.key = endpoint.key();
            endpoints.put(state.key, state);
        } else {
            unindexEndpoint(state);
        }
        state.endpoint = endpoint;
        indexEndpoint(state);
        // A different endpoint is a different result: the result holds the endpoint.
        state.result = evaluate(state);
        return Set.of(state.key);
    }

    public synchronized Set<EndpointKey> removeEndpoint(EndpointKey key) {
        EndpointState state = endpoints.remove(key);
        if (state == null) {
            return Set.of();
        }
        unindexEndpoint(state);
        return Set.of(key);
    }

    /**
     * A staged deletion ({@code stagedAction: Delete}) is no policy to Felix: the {@code staged*processor.go}
     * update processors turn it into "no value", so it removes a staged policy of the same key and adds none.
     */
    private static boolean stagesADeletion(Policy policy) {
        return policy.stagedAction() == StagedAction.DELETE;
    }

    /**
     * Adds or replaces a policy (identified by {@link PolicyKey#of(Policy)}). A policy whose selectors do
     * not parse replaces the old version too, but applies nowhere and is listed in
     * {@link #invalidPolicies()}.
     */
    public synchronized Set<EndpointKey> upsertPolicy(Policy policy) {
        PolicyKey key = PolicyKey.of(policy);
        if (stagesADeletion(policy)) {
            return removePolicy(key);
        }
        CompiledPolicy current = policies.get(key);
        if (current != null && current.policy().equals(policy) || policy.equals(invalidResources.get(key))) {
            return Set.of();
        }
        Map<EndpointState, Edit> edits = new IdentityHashMap<>();
        CompiledPolicy old = dropPolicy(key, edits);
        CompiledPolicy compiled = addPolicy(policy);
        if (compiled != null) {
            for (Matcher matcher : matchers.get(key)) {
                forEachMatch(matcher.selector(), state -> {
                    Edit edit = edits.computeIfAbsent(state, s -> new Edit());
                    if (matcher.rule() < 0) {
                        edit.applied = true;
                    } else {
                        edit.rules.add(compiled.ruleMatchers().get(matcher.rule()));
                    }
                });
            }
        }
        return applyEdits(old, compiled, edits);
    }

    public synchronized Set<EndpointKey> removePolicy(PolicyKey key) {
        Map<EndpointState, Edit> edits = new IdentityHashMap<>();
        CompiledPolicy old = dropPolicy(key, edits);
        return applyEdits(old, null, edits);
    }

    /** Adds or replaces a profile; only endpoints listing it can change, and only if its labels changed. */
    public synchronized Set<EndpointKey> upsertProfile(Profile profile) {
        Profile old = profiles.put(profile.name(), profile);
        if (old != null && old.labelsToApply().equals(profile.labelsToApply())) {
            return Set.of();
        }
        return relabelUsers(profile.name());
    }

    public synchronized Set<EndpointKey> removeProfile(String name) {
        Profile old = profiles.remove(name);
        if (old == null || old.labelsToApply().isEmpty()) {
            return Set.of();
        }
        return relabelUsers(name);
    }

    /** Adds or replaces a tier; only endpoints with a policy or rule match in that tier can change. */
    public synchronized Set<EndpointKey> upsertTier(Tier tier) {
        Tier old = tiers.put(tier.name(), tier);
        if (tier.equals(old)) {
            return Set.of();
        }
        order.forget(tier.name());
        return resort(tier.name());
    }

    public synchronized Set<EndpointKey> removeTier(String name) {
        if (tiers.remove(name) == null) {
            return Set.of();
        }
        order.forget(name);
        return resort(name);
    }

    // ---- queries -------------------------------------------------------------------------------------

    public synchronized Optional<EndpointMatch> match(EndpointKey key) {
        EndpointState state = endpoints.get(key);
        return state == null ? Optional.empty() : Optional.of(state.result);
    }

    /** Every endpoint's result, sorted by endpoint key. */
    public synchronized List<EndpointMatch> matches() {
        return sortedStates().stream().map(state -> state.result).toList();
    }

    /**
     * Every endpoint's result by key, a snapshot: later changes to the index do not show in it (results are
     * immutable, so nothing is copied but the map).
     */
    public synchronized Map<EndpointKey, EndpointMatch> results() {
        Map<EndpointKey, EndpointMatch> results = new HashMap<>(endpoints.size() * 4 / 3 + 1);
        endpoints.forEach((key, state) -> results.put(key, state.result));
        return Collections.unmodifiableMap(results);
    }

    /**
     * The endpoints that list a profile, whether or not a Profile of that name exists: those a change of the
     * profile's rules concerns, though their results (which hold profile names only) do not change.
     */
    public synchronized Set<EndpointKey> endpointsListingProfile(String name) {
        Set<EndpointState> users = profileUsers.getOrDefault(name, Set.of());
        Set<EndpointKey> keys = new HashSet<>(users.size() * 4 / 3 + 1);
        users.forEach(state -> keys.add(state.key));
        return Collections.unmodifiableSet(keys);
    }

    /** Every endpoint, sorted by key. */
    public synchronized List<Endpoint> endpoints() {
        return sortedStates().stream().map(state -> state.endpoint).toList();
    }

    /** The endpoints whose effective labels a selector matches, sorted by key ({@code calicoq eval}). */
    public synchronized List<Endpoint> endpointsMatching(Selector selector) {
        List<EndpointState> matching = new ArrayList<>();
        forEachMatch(selector, matching::add);
        return sortedEndpoints(matching);
    }

    /** A valid policy with the endpoints it applies to and those its rules match ({@code calicoq policy}). */
    public synchronized Optional<PolicyMatch> policy(PolicyKey key) {
        CompiledPolicy compiled = policies.get(key);
        if (compiled == null) {
            return Optional.empty();
        }
        List<EndpointState> selected = new ArrayList<>();
        forEachMatch(compiled.selector(), selected::add);
        List<Endpoint> appliesTo = sortedEndpoints(selected);
        SortedMap<EndpointKey, List<RuleMatch>> ruleMatches = new TreeMap<>();
        for (RuleMatch rule : compiled.ruleMatchers()) {
            forEachMatch(rule.effectiveSelector(),
                    state -> ruleMatches.computeIfAbsent(state.key, k -> new ArrayList<>()).add(rule));
        }
        ruleMatches.replaceAll((endpoint, rules) -> List.copyOf(rules));
        return Optional.of(new PolicyMatch(compiled, effectiveTier(compiled.policy().tier()), appliesTo,
                Collections.unmodifiableSortedMap(ruleMatches)));
    }

    /**
     * The policies, valid or not, that a name given to {@code calicoq policy} means: the one whose text name
     * ({@link PolicyKey#textName()}: {@code ns/knp.default.x}, {@code staged:x}, {@code kcnp.x}, ...) it is;
     * else every one whose own name ({@code x}, {@code ns/x}) it is, in key order, so more than one means the
     * name is ambiguous.
     */
    public synchronized List<PolicyKey> policiesNamed(String name) {
        PolicyKey written = PolicyKey.parse(name);
        if (policies.containsKey(written) || invalid.containsKey(written)) {
            return List.of(written);
        }
        TreeMap<PolicyKey, Boolean> named = new TreeMap<>();
        for (PolicyKey key : policies.keySet()) {
            if (key.qualifiedName().equals(name)) {
                named.put(key, true);
            }
        }
        for (PolicyKey key : invalid.keySet()) {
            if (key.qualifiedName().equals(name)) {
                named.put(key, false);
            }
        }
        return List.copyOf(named.keySet());
    }

    /** The valid policies, in enforcement order. */
    public synchronized List<CompiledPolicy> policies() {
        List<CompiledPolicy> all = new ArrayList<>(policies.values());
        all.sort(compiledOrder);
        return all;
    }

    /** Policies left out of matching because a selector does not parse: key → what is wrong. */
    public synchronized SortedMap<PolicyKey, String> invalidPolicies() {
        return Collections.unmodifiableSortedMap(new TreeMap<>(invalid));
    }

    /** Where each effective label of an endpoint comes from, and the written labels that lose ({@code explain}). */
    public synchronized Optional<LabelProvenance> labelProvenance(EndpointKey key) {
        EndpointState state = endpoints.get(key);
        if (state == null) {
            return Optional.empty();
        }
        List<Profile> listed = state.endpoint.profiles().stream().map(profiles::get)
                .filter(java.util.Objects::nonNull).toList();
        return Optional.of(EffectiveLabels.provenance(state.endpoint, listed));
    }

    /** A profile read, by name (its rules, for {@code explain}). */
    public synchronized Optional<Profile> profile(String name) {
        return Optional.ofNullable(profiles.get(name));
    }

    // ---- internals -----------------------------------------------------------------------------------

    private void indexEndpoint(EndpointState state) {
        List<SortedMap<String, String>> inherited = new ArrayList<>(state.endpoint.profiles().size());
        for (String name : state.endpoint.profiles()) {
            profileUsers.computeIfAbsent(name, n -> new HashSet<>()).add(state);
            Profile profile = profiles.get(name);
            if (profile != null && !profile.labelsToApply().isEmpty()) {
                inherited.add(profile.labelsToApply());
            }
        }
        // The chain (own labels, then profiles) is resolved once per endpoint change into one map, sorted for
        // the result and hashed for the many selector evaluations: profiling the cold build put the chained
        // sorted-map lookups at a third of its time. The randomized test checks this against NaiveMatch,
        // which evaluates through the chain.
        LabelMap labels = new EffectiveLabels(state.endpoint, inherited).toMap();
        state.labels = labels;
        state.lookup = labels::get;
        labelIndex.add(state, state.labels);
    }

    private void unindexEndpoint(EndpointState state) {
        labelIndex.remove(state, state.labels);
        for (String name : state.endpoint.profiles()) {
            Set<EndpointState> users = profileUsers.get(name);
            if (users != null && users.remove(state) && users.isEmpty()) {
                profileUsers.remove(name);
            }
        }
    }

    private void forEachMatch(Selector selector, java.util.function.Consumer<EndpointState> action) {
        for (Collection<EndpointState> group : labelIndex.candidates(selector.labelRestrictions())) {
            for (EndpointState state : group) {
                if (selector.matches(state.lookup)) {
                    action.accept(state);
                }
            }
        }
    }

    /** The endpoint's result from scratch: every selector that can match it, through the selector index. */
    private EndpointMatch evaluate(EndpointState state) {
        List<CompiledPolicy> applied = new ArrayList<>();
        List<RuleMatch> rules = new ArrayList<>();
        selectorIndex.candidates(state.labels, matcher -> {
            if (matcher.selector().matches(state.lookup)) {
                if (matcher.rule() < 0) {
                    applied.add(matcher.owner());
                } else {
                    rules.add(matcher.owner().ruleMatchers().get(matcher.rule()));
                }
            }
        });
        applied.sort(compiledOrder);
        rules.sort(ruleOrder);
        return new EndpointMatch(state.endpoint, state.labels, applied, state.endpoint.profiles(), rules,
                tiersOf(applied));
    }

    /** Stores a new result; whether it differs from the old one. */
    private static boolean update(EndpointState state, EndpointMatch result) {
        if (result.equals(state.result)) {
            return false;
        }
        state.result = result;
        return true;
    }

    /**
     * Takes a policy (valid or not) out of matching, marking the endpoints its old selectors match for an
     * edit; returns the old version if it was valid.
     */
    private CompiledPolicy dropPolicy(PolicyKey key, Map<EndpointState, Edit> edits) {
        invalid.remove(key);
        invalidResources.remove(key);
        CompiledPolicy old = policies.remove(key);
        if (old == null) {
            return null;
        }
        for (Matcher matcher : matchers.remove(key)) {
            selectorIndex.remove(matcher);
            forEachMatch(matcher.selector(), state -> edits.computeIfAbsent(state, s -> new Edit()));
        }
        return old;
    }

    /** Compiles and indexes a policy; null (and recorded as invalid) when a selector does not parse. */
    private CompiledPolicy addPolicy(Policy policy) {
        PolicyKey key = PolicyKey.of(policy);
        CompiledPolicy compiled;
        try {
            compiled = CompiledPolicy.compile(policy);
        } catch (CompiledPolicy.InvalidPolicyException e) {
            invalid.put(key, e.getMessage());
            invalidResources.put(key, policy);
            return null;
        }
        policies.put(key, compiled);
        List<Matcher> own = new ArrayList<>(1 + compiled.ruleMatchers().size());
        own.add(new Matcher(compiled, -1));
        for (int i = 0; i < compiled.ruleMatchers().size(); i++) {
            own.add(new Matcher(compiled, i));
        }
        matchers.put(key, own);
        for (Matcher matcher : own) {
            selectorIndex.add(matcher, matcher.selector().labelRestrictions(), labelIndex);
        }
        return compiled;
    }

    /**
     * Edits the results of the endpoints a policy change touches: drops the old version's entries, inserts
     * the new version's at their place in the enforcement order. Both are found by binary search, since
     * a policy's entries sit together in enforcement order, and the lists are spliced with bulk copies:
     * this is the hot path of a policy that applies to thousands of endpoints.
     */
    private Set<EndpointKey> applyEdits(CompiledPolicy old, CompiledPolicy replacement,
            Map<EndpointState, Edit> edits) {
        Policy removed = old == null ? null : old.policy();
        Set<EndpointKey> changed = new HashSet<>();
        edits.forEach((state, edit) -> {
            EndpointMatch current = state.result;
            List<CompiledPolicy> applied = splice(current.compiledPolicies(), removed, CompiledPolicy::policy,
                    edit.applied ? List.of(replacement) : List.of(), order);
            List<RuleMatch> rules = splice(current.ruleMatches(), removed, RuleMatch::policy, edit.rules, order);
            // Records compare deeply, and an endpoint with many rule matches makes that costly, so the
            // change is decided here: an upsert of an equal policy never gets this far, so removing an entry
            // of the old version or adding one of the new version always changes the result.
            if (applied != current.compiledPolicies() || rules != current.ruleMatches()) {
                state.result = new EndpointMatch(state.endpoint, state.labels, applied, current.profiles(), rules,
                        tiersAfterEdit(current, applied, removed, edit.applied ? replacement : null));
                changed.add(state.key);
            }
        });
        return changed.isEmpty() ? Set.of() : Collections.unmodifiableSet(changed);
    }

    /** The tiers of the policies in the order, one entry per tier name. */
    private Map<String, EffectiveTier> tiersOf(List<CompiledPolicy> applied) {
        if (applied.isEmpty()) {
            return Map.of();
        }
        Map<String, EffectiveTier> byName = new HashMap<>(4);
        for (CompiledPolicy compiled : applied) {
            byName.computeIfAbsent(compiled.policy().tier(), this::effectiveTier);
        }
        return byName;
    }

    private EffectiveTier effectiveTier(String name) {
        return order.tier(name);
    }

    /**
     * The tiers after an edit: the same map when the edit cannot have changed which tiers the list holds
     * (the common case of a policy's new version replacing the old one in the same tier), else recomputed.
     */
    private Map<String, EffectiveTier> tiersAfterEdit(EndpointMatch current, List<CompiledPolicy> applied,
            Policy removed, CompiledPolicy inserted) {
        if (applied == current.compiledPolicies()) {
            return current.tiers();
        }
        boolean insertedKnown = inserted == null || current.tiers().containsKey(inserted.policy().tier());
        boolean removalKeeps = removed == null || inserted != null && removed.tier().equals(inserted.policy().tier());
        return insertedKnown && removalKeeps ? current.tiers() : tiersOf(applied);
    }

    /**
     * {@code list} (sorted by the policy of each entry) without the entries of policy {@code old} (the
     * very instance: a compiled policy and its rule matches hold the policy they were compiled from), with
     * {@code inserted} (entries of one policy, in order) at their sorted place; the same list when nothing
     * is removed or inserted.
     */
    @SuppressWarnings("unchecked")
    private static <T> List<T> splice(List<T> list, Policy old, Function<T, Policy> policyOf, List<T> inserted,
            Comparator<Policy> order) {
        Object[] entries = list.toArray();
        int size = entries.length;
        if (old != null) {
            int from = lowerBound(entries, size, old, policyOf, order, false);
            int to = lowerBound(entries, size, old, policyOf, order, true);
            int kept = from;
            for (int i = from; i < to; i++) {
                if (policyOf.apply((T) entries[i]) != old) {
                    entries[kept++] = entries[i];
                }
            }
            if (kept != to) {
                System.arraycopy(entries, to, entries, kept, size - to);
                size -= to - kept;
            }
        }
        if (inserted.isEmpty()) {
            return size == entries.length ? list : (List<T>) List.of(Arrays.copyOf(entries, size));
        }
        Policy policy = policyOf.apply(inserted.get(0));
        int at = lowerBound(entries, size, policy, policyOf, order, false);
        Object[] spliced = new Object[size + inserted.size()];
        System.arraycopy(entries, 0, spliced, 0, at);
        for (int i = 0; i < inserted.size(); i++) {
            spliced[at + i] = inserted.get(i);
        }
        System.arraycopy(entries, at, spliced, at + inserted.size(), size - at);
        return (List<T>) List.of(spliced);
    }

    /** The first index whose entry's policy sorts at or after {@code policy} (with {@code after}: after it). */
    @SuppressWarnings("unchecked")
    private static <T> int lowerBound(Object[] entries, int size, Policy policy, Function<T, Policy> policyOf,
            Comparator<Policy> order, boolean after) {
        int low = 0;
        int high = size;
        while (low < high) {
            int middle = (low + high) >>> 1;
            int comparison = order.compare(policyOf.apply((T) entries[middle]), policy);
            if (comparison < 0 || after && comparison == 0) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    private Set<EndpointKey> relabelUsers(String profile) {
        Set<EndpointState> users = profileUsers.get(profile);
        if (users == null) {
            return Set.of();
        }
        Set<EndpointKey> changed = new HashSet<>();
        for (EndpointState state : new ArrayList<>(users)) {
            unindexEndpoint(state);
            indexEndpoint(state);
            if (update(state, evaluate(state))) {
                changed.add(state.key);
            }
        }
        return Collections.unmodifiableSet(changed);
    }

    /**
     * Re-sorts the results that hold a policy or rule match of this tier, and gives those holding a policy of
     * it the tier's new order and default action.
     */
    private Set<EndpointKey> resort(String tier) {
        Set<EndpointKey> changed = new HashSet<>();
        for (EndpointState state : endpoints.values()) {
            EndpointMatch current = state.result;
            boolean inTier = current.compiledPolicies().stream()
                    .anyMatch(compiled -> compiled.policy().tier().equals(tier))
                    || current.ruleMatches().stream().anyMatch(rule -> rule.policy().tier().equals(tier));
            if (!inTier) {
                continue;
            }
            List<CompiledPolicy> applied = new ArrayList<>(current.compiledPolicies());
            applied.sort(compiledOrder);
            List<RuleMatch> rules = new ArrayList<>(current.ruleMatches());
            rules.sort(ruleOrder);
            Map<String, EffectiveTier> tiersNow = current.tiers().containsKey(tier) ? tiersOf(applied)
                    : current.tiers();
            if (!sameElements(applied, current.compiledPolicies()) || !sameElements(rules, current.ruleMatches())
                    || !tiersNow.equals(current.tiers())) {
                state.result = new EndpointMatch(state.endpoint, state.labels, applied, current.profiles(), rules,
                        tiersNow);
                changed.add(state.key);
            }
        }
        return changed.isEmpty() ? Set.of() : Collections.unmodifiableSet(changed);
    }

    /** Whether two lists hold the same objects in the same order (re-sorting only moves entries). */
    private static boolean sameElements(List<?> a, List<?> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }

    private static List<Endpoint> sortedEndpoints(List<EndpointState> states) {
        states.sort((a, b) -> a.key.compareTo(b.key));
        List<Endpoint> endpoints = new ArrayList<>(states.size());
        states.forEach(state -> endpoints.add(state.endpoint));
        return endpoints;
    }

    private List<EndpointState> sortedStates() {
        List<EndpointState> states = new ArrayList<>(endpoints.values());
        states.sort((a, b) -> a.key.compareTo(b.key));
        return states;
    }

    /**
     * Loads a catalog in one go: endpoints are indexed first, then each policy, taken in enforcement order,
     * is evaluated once against its candidate endpoints, so every endpoint's lists come out already
     * sorted; then every result is built once. Later resources replace earlier ones with the same identity
     * ({@link Estate.Collector}).
     */
    public static final class Builder {
        private final Estate.Collector resources = new Estate.Collector();

        private Builder() {
        }

        public Builder endpoint(Endpoint endpoint) {
            resources.endpoint(Objects.requireNonNull(endpoint));
            return this;
        }

        public Builder endpoints(Collection<? extends Endpoint> all) {
            all.forEach(this::endpoint);
            return this;
        }

        public Builder policy(Policy policy) {
            resources.policy(policy);
            return this;
        }

        public Builder policies(Collection<Policy> all) {
            all.forEach(this::policy);
            return this;
        }

        public Builder profile(Profile profile) {
            resources.profile(profile);
            return this;
        }

        public Builder profiles(Collection<Profile> all) {
            all.forEach(this::profile);
            return this;
        }

        public Builder tier(Tier tier) {
            resources.tier(tier);
            return this;
        }

        public Builder tiers(Collection<Tier> all) {
            all.forEach(this::tier);
            return this;
        }

        /** Every resource of an estate, replacing those of the same identity given before. */
        public Builder estate(Estate estate) {
            resources.estate(estate);
            return this;
        }

        public MatchIndex build() {
            Estate estate = resources.build();
            MatchIndex index = new MatchIndex();
            index.profiles.putAll(estate.profiles());
            index.tiers.putAll(estate.tiers());
            for (Endpoint endpoint : estate.endpoints().values()) {
                EndpointState state = new EndpointState();
                state.key = endpoint.key();
                state.endpoint = endpoint;
                index.endpoints.put(state.key, state);
                index.indexEndpoint(state);
            }
            List<CompiledPolicy> compiled = new ArrayList<>();
            for (Policy policy : estate.policies().values()) {
                if (stagesADeletion(policy)) {
                    continue;
                }
                CompiledPolicy valid = index.addPolicy(policy);
                if (valid != null) {
                    compiled.add(valid);
                }
            }
            compiled.sort(index.compiledOrder);
            for (CompiledPolicy policy : compiled) {
                index.forEachMatch(policy.selector(), state -> {
                    if (state.building == null) {
                        state.building = new ArrayList<>();
                    }
                    state.building.add(policy);
                });
                for (RuleMatch rule : policy.ruleMatchers()) {
                    index.forEachMatch(rule.effectiveSelector(), state -> {
                        if (state.buildingRules == null) {
                            state.buildingRules = new ArrayList<>();
                        }
                        state.buildingRules.add(rule);
                    });
                }
            }
            // Rule matches were appended policy by policy, but a policy's rules in selector-by-selector
            // order, which is the rule-match order already; only policies interleave, in enforcement order.
            for (EndpointState state : index.endpoints.values()) {
                state.result = new EndpointMatch(state.endpoint, state.labels,
                        state.building == null ? List.of() : state.building, state.endpoint.profiles(),
                        state.buildingRules == null ? List.of() : state.buildingRules,
                        state.building == null ? Map.of() : index.tiersOf(state.building));
                state.building = null;
                state.buildingRules = null;
            }
            return index;
        }
    }
}
