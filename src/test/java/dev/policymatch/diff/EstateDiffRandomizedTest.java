package dev.policymatch.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.policymatch.match.Estate;
import dev.policymatch.match.RandomEstates;
import dev.policymatch.model.DefaultAction;
import dev.policymatch.model.Endpoint;
import dev.policymatch.model.Policy;
import dev.policymatch.model.PolicyKind;
import dev.policymatch.model.Profile;
import dev.policymatch.model.Rule;
import dev.policymatch.model.StagedAction;
import dev.policymatch.model.Tier;
import dev.policymatch.validation.ResourceValidator;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The guard of the incremental diff: for random estates and random changes, {@link EstateDiff#compute} (the base's
 * index updated to the head, only reported endpoints compared) equals {@link EstateDiff#computeFully} (two builds,
 * every endpoint compared), and it does not hold by accident: the runs see every kind of difference.
 */
class EstateDiffRandomizedTest {
    private static final ResourceValidator VALIDATOR = new ResourceValidator();
    private static final SideDescription SIDE = new SideDescription(SideDescription.MANIFESTS, List.of(), null);

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42, 1234})
    void incrementalEqualsFull(long seed) {
        Random random = new Random(seed);
        Coverage seen = new Coverage();
        for (int run = 0; run < 300; run++) {
            Estate base = estate(random);
            Estate head = change(random, base, 1 + random.nextInt(5));
            DiffSide baseSide = new DiffSide(base, Map.of(), SIDE);
            DiffSide headSide = new DiffSide(head, Map.of(), SIDE);

            EstateDiff incremental = EstateDiff.compute(baseSide, headSide, VALIDATOR);
            EstateDiff full = EstateDiff.computeFully(baseSide, headSide, VALIDATOR);

            assertThat(incremental).as("run %d:%nbase %s%nhead %s", run, base, head).isEqualTo(full);
            seen.add(full);
            assertThat(EstateDiff.compute(baseSide, baseSide, VALIDATOR).isEmpty()).as("a side against itself").isTrue();
        }
        assertThat(seen.deltas).as("kinds of policy, profile and rule-match differences seen")
                .containsExactlyInAnyOrder(Delta.values());
        assertThat(seen.endpointKinds).containsExactlyInAnyOrder(EndpointChange.Change.values());
        assertThat(seen.labels).isPositive();
        assertThat(seen.directions).isPositive();
        assertThat(seen.unmatched).isPositive();
    }

    private static final class Coverage {
        final Set<Delta> deltas = EnumSet.noneOf(Delta.class);
        final Set<EndpointChange.Change> endpointKinds = EnumSet.noneOf(EndpointChange.Change.class);
        int labels;
        int directions;
        int unmatched;

        void add(EstateDiff diff) {
            for (EndpointChange change : diff.endpoints()) {
                endpointKinds.add(change.change());
                change.policies().forEach(policy -> deltas.add(policy.delta()));
                change.profiles().forEach(profile -> deltas.add(profile.delta()));
                change.ruleMatches().forEach(rule -> deltas.add(rule.delta()));
                labels += change.labels().size();
                directions += change.directions().size();
            }
            unmatched += diff.summary().becameUnmatched();
        }
    }

    private static Estate estate(Random random) {
        Estate.Collector estate = new Estate.Collector();
        for (int i = 0; i < 12; i++) {
            estate.endpoint(RandomEstates.endpoint(random));
        }
        for (int i = 0; i < 10; i++) {
            estate.policy(policy(random));
        }
        for (int i = 0; i < 3; i++) {
            estate.profile(profile(random));
            estate.tier(tier(random));
        }
        return estate.build();
    }

    /** The base with {@code count} random upserts and removals of any type. */
    private static Estate change(Random random, Estate base, int count) {
        Estate.Collector head = new Estate.Collector().estate(base);
        List<Object> removed = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            switch (random.nextInt(9)) {
                case 0 -> head.endpoint(RandomEstates.endpoint(random));
                case 1 -> base.endpoints().values().stream().skip(random.nextInt(base.endpoints().size())).findFirst()
                        .ifPresent(endpoint -> head.endpoint(RandomEstates.relabel(random, endpoint)));
                case 2 -> base.endpoints().keySet().stream().skip(random.nextInt(base.endpoints().size()))
                        .findFirst().ifPresent(removed::add);
                case 3, 4 -> head.policy(policy(random));
                case 5 -> base.policies().keySet().stream().findFirst().ifPresent(removed::add);
                case 6 -> head.profile(profile(random));
                case 7 -> head.tier(tier(random));
                default -> base.tiers().keySet().stream().findFirst().ifPresent(removed::add);
            }
        }
        Estate collected = head.build();
        Estate.Collector result = new Estate.Collector();
        collected.endpoints().forEach((key, endpoint) -> keep(removed, key, () -> result.endpoint(endpoint)));
        collected.policies().forEach((key, policy) -> keep(removed, key, () -> result.policy(policy)));
        collected.profiles().values().forEach(result::profile);
        collected.tiers().forEach((name, tier) -> keep(removed, name, () -> result.tier(tier)));
        return result.build();
    }

    private static void keep(List<Object> removed, Object key, Runnable add) {
        if (!removed.contains(key)) {
            add.run();
        }
    }

    /** Now and then staged, so that a staged policy is gained or lost without changing whether an endpoint is matched. */
    private static Policy policy(Random random) {
        Policy policy = RandomEstates.policy(random);
        if (random.nextInt(5) > 0) {
            return policy;
        }
        PolicyKind kind = policy.isNamespaced() ? PolicyKind.STAGED_NETWORK_POLICY : PolicyKind.STAGED_GLOBAL_NETWORK_POLICY;
        return new Policy(policy.name(), policy.namespace(), policy.tier(), policy.order(), policy.selector(),
                policy.types(), policy.ingress(), policy.egress(), false, false, false, policy.namespaceSelector(),
                policy.serviceAccountSelector(), kind, random.nextInt(4) == 0 ? StagedAction.DELETE : StagedAction.SET);
    }

    /** Sometimes with rules, so that a change of a profile's rules alone is seen. */
    private static Profile profile(Random random) {
        Profile profile = RandomEstates.profile(random);
        List<Rule> ingress = random.nextBoolean() ? List.of(new Rule(random.nextBoolean() ? "Allow" : "Deny", null,
                null, null)) : List.of();
        return new Profile(profile.name(), profile.labelsToApply(), ingress, List.of());
    }

    private static Tier tier(Random random) {
        String[] named = RandomEstates.TIERS;
        return new Tier(named[random.nextInt(named.length - 1)],
                RandomEstates.ORDERS[random.nextInt(RandomEstates.ORDERS.length)],
                random.nextBoolean() ? DefaultAction.DENY : DefaultAction.PASS);
    }
}
