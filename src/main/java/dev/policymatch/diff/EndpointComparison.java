package dev.policymatch.diff;

import dev.policymatch.match.CompiledPolicy;
import dev.policymatch.match.Direction;
import dev.policymatch.match.EndpointMatch;
import dev.policymatch.match.EnforcementPath;
import dev.policymatch.match.EnforcementPath.Undecided;
import dev.policymatch.match.PolicyKey;
import dev.policymatch.match.RuleMatch;
import dev.policymatch.match.RuleSide;
import dev.policymatch.model.Endpoint;
import dev.policymatch.model.Policy;
import dev.policymatch.model.Profile;
import dev.policymatch.validation.ResourceValidator;
import dev.policymatch.validation.Violation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * {@link EndpointChange} from an endpoint's results on the two sides: one code path for the incremental diff and
 * the full one, so they agree whenever the index does.
 */
final class EndpointComparison {

    private static final Comparator<PolicyChange> BY_POSITION = Comparator
            .comparingInt((PolicyChange change) -> change.delta() == Delta.LOST ? change.basePosition()
                    : change.headPosition())
            .thenComparing(change -> change.delta() != Delta.LOST);

    /** A rule match's identity: an edit of its policy that leaves the rule's selector alone is no change of it. */
    private record RuleId(PolicyKey policy, Direction direction, int rule, RuleSide side, String selector) {
        static RuleId of(RuleMatch match) {
            return new RuleId(PolicyKey.of(match.policy()), match.direction(), match.ruleNumber(), match.side(),
                    match.selector());
        }
    }

    private EndpointComparison() {
    }

    /**
     * @param before the base's result; null when the endpoint is new
     * @param after  the head's result; null when it is gone
     */
    static EndpointChange of(EndpointMatch before, EndpointMatch after, ChangeSet changes,
            ResourceValidator validator) {
        EndpointMatch any = after != null ? after : before;
        Endpoint endpoint = any.endpoint();
        EndpointChange.Change change = before == null ? EndpointChange.Change.ADDED
                : after == null ? EndpointChange.Change.REMOVED : EndpointChange.Change.CHANGED;
        Flip matched = new Flip(before == null ? null : before.isMatched(), after == null ? null : after.isMatched());
        Flip valid = null;
        List<Violation> headViolations = List.of();
        // Validity is the endpoint resource's own: it can only change when the resource does.
        if (before == null || after == null || !before.endpoint().equals(after.endpoint())) {
            headViolations = after == null ? List.of() : validator.validate(after.endpoint());
            valid = new Flip(before == null ? null : validator.validate(before.endpoint()).isEmpty(),
                    after == null ? null : headViolations.isEmpty());
        }
        return new EndpointChange(change, any.key(), endpoint.node(), endpoint.namespace(), matched, valid,
                headViolations, policies(before, after), profiles(before, after, changes), ruleMatches(before, after),
                labels(before, after), directions(before, after), endpointFields(before, after));
    }

    /**
     * Policies by identity: the results of an incremental diff share every compiled policy a change did not touch,
     * so most are matched by instance and only the others by key (a policy change that names thousands of
     * endpoints would otherwise spend its time hashing keys).
     */
    private static List<PolicyChange> policies(EndpointMatch before, EndpointMatch after) {
        List<CompiledPolicy> allBase = before == null ? List.of() : before.compiledPolicies();
        List<CompiledPolicy> allHead = after == null ? List.of() : after.compiledPolicies();
        // The shared ends hold no change and keep their ranks (a policy is listed once), so only the window
        // between them is compared; positions are then shifted back by the prefix.
        Window window = Window.of(allBase, allHead);
        List<CompiledPolicy> base = window.middle(allBase);
        List<CompiledPolicy> head = window.middle(allHead);
        Map<CompiledPolicy, Integer> basePositions = positions(base);
        Map<CompiledPolicy, Integer> headPositions = positions(head);
        Map<PolicyKey, Integer> baseOnly = unshared(base, headPositions);
        Map<PolicyKey, Integer> headOnly = unshared(head, basePositions);
        // Ranks among the policies both sides list: an insertion before a policy does not move it.
        Map<CompiledPolicy, Integer> sharedRanks = new IdentityHashMap<>(base.size());
        Map<PolicyKey, Integer> keyedRanks = new HashMap<>();
        int rank = 0;
        for (CompiledPolicy compiled : base) {
            if (headPositions.containsKey(compiled)) {
                sharedRanks.put(compiled, rank++);
            } else if (headOnly.containsKey(compiled.key())) {
                keyedRanks.put(compiled.key(), rank++);
            }
        }
        List<PolicyChange> changes = new ArrayList<>();
        rank = 0;
        for (int i = 0; i < head.size(); i++) {
            CompiledPolicy compiled = head.get(i);
            Integer basePosition = basePositions.get(compiled);
            if (basePosition != null) {
                if (sharedRanks.get(compiled) != rank++) {
                    changes.add(new PolicyChange(Delta.MOVED, compiled, basePosition, i + 1, List.of()));
                }
                continue;
            }
            basePosition = baseOnly.get(compiled.key());
            if (basePosition == null) {
                changes.add(new PolicyChange(Delta.GAINED, compiled, null, i + 1, List.of()));
                continue;
            }
            Policy old = base.get(basePosition - 1).policy();
            if (!old.equals(compiled.policy())) {
                changes.add(new PolicyChange(Delta.MODIFIED, compiled, basePosition, i + 1,
                        RecordFields.changed(old, compiled.policy())));
            } else if (keyedRanks.get(compiled.key()) != rank) {
                changes.add(new PolicyChange(Delta.MOVED, compiled, basePosition, i + 1, List.of()));
            }
            rank++;
        }
        baseOnly.forEach((key, position) -> {
            if (!headOnly.containsKey(key)) {
                changes.add(new PolicyChange(Delta.LOST, base.get(position - 1), position, null, List.of()));
            }
        });
        changes.sort(BY_POSITION);
        if (window.prefix() > 0) {
            changes.replaceAll(change -> new PolicyChange(change.delta(), change.policy(),
                    shift(change.basePosition(), window.prefix()), shift(change.headPosition(), window.prefix()),
                    change.fields()));
        }
        return changes;
    }

    private static Integer shift(Integer position, int by) {
        return position == null ? null : position + by;
    }

    /** The entries of two lists between the longest prefix and suffix they share, instance for instance. */
    private record Window(int prefix, int suffix) {
        static <T> Window of(List<T> a, List<T> b) {
            int shorter = Math.min(a.size(), b.size());
            int prefix = 0;
            while (prefix < shorter && a.get(prefix) == b.get(prefix)) {
                prefix++;
            }
            int suffix = 0;
            while (suffix < shorter - prefix && a.get(a.size() - 1 - suffix) == b.get(b.size() - 1 - suffix)) {
                suffix++;
            }
            return new Window(prefix, suffix);
        }

        <T> List<T> middle(List<T> list) {
            return list.subList(prefix, list.size() - suffix);
        }
    }

    /** 1-based positions by instance. */
    private static Map<CompiledPolicy, Integer> positions(List<CompiledPolicy> policies) {
        Map<CompiledPolicy, Integer> positions = new IdentityHashMap<>(policies.size() * 2);
        for (int i = 0; i < policies.size(); i++) {
            positions.put(policies.get(i), i + 1);
        }
        return positions;
    }

    /** The 1-based positions, by key, of the policies the other side does not hold as the same instance. */
    private static Map<PolicyKey, Integer> unshared(List<CompiledPolicy> policies, Map<CompiledPolicy, Integer> other) {
        Map<PolicyKey, Integer> unshared = new HashMap<>();
        for (int i = 0; i < policies.size(); i++) {
            if (!other.containsKey(policies.get(i))) {
                unshared.put(policies.get(i).key(), i + 1);
            }
        }
        return unshared;
    }

    private static List<ProfileChange> profiles(EndpointMatch before, EndpointMatch after, ChangeSet changes) {
        List<String> base = before == null ? List.of() : before.profiles();
        List<String> head = after == null ? List.of() : after.profiles();
        List<ProfileChange> result = new ArrayList<>();
        for (String name : base) {
            if (!head.contains(name)) {
                result.add(new ProfileChange(Delta.LOST, name, List.of()));
            }
        }
        Changes<String, Profile> profiles = changes.profiles();
        for (String name : head) {
            if (!base.contains(name)) {
                result.add(new ProfileChange(Delta.GAINED, name, List.of()));
            } else if (profiles.modified().containsKey(name)) {
                Changes.Modified<Profile> modified = profiles.modified().get(name);
                result.add(new ProfileChange(Delta.MODIFIED, name,
                        RecordFields.changed(modified.base(), modified.head())));
            } else if (profiles.added().containsKey(name)) {
                result.add(new ProfileChange(Delta.MODIFIED, name, List.of("resource added")));
            } else if (profiles.removed().containsKey(name)) {
                result.add(new ProfileChange(Delta.MODIFIED, name, List.of("resource removed")));
            }
        }
        return result;
    }

    /**
     * Rule matches by identity. Both results share the rule-match objects a change did not touch, so only the
     * others are keyed: a policy change that names thousands of endpoints compares a few entries of each.
     */
    private static List<RuleMatchChange> ruleMatches(EndpointMatch before, EndpointMatch after) {
        List<RuleMatch> allBase = before == null ? List.of() : before.ruleMatches();
        List<RuleMatch> allHead = after == null ? List.of() : after.ruleMatches();
        Window window = Window.of(allBase, allHead);
        List<RuleMatch> base = window.middle(allBase);
        List<RuleMatch> head = window.middle(allHead);
        Set<RuleMatch> inBase = Collections.newSetFromMap(new IdentityHashMap<>(base.size() * 2));
        inBase.addAll(base);
        Set<RuleMatch> inHead = Collections.newSetFromMap(new IdentityHashMap<>(head.size() * 2));
        inHead.addAll(head);
        Map<RuleId, RuleMatch> baseOnly = rulesById(base, inHead);
        Map<RuleId, RuleMatch> headOnly = rulesById(head, inBase);
        List<RuleMatchChange> result = new ArrayList<>();
        baseOnly.forEach((id, rule) -> {
            if (!headOnly.containsKey(id)) {
                result.add(new RuleMatchChange(Delta.LOST, rule));
            }
        });
        headOnly.forEach((id, rule) -> {
            if (!baseOnly.containsKey(id)) {
                result.add(new RuleMatchChange(Delta.GAINED, rule));
            }
        });
        return result;
    }

    /** The rules not among {@code shared}, by identity, in order. */
    private static Map<RuleId, RuleMatch> rulesById(List<RuleMatch> rules, Set<RuleMatch> shared) {
        Map<RuleId, RuleMatch> byId = new LinkedHashMap<>();
        for (RuleMatch rule : rules) {
            if (!shared.contains(rule)) {
                byId.putIfAbsent(RuleId.of(rule), rule);
            }
        }
        return byId;
    }

    private static List<LabelChange> labels(EndpointMatch before, EndpointMatch after) {
        SortedMap<String, String> base = before == null ? Collections.emptySortedMap() : before.effectiveLabels();
        SortedMap<String, String> head = after == null ? Collections.emptySortedMap() : after.effectiveLabels();
        TreeSet<String> keys = new TreeSet<>(base.keySet());
        keys.addAll(head.keySet());
        List<LabelChange> result = new ArrayList<>();
        for (String key : keys) {
            String old = base.get(key);
            String now = head.get(key);
            if (old == null) {
                result.add(new LabelChange(LabelChange.Kind.ADDED, key, null, now));
            } else if (now == null) {
                result.add(new LabelChange(LabelChange.Kind.REMOVED, key, old, null));
            } else if (!old.equals(now)) {
                result.add(new LabelChange(LabelChange.Kind.CHANGED, key, old, now));
            }
        }
        return result;
    }

    private static List<DirectionChange> directions(EndpointMatch before, EndpointMatch after) {
        if (before != null && after != null && sameStages(before, after)) {
            return List.of();
        }
        List<DirectionChange> result = new ArrayList<>();
        List<EnforcementPath> basePaths = before == null ? null : EnforcementPath.ofBothDirections(before);
        List<EnforcementPath> headPaths = after == null ? null : EnforcementPath.ofBothDirections(after);
        for (Direction direction : Direction.values()) {
            EnforcementPath base = basePaths == null ? null : basePaths.get(direction.ordinal());
            EnforcementPath head = headPaths == null ? null : headPaths.get(direction.ordinal());
            List<String> baseTiers = tiers(base);
            List<String> headTiers = tiers(head);
            Undecided baseUndecided = base == null ? null : base.undecided();
            Undecided headUndecided = head == null ? null : head.undecided();
            if (!Objects.equals(baseTiers, headTiers) || !sameEnd(baseUndecided, headUndecided)) {
                result.add(new DirectionChange(direction, baseTiers, headTiers, baseUndecided, headUndecided));
            }
        }
        return result;
    }

    /**
     * Whether both results give the same paths for what {@link EnforcementPath} reads: the same tiers and whether
     * profiles are listed, and policy by policy the same tier, types, stage flags and staging (a policy whose
     * selector or rules alone changed leaves the paths as they were). Cheaper than building four paths.
     */
    private static boolean sameStages(EndpointMatch before, EndpointMatch after) {
        List<CompiledPolicy> base = before.compiledPolicies();
        List<CompiledPolicy> head = after.compiledPolicies();
        if (base.size() != head.size() || before.profiles().isEmpty() != after.profiles().isEmpty()
                || !before.tiers().equals(after.tiers())
                || before.endpoint() != after.endpoint() && !before.endpoint().equals(after.endpoint())) {
            return false;
        }
        for (int i = 0; i < base.size(); i++) {
            Policy a = base.get(i).policy();
            Policy b = head.get(i).policy();
            if (a != b && !(a.tier().equals(b.tier()) && a.types().equals(b.types()) && a.doNotTrack() == b.doNotTrack()
                    && a.preDNAT() == b.preDNAT() && a.applyOnForward() == b.applyOnForward()
                    && a.isStaged() == b.isStaged())) {
                return false;
            }
        }
        return true;
    }

    private static List<String> tiers(EnforcementPath path) {
        return path == null ? null : path.normal().tiers().stream().map(tier -> tier.tier().name()).toList();
    }

    /** Undecided traffic ends alike: same action at the same tier (a tier's new order alone is no difference). */
    private static boolean sameEnd(Undecided a, Undecided b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.action() == b.action() && Objects.equals(a.tier() == null ? null : a.tier().name(),
                b.tier() == null ? null : b.tier().name());
    }

    private static List<String> endpointFields(EndpointMatch before, EndpointMatch after) {
        if (before == null || after == null || before.endpoint().equals(after.endpoint())) {
            return List.of();
        }
        List<String> fields = new ArrayList<>(RecordFields.changed((Record) before.endpoint(), (Record) after.endpoint()));
        fields.removeAll(List.of("labels", "profiles"));
        return fields;
    }
}
