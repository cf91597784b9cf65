package dev.policymatch.match;

import dev.policymatch.model.Endpoint;
import dev.policymatch.model.EndpointKey;
import dev.policymatch.model.Policy;
import dev.policymatch.model.Profile;
import dev.policymatch.model.Tier;
import dev.policymatch.selector.Selector;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

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
 * selectors for an endpoint through the reverse index; a profile change touches only endpoints listing the
 * profile, a tier change only re-sorts endpoints with a policy (or rule match) in that tier.
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
    private final Map<PolicyKey, Set<EndpointState>> policyEndpoints = new HashMap<>();
    private final Map<String, Set<PolicyKey>> tierPolicies = new HashMap<>();
    private final Map<String, Profile> profiles = new HashMap<>();
    private final Map<String, Set<EndpointState>> profileUsers = new HashMap<>();
    private final Map<String, Tier> tiers = new HashMap<>();
    private final LabelIndex<EndpointState> labelIndex = new LabelIndex<>();
    private final SelectorIndex<Matcher> selectorIndex = new SelectorIndex<>();
    private final EnforcementOrder order = new EnforcementOrder(tiers);

    /** One selector of a compiled policy: its applies-to selector ({@code rule < 0}) or a rule selector. */
    private record Matcher(CompiledPolicy owner, int rule) {
        Selector selector() {
            return rule < 0 ? owner.selector() : owner.ruleMatchers().get(rule).effectiveSelector();
        }
    }

    /** What one policy does to one endpoint: applies to it, and which of its rule selectors match it. */
    private static final class Hits {
        final CompiledPolicy policy;
        boolean applied;
        final BitSet rules = new BitSet();

        Hits(CompiledPolicy policy) {
            this.policy = policy;
        }
    }

    private static final class EndpointState {
        Endpoint endpoint;
        EffectiveLabels lookup;
        SortedMap<String, String> labels;
        final Map<PolicyKey, Hits> hits = new HashMap<>();
        EndpointMatch result;
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
            endpoints.put(endpoint.key(), state);
        } else {
            unindexEndpoint(state);
        }
        state.endpoint = endpoint;
        indexEndpoint(state);
        evaluate(state);
        return refresh(List.of(state));
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
     * Adds or replaces a policy (identified by {@link PolicyKey#of(Policy)}). A policy whose selectors do
     * not parse replaces the old version too, but applies nowhere and is listed in
     * {@link #invalidPolicies()}.
     */
    public synchronized Set<EndpointKey> upsertPolicy(Policy policy) {
        PolicyKey key = PolicyKey.of(policy);
        CompiledPolicy current = policies.get(key);
        if (current != null && current.policy().equals(policy) || policy.equals(invalidResources.get(key))) {
            return Set.of();
        }
        Set<EndpointState> affected = new HashSet<>(dropPolicy(key));
        addPolicy(policy, affected);
        return refresh(affected);
    }

    public synchronized Set<EndpointKey> removePolicy(PolicyKey key) {
        return refresh(dropPolicy(key));
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
        return tier.equals(old) ? Set.of() : refresh(statesInTier(tier.name()));
    }

    public synchronized Set<EndpointKey> removeTier(String name) {
        return tiers.remove(name) == null ? Set.of() : refresh(statesInTier(name));
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

    /** Every endpoint, sorted by key. */
    public synchronized List<Endpoint> endpoints() {
        return sortedStates().stream().map(state -> state.endpoint).toList();
    }

    /** The endpoints whose effective labels a selector matches, sorted by key ({@code calicoq eval}). */
    public synchronized List<Endpoint> endpointsMatching(Selector selector) {
        List<Endpoint> matching = new ArrayList<>();
        for (Collection<EndpointState> group : labelIndex.candidates(selector.labelRestrictions())) {
            for (EndpointState state : group) {
                if (selector.matches(state.lookup)) {
                    matching.add(state.endpoint);
                }
            }
        }
        matching.sort((a, b) -> a.key().compareTo(b.key()));
        return matching;
    }

    /** A valid policy with the endpoints it applies to and those its rules match ({@code calicoq policy}). */
    public synchronized Optional<PolicyMatch> policy(PolicyKey key) {
        CompiledPolicy compiled = policies.get(key);
        if (compiled == null) {
            return Optional.empty();
        }
        List<Endpoint> appliesTo = new ArrayList<>();
        SortedMap<EndpointKey, List<RuleMatch>> ruleMatches = new TreeMap<>();
        for (EndpointState state : policyEndpoints.getOrDefault(key, Set.of())) {
            Hits hits = state.hits.get(key);
            if (hits.applied) {
                appliesTo.add(state.endpoint);
            }
            if (!hits.rules.isEmpty()) {
                ruleMatches.put(state.endpoint.key(), ruleMatchesOf(hits));
            }
        }
        appliesTo.sort((a, b) -> a.key().compareTo(b.key()));
        return Optional.of(new PolicyMatch(compiled, appliesTo, Collections.unmodifiableSortedMap(ruleMatches)));
    }

    /** The valid policies, in enforcement order. */
    public synchronized List<CompiledPolicy> policies() {
        List<CompiledPolicy> all = new ArrayList<>(policies.values());
        all.sort((a, b) -> order.compare(a.policy(), b.policy()));
        return all;
    }

    /** Policies left out of matching because a selector does not parse: key → what is wrong. */
    public synchronized SortedMap<PolicyKey, String> invalidPolicies() {
        return Collections.unmodifiableSortedMap(new TreeMap<>(invalid));
    }

    /** Whether this policy is known, valid or not; for telling "unknown policy" from "invalid policy". */
    public synchronized boolean containsPolicy(PolicyKey key) {
        return policies.containsKey(key) || invalidResources.containsKey(key);
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
        state.lookup = new EffectiveLabels(state.endpoint, inherited);
        state.labels = state.lookup.toMap();
        labelIndex.add(state, state.labels);
    }

    /** Takes an endpoint out of every index and every policy's endpoint set (its hits are cleared). */
    private void unindexEndpoint(EndpointState state) {
        labelIndex.remove(state, state.labels);
        for (String name : state.endpoint.profiles()) {
            Set<EndpointState> users = profileUsers.get(name);
            if (users != null && users.remove(state) && users.isEmpty()) {
                profileUsers.remove(name);
            }
        }
        for (PolicyKey key : state.hits.keySet()) {
            removeFromPolicy(key, state);
        }
        state.hits.clear();
    }

    private void removeFromPolicy(PolicyKey key, EndpointState state) {
        Set<EndpointState> states = policyEndpoints.get(key);
        if (states != null && states.remove(state) && states.isEmpty()) {
            policyEndpoints.remove(key);
        }
    }

    /** Finds every selector that matches the endpoint, through the selector index. */
    private void evaluate(EndpointState state) {
        selectorIndex.candidates(state.labels, matcher -> {
            if (matcher.selector().matches(state.lookup)) {
                hit(state, matcher);
            }
        });
    }

    private void hit(EndpointState state, Matcher matcher) {
        PolicyKey key = matcher.owner().key();
        Hits hits = state.hits.get(key);
        if (hits == null) {
            hits = new Hits(matcher.owner());
            state.hits.put(key, hits);
            policyEndpoints.computeIfAbsent(key, k -> new HashSet<>()).add(state);
        }
        if (matcher.rule() < 0) {
            hits.applied = true;
        } else {
            hits.rules.set(matcher.rule());
        }
    }

    /** Removes a policy (valid or not) from matching; returns the endpoints it touched. */
    private Set<EndpointState> dropPolicy(PolicyKey key) {
        invalid.remove(key);
        invalidResources.remove(key);
        CompiledPolicy old = policies.remove(key);
        if (old == null) {
            return Set.of();
        }
        for (Matcher matcher : matchers.remove(key)) {
            selectorIndex.remove(matcher);
        }
        Set<PolicyKey> inTier = tierPolicies.get(old.policy().tier());
        if (inTier != null && inTier.remove(key) && inTier.isEmpty()) {
            tierPolicies.remove(old.policy().tier());
        }
        Set<EndpointState> touched = policyEndpoints.remove(key);
        if (touched == null) {
            return Set.of();
        }
        for (EndpointState state : touched) {
            state.hits.remove(key);
        }
        return touched;
    }

    /** Compiles, indexes and evaluates a policy against its candidate endpoints, adding those it hits. */
    private void addPolicy(Policy policy, Set<EndpointState> affected) {
        PolicyKey key = PolicyKey.of(policy);
        CompiledPolicy compiled;
        try {
            compiled = CompiledPolicy.compile(policy);
        } catch (CompiledPolicy.InvalidPolicyException e) {
            invalid.put(key, e.getMessage());
            invalidResources.put(key, policy);
            return;
        }
        policies.put(key, compiled);
        tierPolicies.computeIfAbsent(policy.tier(), t -> new HashSet<>()).add(key);
        List<Matcher> own = new ArrayList<>(1 + compiled.ruleMatchers().size());
        own.add(new Matcher(compiled, -1));
        for (int i = 0; i < compiled.ruleMatchers().size(); i++) {
            own.add(new Matcher(compiled, i));
        }
        matchers.put(key, own);
        for (Matcher matcher : own) {
            Selector selector = matcher.selector();
            selectorIndex.add(matcher, selector.labelRestrictions(), labelIndex);
            for (Collection<EndpointState> group : labelIndex.candidates(selector.labelRestrictions())) {
                for (EndpointState state : group) {
                    if (selector.matches(state.lookup)) {
                        hit(state, matcher);
                        affected.add(state);
                    }
                }
            }
        }
    }

    private Set<EndpointKey> relabelUsers(String profile) {
        Set<EndpointState> users = profileUsers.get(profile);
        if (users == null) {
            return Set.of();
        }
        List<EndpointState> states = new ArrayList<>(users);
        for (EndpointState state : states) {
            unindexEndpoint(state);
            indexEndpoint(state);
            evaluate(state);
        }
        return refresh(states);
    }

    private Set<EndpointState> statesInTier(String tier) {
        Set<EndpointState> states = new HashSet<>();
        for (PolicyKey key : tierPolicies.getOrDefault(tier, Set.of())) {
            states.addAll(policyEndpoints.getOrDefault(key, Set.of()));
        }
        return states;
    }

    /** Recomputes the results of these endpoints; returns the keys of those whose result changed. */
    private Set<EndpointKey> refresh(Collection<EndpointState> states) {
        if (states.isEmpty()) {
            return Set.of();
        }
        Set<EndpointKey> changed = new HashSet<>();
        for (EndpointState state : states) {
            EndpointMatch result = result(state);
            if (!result.equals(state.result)) {
                state.result = result;
                changed.add(state.endpoint.key());
            }
        }
        return Collections.unmodifiableSet(changed);
    }

    private EndpointMatch result(EndpointState state) {
        List<Hits> hits = new ArrayList<>(state.hits.values());
        hits.sort((a, b) -> order.compare(a.policy.policy(), b.policy.policy()));
        List<Policy> applied = new ArrayList<>();
        List<RuleMatch> ruleMatches = new ArrayList<>();
        for (Hits hit : hits) {
            if (hit.applied) {
                applied.add(hit.policy.policy());
            }
            for (int rule = hit.rules.nextSetBit(0); rule >= 0; rule = hit.rules.nextSetBit(rule + 1)) {
                ruleMatches.add(hit.policy.ruleMatchers().get(rule));
            }
        }
        return new EndpointMatch(state.endpoint, state.labels, applied, state.endpoint.profiles(), ruleMatches);
    }

    private static List<RuleMatch> ruleMatchesOf(Hits hits) {
        List<RuleMatch> matches = new ArrayList<>();
        for (int rule = hits.rules.nextSetBit(0); rule >= 0; rule = hits.rules.nextSetBit(rule + 1)) {
            matches.add(hits.policy.ruleMatchers().get(rule));
        }
        return List.copyOf(matches);
    }

    private List<EndpointState> sortedStates() {
        List<EndpointState> states = new ArrayList<>(endpoints.values());
        states.sort((a, b) -> a.endpoint.key().compareTo(b.endpoint.key()));
        return states;
    }

    /**
     * Loads a catalog in one go: endpoints are indexed first, then each policy is evaluated once against
     * its candidate endpoints, then every result is built once. Later resources replace earlier ones with
     * the same identity.
     */
    public static final class Builder {
        private final Map<EndpointKey, Endpoint> endpoints = new HashMap<>();
        private final Map<PolicyKey, Policy> policies = new HashMap<>();
        private final Map<String, Profile> profiles = new HashMap<>();
        private final Map<String, Tier> tiers = new HashMap<>();

        private Builder() {
        }

        public Builder endpoint(Endpoint endpoint) {
            endpoints.put(endpoint.key(), Objects.requireNonNull(endpoint));
            return this;
        }

        public Builder endpoints(Collection<? extends Endpoint> all) {
            all.forEach(this::endpoint);
            return this;
        }

        public Builder policy(Policy policy) {
            policies.put(PolicyKey.of(policy), policy);
            return this;
        }

        public Builder policies(Collection<Policy> all) {
            all.forEach(this::policy);
            return this;
        }

        public Builder profile(Profile profile) {
            profiles.put(profile.name(), profile);
            return this;
        }

        public Builder profiles(Collection<Profile> all) {
            all.forEach(this::profile);
            return this;
        }

        public Builder tier(Tier tier) {
            tiers.put(tier.name(), tier);
            return this;
        }

        public Builder tiers(Collection<Tier> all) {
            all.forEach(this::tier);
            return this;
        }

        public MatchIndex build() {
            MatchIndex index = new MatchIndex();
            index.profiles.putAll(profiles);
            index.tiers.putAll(tiers);
            for (Endpoint endpoint : endpoints.values()) {
                EndpointState state = new EndpointState();
                state.endpoint = endpoint;
                index.endpoints.put(endpoint.key(), state);
                index.indexEndpoint(state);
            }
            Set<EndpointState> ignored = new SinkSet<>();
            for (Policy policy : policies.values()) {
                index.addPolicy(policy, ignored);
            }
            for (EndpointState state : index.endpoints.values()) {
                state.result = index.result(state);
            }
            return index;
        }
    }

    /** A set that forgets what is added: the cold build refreshes every endpoint anyway. */
    private static final class SinkSet<T> extends java.util.AbstractSet<T> {
        @Override
        public boolean add(T element) {
            return false;
        }

        @Override
        public java.util.Iterator<T> iterator() {
            return Collections.emptyIterator();
        }

        @Override
        public int size() {
            return 0;
        }
    }
}
