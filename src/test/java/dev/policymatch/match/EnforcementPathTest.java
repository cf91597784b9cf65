package dev.policymatch.match;

import static dev.policymatch.match.Fixtures.allowFrom;
import static dev.policymatch.match.Fixtures.allowTo;
import static dev.policymatch.match.Fixtures.gnp;
import static dev.policymatch.match.Fixtures.host;
import static dev.policymatch.match.Fixtures.labels;
import static dev.policymatch.match.Fixtures.np;
import static dev.policymatch.match.Fixtures.pod;
import static dev.policymatch.match.Fixtures.tier;
import static org.assertj.core.api.Assertions.assertThat;

import dev.policymatch.match.EnforcementPath.EndOfTier;
import dev.policymatch.match.EnforcementPath.Stage;
import dev.policymatch.match.EnforcementPath.StagePath;
import dev.policymatch.match.EnforcementPath.StageStatus;
import dev.policymatch.match.EnforcementPath.TierPath;
import dev.policymatch.match.EnforcementPath.UndecidedAction;
import dev.policymatch.model.DefaultAction;
import dev.policymatch.model.Endpoint;
import dev.policymatch.model.HostEndpoint;
import dev.policymatch.model.Policy;
import dev.policymatch.model.PolicyKind;
import dev.policymatch.model.PolicyType;
import dev.policymatch.model.Tier;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Felix's chain layout per direction: each case names the Felix code it follows (see {@link EnforcementPath}). */
class EnforcementPathTest {
    static final Endpoint WEB = pod("shop", "web", labels("app", "web"), "kns.shop");
    static final Endpoint BARE = pod("shop", "bare", labels("app", "web"));
    static final HostEndpoint EDGE = host("edge", labels("app", "web"), "edge");
    static final HostEndpoint ALL = new HostEndpoint("all", "node1", new java.util.TreeMap<>(labels("app", "web")),
            HostEndpoint.ALL_INTERFACES, List.of(), List.of(), List.of());
    static final Tier SECURITY = tier("security", 100d, DefaultAction.DENY);
    static final Tier BASELINE = tier("baseline", 200d, DefaultAction.PASS);

    static EnforcementPath path(Endpoint endpoint, Direction direction, List<Tier> tiers, Policy... policies) {
        MatchIndex index = MatchIndex.builder().endpoint(endpoint).tiers(tiers).policies(List.of(policies)).build();
        return EnforcementPath.of(index.match(endpoint.key()).orElseThrow(), direction);
    }

    static List<String> names(TierPath tier) {
        return tier.policies().stream().map(compiled -> compiled.policy().name()).toList();
    }

    @Test
    void aTierWithAnEnforcedPolicyDeniesAtItsEndAndThatIsWhereUndecidedTrafficEnds() {
        EnforcementPath path = path(WEB, Direction.INBOUND, List.of(SECURITY),
                gnp("allow-web").tier("security").selector("app == 'web'").ingress(allowFrom("all()")).build());
        assertThat(path.stages()).extracting(StagePath::stage).containsExactly(Stage.NORMAL);
        TierPath security = path.normal().tiers().get(0);
        assertThat(security.tier().name()).isEqualTo("security");
        assertThat(names(security)).containsExactly("allow-web");
        assertThat(security.end()).isEqualTo(EndOfTier.DENY);
        assertThat(path.normal().profiles()).containsExactly("kns.shop");
        assertThat(path.undecided().action()).isEqualTo(UndecidedAction.DENY_AT_END_OF_TIER);
        assertThat(path.undecided().tier().name()).isEqualTo("security");
    }

    @Test
    void aPassTierSendsUndecidedTrafficOnToTheProfiles() {
        EnforcementPath path = path(WEB, Direction.INBOUND, List.of(BASELINE),
                gnp("baseline-allow").tier("baseline").selector("all()").ingress(allowFrom("all()")).build());
        assertThat(path.normal().tiers()).singleElement().extracting(TierPath::end).isEqualTo(EndOfTier.PASS);
        assertThat(path.undecided()).isEqualTo(new EnforcementPath.Undecided(UndecidedAction.PROFILES, null));
    }

    @Test
    void aPassTierBeforeADenyTierEndsTrafficInTheLaterTier() {
        Tier early = tier("early", 10d, DefaultAction.PASS);
        EnforcementPath path = path(WEB, Direction.INBOUND, List.of(early, SECURITY),
                gnp("a").tier("early").selector("all()").ingress(allowFrom("all()")).build(),
                gnp("b").tier("security").selector("all()").ingress(allowFrom("all()")).build());
        assertThat(path.normal().tiers()).extracting(TierPath::end).containsExactly(EndOfTier.PASS, EndOfTier.DENY);
        assertThat(path.undecided().tier().name()).isEqualTo("security");
    }

    @Test
    void withNeitherADenyingTierNorAProfileTrafficIsDropped() {
        EnforcementPath path = path(BARE, Direction.OUTBOUND, List.of());
        assertThat(path.normal().tiers()).isEmpty();
        assertThat(path.undecided().action()).isEqualTo(UndecidedAction.DENY_NO_PROFILE);
    }

    @Test
    void aTierOfStagedPoliciesOnlyHasNoEndOfTierAction() {
        // felix/rules/endpoints.go: "If all of the policies in a tier are staged then the default end of tier
        // behavior should be pass rather than drop."
        Policy staged = gnp("try").tier("security").selector("all()").ingress(allowFrom("all()"))
                .kind(PolicyKind.STAGED_GLOBAL_NETWORK_POLICY).build();
        EnforcementPath path = path(WEB, Direction.INBOUND, List.of(SECURITY), staged);
        assertThat(path.normal().tiers()).singleElement().extracting(TierPath::end).isEqualTo(EndOfTier.NONE);
        assertThat(path.undecided().action()).isEqualTo(UndecidedAction.PROFILES);

        Policy enforced = gnp("real").tier("security").selector("all()").ingress(allowFrom("all()")).build();
        EnforcementPath mixed = path(WEB, Direction.INBOUND, List.of(SECURITY), staged, enforced);
        assertThat(mixed.normal().tiers()).singleElement().satisfies(tier -> {
            assertThat(tier.end()).isEqualTo(EndOfTier.DENY);
            assertThat(names(tier)).containsExactlyInAnyOrder("try", "real");
        });
    }

    @Test
    void aPolicyGovernsOnlyTheDirectionsOfItsTypes() {
        // The classic trap: an egress-only policy leaves ingress to the profiles.
        Policy egressOnly = gnp("egress").tier("security").selector("all()").egress(allowTo("all()")).build();
        assertThat(egressOnly.types()).containsExactly(PolicyType.EGRESS);
        EnforcementPath inbound = path(WEB, Direction.INBOUND, List.of(SECURITY), egressOnly);
        assertThat(inbound.normal().tiers()).isEmpty();
        assertThat(inbound.notGoverning()).extracting(compiled -> compiled.policy().name()).containsExactly("egress");
        assertThat(inbound.undecided().action()).isEqualTo(UndecidedAction.PROFILES);

        // Types [Ingress, Egress] with egress rules only: ingress is governed and, with no rule, denied.
        Policy both = gnp("both").tier("security").selector("all()").egress(allowTo("all()"))
                .types(PolicyType.INGRESS, PolicyType.EGRESS).build();
        EnforcementPath governed = path(WEB, Direction.INBOUND, List.of(SECURITY), both);
        assertThat(governed.notGoverning()).isEmpty();
        assertThat(governed.undecided().tier().name()).isEqualTo("security");
    }

    @Test
    void aHostEndpointHasUntrackedPreDnatNormalAndForwardStagesInFelixOrder() {
        Policy untracked = gnp("untracked").selector("all()").ingress(allowFrom("all()")).egress(allowTo("all()"))
                .untracked().build();
        Policy preDnat = gnp("pre-dnat").selector("all()").ingress(allowFrom("all()")).preDnat().build();
        Policy forwarded = gnp("forwarded").selector("all()").ingress(allowFrom("all()")).applyOnForward().build();
        EnforcementPath inbound = path(EDGE, Direction.INBOUND, List.of(), untracked, preDnat, forwarded);
        assertThat(inbound.stages()).extracting(StagePath::stage)
                .containsExactly(Stage.UNTRACKED, Stage.PRE_DNAT, Stage.NORMAL, Stage.FORWARD);
        assertThat(inbound.stages()).extracting(StagePath::status).containsOnly(StageStatus.APPLIES);
        assertThat(inbound.stages().get(0).tiers()).singleElement().satisfies(tier -> {
            assertThat(names(tier)).containsExactly("untracked");
            assertThat(tier.end()).isEqualTo(EndOfTier.NEXT_STAGE);
            assertThat(tier.tier().source()).isEqualTo(EffectiveTier.Source.BUILT_IN);
        });
        assertThat(names(inbound.stages().get(1).tiers().get(0))).containsExactly("pre-dnat");
        assertThat(names(inbound.normal().tiers().get(0))).containsExactly("forwarded");
        assertThat(inbound.normal().tiers().get(0).end()).isEqualTo(EndOfTier.DENY);
        assertThat(names(inbound.stages().get(3).tiers().get(0))).containsExactly("forwarded");
        assertThat(inbound.stages().get(3).profiles()).as("the forward chain has no profiles").isEmpty();

        // Pre-DNAT is ingress only (addPolicyToTierInfo with egressAllowed false): not listed for egress.
        EnforcementPath outbound = path(EDGE, Direction.OUTBOUND, List.of(), untracked, preDnat, forwarded);
        assertThat(outbound.stages()).extracting(StagePath::stage)
                .containsExactly(Stage.UNTRACKED, Stage.NORMAL, Stage.FORWARD);
        assertThat(outbound.stages().get(2).tiers()).as("no forward policy governs egress: allowed").isEmpty();
        assertThat(outbound.notGoverning()).extracting(compiled -> compiled.policy().name())
                .containsExactlyInAnyOrder("pre-dnat", "forwarded");
    }

    @Test
    void untrackedPolicyIsIgnoredOnAnAllInterfacesHostEndpoint() {
        Policy untracked = gnp("untracked").selector("all()").ingress(allowFrom("all()")).untracked().build();
        EnforcementPath path = path(ALL, Direction.INBOUND, List.of(), untracked);
        assertThat(path.stages()).extracting(StagePath::stage, StagePath::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Stage.UNTRACKED, StageStatus.IGNORED_ON_ALL_INTERFACES),
                org.assertj.core.groups.Tuple.tuple(Stage.PRE_DNAT, StageStatus.APPLIES),
                org.assertj.core.groups.Tuple.tuple(Stage.NORMAL, StageStatus.APPLIES),
                org.assertj.core.groups.Tuple.tuple(Stage.FORWARD, StageStatus.APPLIES));
        assertThat(path(ALL, Direction.INBOUND, List.of()).stages()).extracting(StagePath::stage)
                .as("without untracked policy the ignored stage is not listed")
                .containsExactly(Stage.PRE_DNAT, Stage.NORMAL, Stage.FORWARD);
    }

    @Test
    void aWorkloadGetsOnlyTheNormalTiers() {
        Policy untracked = gnp("untracked").selector("all()").ingress(allowFrom("all()")).untracked().build();
        Policy forwarded = np("shop", "forwarded").selector("all()").ingress(allowFrom("all()")).applyOnForward()
                .build();
        EnforcementPath path = path(WEB, Direction.INBOUND, List.of(), untracked, forwarded);
        assertThat(path.stages()).extracting(StagePath::stage, StagePath::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Stage.UNTRACKED, StageStatus.NOT_FOR_WORKLOADS),
                org.assertj.core.groups.Tuple.tuple(Stage.NORMAL, StageStatus.APPLIES));
        assertThat(names(path.normal().tiers().get(0))).containsExactly("forwarded");
    }

    @Test
    void aTierWithoutATierResourceDeniesAtItsEnd() {
        EnforcementPath path = path(WEB, Direction.INBOUND, List.of(),
                gnp("orphan").tier("nowhere").selector("all()").ingress(allowFrom("all()")).build());
        TierPath nowhere = path.normal().tiers().get(0);
        assertThat(nowhere.tier().source()).isEqualTo(EffectiveTier.Source.NONE);
        assertThat(nowhere.end()).isEqualTo(EndOfTier.DENY);
    }

    @Test
    void tiersAreInEnforcementOrderAndPoliciesInTheirTierOrder() {
        Tier first = tier("first", 1d);
        EnforcementPath path = path(WEB, Direction.INBOUND, List.of(SECURITY, first),
                gnp("s2").tier("security").order(2).selector("all()").ingress(allowFrom("all()")).build(),
                gnp("s1").tier("security").order(1).selector("all()").ingress(allowFrom("all()")).build(),
                gnp("f").tier("first").selector("all()").ingress(allowFrom("all()")).build());
        assertThat(path.normal().tiers()).extracting(tier -> tier.tier().name()).containsExactly("first", "security");
        assertThat(names(path.normal().tiers().get(1))).containsExactly("s1", "s2");
        assertThat(path.undecided().tier().name()).isEqualTo("first");
    }

    @Test
    void bothDirectionsInOneWalkAreThePathsOfEachDirection() {
        Policy untracked = gnp("untracked").selector("all()").ingress(allowFrom("all()")).egress(allowTo("all()"))
                .untracked().build();
        Policy preDnat = gnp("pre-dnat").selector("all()").ingress(allowFrom("all()")).preDnat().build();
        Policy egressOnly = gnp("egress").tier("security").selector("all()").egress(allowTo("all()")).build();
        Policy staged = gnp("try").tier("baseline").selector("all()").ingress(allowFrom("all()"))
                .kind(PolicyKind.STAGED_GLOBAL_NETWORK_POLICY).build();
        for (Endpoint endpoint : List.of(WEB, EDGE, ALL)) {
            MatchIndex index = MatchIndex.builder().endpoint(endpoint).tiers(List.of(SECURITY, BASELINE))
                    .policies(List.of(untracked, preDnat, egressOnly, staged)).build();
            EndpointMatch match = index.match(endpoint.key()).orElseThrow();
            assertThat(EnforcementPath.ofBothDirections(match)).as(endpoint.fullName()).containsExactly(
                    EnforcementPath.of(match, Direction.INBOUND), EnforcementPath.of(match, Direction.OUTBOUND));
        }
    }
}
