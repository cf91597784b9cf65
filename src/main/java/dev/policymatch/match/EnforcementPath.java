package dev.policymatch.match;

import dev.policymatch.model.DefaultAction;
import dev.policymatch.model.HostEndpoint;
import dev.policymatch.model.Policy;
import dev.policymatch.model.PolicyType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where traffic of one direction goes through the policies of one endpoint, as Felix programs it: the stages
 * (untracked, pre-DNAT, normal, forwarded), in each the tiers that have a policy governing the direction and
 * what happens at each tier's end, then the profiles, and where traffic that no policy decides ends.
 *
 * <p>Felix's rules, followed here:
 * <ul>
 *   <li>A policy governs a direction by its {@code types} ({@code felix/calc/policy_sorter.go}
 *       {@code GovernsIngress}/{@code GovernsEgress}; the model defaults empty types as Calico does).</li>
 *   <li>Its stage: {@code doNotTrack} → untracked; else {@code preDNAT} → pre-DNAT, ingress only; else normal,
 *       and forwarded too when {@code applyOnForward}. A tier takes part in a stage and direction only when it
 *       has a policy there ({@code felix/calc/event_sequencer.go} {@code tierInfoToProtoTierInfo},
 *       {@code addPolicyToTierInfo}).</li>
 *   <li>Workload endpoints get only the normal tiers ({@code ModelWorkloadEndpointToProto}); host endpoints all
 *       four ({@code ModelHostEndpointToProto}). Felix ignores untracked policy on a host endpoint with
 *       {@code interfaceName: "*"} ({@code felix/dataplane/linux/endpoint_mgr.go}, "DoNotTrack policy is not
 *       supported for a HEP with `interfaceName: *`").</li>
 *   <li>End of tier ({@code felix/rules/endpoints.go} {@code endpointIptablesChain}): in the normal and forward
 *       chains a tier with a non-staged policy drops what no policy decided unless its default action is
 *       {@code Pass}; a tier of staged policies only has no end-of-tier action; the untracked and pre-DNAT
 *       chains never drop at a tier's end (their tiers are given {@code Pass}), so traffic goes on to the next
 *       stage.</li>
 *   <li>After the normal tiers, the profiles in the endpoint's order; if none accepts, the packet is dropped.
 *       The forward chain has no profiles; with no forward tier at all, forwarded traffic is allowed.</li>
 * </ul>
 * This is the iptables/nftables dataplane's chain layout; the BPF dataplane was not checked against it.
 *
 * @param stages       in the order traffic meets them; see {@link #of} for which are listed
 * @param undecided    where traffic that no policy or profile decides ends in the normal stage
 * @param notGoverning the policies (enforced or staged) that select the endpoint but do not govern this
 *                     direction, in enforcement order
 */
public record EnforcementPath(Direction direction, List<StagePath> stages, Undecided undecided,
        List<CompiledPolicy> notGoverning) {

    public EnforcementPath {
        stages = List.copyOf(stages);
        notGoverning = List.copyOf(notGoverning);
    }

    /** The stages of Felix's chains, in the order a packet meets them. */
    public enum Stage { UNTRACKED, PRE_DNAT, NORMAL, FORWARD }

    /** Whether Felix programs a stage's policies for this endpoint and direction. */
    public enum StageStatus {
        APPLIES,
        /** Only host endpoints have untracked, pre-DNAT and forward chains. */
        NOT_FOR_WORKLOADS,
        /** Pre-DNAT policy is ingress only; Felix does not program its egress side. */
        NOT_FOR_EGRESS,
        /** Untracked policy on a host endpoint with {@code interfaceName: "*"}: Felix ignores it. */
        IGNORED_ON_ALL_INTERFACES
    }

    /** What happens to traffic that reaches a tier's end with no policy of the tier deciding it. */
    public enum EndOfTier {
        /** Dropped: the tier has an enforced policy for the direction and its default action is not Pass. */
        DENY,
        /** On to the next tier (the tier's default action is Pass). */
        PASS,
        /** Untracked and pre-DNAT tiers: on to the next stage. */
        NEXT_STAGE,
        /** Every policy of the tier here is staged: Felix renders no end-of-tier action. */
        NONE
    }

    /** Where undecided traffic of the normal stage ends. */
    public enum UndecidedAction {
        /** Dropped at the end of {@link Undecided#tier()}. */
        DENY_AT_END_OF_TIER,
        /** Left to the endpoint's profiles. */
        PROFILES,
        /** No tier drops it and the endpoint lists no profile: dropped. */
        DENY_NO_PROFILE
    }

    /** @param tier the tier at whose end traffic is dropped; null unless {@link UndecidedAction#DENY_AT_END_OF_TIER} */
    public record Undecided(UndecidedAction action, EffectiveTier tier) {
    }

    /**
     * One stage.
     *
     * @param tiers    the tiers with a policy of this stage governing the direction, in enforcement order
     * @param profiles the endpoint's profiles, in its order; empty except in the normal stage
     */
    public record StagePath(Stage stage, StageStatus status, List<TierPath> tiers, List<String> profiles) {
        public StagePath {
            tiers = List.copyOf(tiers);
            profiles = List.copyOf(profiles);
        }
    }

    /** @param policies the tier's policies of this stage and direction, enforced and staged, in order */
    public record TierPath(EffectiveTier tier, List<CompiledPolicy> policies, EndOfTier end) {
        public TierPath {
            policies = List.copyOf(policies);
        }
    }

    /**
     * The path of one direction. Listed stages: every stage that applies to the endpoint (the normal stage
     * always; a host endpoint's untracked, pre-DNAT (ingress) and forward stages, empty or not), and any other
     * stage that a policy selecting the endpoint is in, with the status that says why Felix does not apply it.
     */
    public static EnforcementPath of(EndpointMatch match, Direction direction) {
        return paths(match, direction)[0];
    }

    /** The paths of both directions, in one walk over the endpoint's policies: ingress, then egress. */
    public static List<EnforcementPath> ofBothDirections(EndpointMatch match) {
        return List.of(paths(match, Direction.INBOUND, Direction.OUTBOUND));
    }

    private static EnforcementPath[] paths(EndpointMatch match, Direction... directions) {
        PathBuilder[] builders = new PathBuilder[directions.length];
        for (int i = 0; i < directions.length; i++) {
            builders[i] = new PathBuilder(directions[i]);
        }
        for (CompiledPolicy compiled : match.compiledPolicies()) {
            Policy policy = compiled.policy();
            List<Stage> stages = stagesOf(policy);
            for (PathBuilder builder : builders) {
                builder.add(compiled, policy, stages);
            }
        }
        EnforcementPath[] paths = new EnforcementPath[directions.length];
        for (int i = 0; i < directions.length; i++) {
            paths[i] = builders[i].build(match);
        }
        return paths;
    }

    /** One direction's policies sorted into stages and tiers as the walk meets them. */
    private static final class PathBuilder {
        private final Direction direction;
        private final PolicyType governed;
        private final Map<Stage, Map<String, List<CompiledPolicy>>> byStage = new EnumMap<>(Stage.class);
        private final List<CompiledPolicy> notGoverning = new ArrayList<>();

        PathBuilder(Direction direction) {
            this.direction = direction;
            this.governed = direction == Direction.INBOUND ? PolicyType.INGRESS : PolicyType.EGRESS;
        }

        void add(CompiledPolicy compiled, Policy policy, List<Stage> stages) {
            if (!policy.types().contains(governed)) {
                notGoverning.add(compiled);
                return;
            }
            for (Stage stage : stages) {
                byStage.computeIfAbsent(stage, s -> new LinkedHashMap<>())
                        .computeIfAbsent(policy.tier(), t -> new ArrayList<>()).add(compiled);
            }
        }

        EnforcementPath build(EndpointMatch match) {
            List<StagePath> stages = new ArrayList<>();
            for (Stage stage : Stage.values()) {
                StageStatus status = status(match, stage, direction);
                Map<String, List<CompiledPolicy>> tiers = byStage.getOrDefault(stage, Map.of());
                if (status == null || status != StageStatus.APPLIES && tiers.isEmpty()) {
                    continue;
                }
                List<TierPath> tierPaths = new ArrayList<>();
                tiers.forEach((tier, policies) -> tierPaths.add(tierPath(match.tiers().get(tier), stage, policies)));
                stages.add(new StagePath(stage, status, tierPaths,
                        stage == Stage.NORMAL ? match.profiles() : List.of()));
            }
            return new EnforcementPath(direction, stages, undecided(stages, match.profiles()), notGoverning);
        }
    }

    /** The stage of the normal chain (always listed). */
    public StagePath normal() {
        return stages.stream().filter(stage -> stage.stage() == Stage.NORMAL).findFirst().orElseThrow();
    }

    private static final List<Stage> UNTRACKED_ONLY = List.of(Stage.UNTRACKED);
    private static final List<Stage> PRE_DNAT_ONLY = List.of(Stage.PRE_DNAT);
    private static final List<Stage> NORMAL_ONLY = List.of(Stage.NORMAL);
    private static final List<Stage> NORMAL_AND_FORWARD = List.of(Stage.NORMAL, Stage.FORWARD);

    private static List<Stage> stagesOf(Policy policy) {
        if (policy.doNotTrack()) {
            return UNTRACKED_ONLY;
        }
        if (policy.preDNAT()) {
            return PRE_DNAT_ONLY;
        }
        return policy.applyOnForward() ? NORMAL_AND_FORWARD : NORMAL_ONLY;
    }

    /** How a stage stands for this endpoint and direction; null for a stage that is not listed even with policies. */
    private static StageStatus status(EndpointMatch match, Stage stage, Direction direction) {
        if (stage == Stage.NORMAL) {
            return StageStatus.APPLIES;
        }
        if (!(match.endpoint() instanceof HostEndpoint host)) {
            // A workload's forward stage would only repeat its normal policies: not listed at all.
            return stage == Stage.FORWARD ? null : StageStatus.NOT_FOR_WORKLOADS;
        }
        if (stage == Stage.PRE_DNAT && direction == Direction.OUTBOUND) {
            return StageStatus.NOT_FOR_EGRESS;
        }
        if (stage == Stage.UNTRACKED && HostEndpoint.ALL_INTERFACES.equals(host.interfaceName())) {
            return StageStatus.IGNORED_ON_ALL_INTERFACES;
        }
        return StageStatus.APPLIES;
    }

    private static TierPath tierPath(EffectiveTier tier, Stage stage, List<CompiledPolicy> policies) {
        if (stage == Stage.UNTRACKED || stage == Stage.PRE_DNAT) {
            return new TierPath(tier, policies, EndOfTier.NEXT_STAGE);
        }
        boolean enforced = policies.stream().anyMatch(compiled -> !compiled.policy().isStaged());
        EndOfTier end = !enforced ? EndOfTier.NONE
                : tier.defaultAction() == DefaultAction.PASS ? EndOfTier.PASS : EndOfTier.DENY;
        return new TierPath(tier, policies, end);
    }

    private static Undecided undecided(List<StagePath> stages, List<String> profiles) {
        StagePath normal = stages.stream().filter(stage -> stage.stage() == Stage.NORMAL).findFirst().orElseThrow();
        for (TierPath tier : normal.tiers()) {
            if (tier.end() == EndOfTier.DENY) {
                return new Undecided(UndecidedAction.DENY_AT_END_OF_TIER, tier.tier());
            }
        }
        return new Undecided(profiles.isEmpty() ? UndecidedAction.DENY_NO_PROFILE : UndecidedAction.PROFILES, null);
    }
}
