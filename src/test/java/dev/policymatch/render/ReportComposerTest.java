package dev.policymatch.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import static dev.policymatch.match.Fixtures.allowFrom;
import static dev.policymatch.match.Fixtures.allowTo;
import static dev.policymatch.match.Fixtures.gnp;
import static dev.policymatch.match.Fixtures.host;
import static dev.policymatch.match.Fixtures.labels;
import static dev.policymatch.match.Fixtures.np;
import static dev.policymatch.match.Fixtures.pod;
import static dev.policymatch.match.Fixtures.tier;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.policymatch.api.AppliedPolicy;
import dev.policymatch.api.DirectionSummary;
import dev.policymatch.api.PolicyMatchReportStatus;
import dev.policymatch.api.Reasons;
import dev.policymatch.api.MatchingRule;
import dev.policymatch.api.ReportCondition;
import dev.policymatch.api.ReportedRuleMatch;
import dev.policymatch.api.ReportedTier;
import dev.policymatch.api.TierSummary;
import dev.policymatch.api.UndecidedTraffic;
import dev.policymatch.match.EndpointMatch;
import dev.policymatch.match.MatchIndex;
import dev.policymatch.model.DefaultAction;
import dev.policymatch.model.Endpoint;
import dev.policymatch.model.HostEndpoint;
import dev.policymatch.model.Policy;
import dev.policymatch.model.PolicyKind;
import dev.policymatch.model.PolicyType;
import dev.policymatch.model.Profile;
import dev.policymatch.model.Tier;
import io.fabric8.kubernetes.client.utils.Serialization;
import dev.policymatch.validation.Violation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReportComposerTest {

    private static final HostEndpoint DB = new HostEndpoint("node1-eth0", "node1",
            new TreeMap<>(java.util.Map.of("role", "db")), "eth0", List.of("10.0.0.1"), List.of("base"), List.of());

    private static Policy policy(String name, double order, String selector) {
        return new Policy(name, null, null, order, selector, Set.of(PolicyType.INGRESS), List.of(), List.of(),
                false, false, false, null, null);
    }

    private static MatchIndex index() {
        MatchIndex index = new MatchIndex();
        index.upsertProfile(new Profile("base", new TreeMap<>(java.util.Map.of("zone", "a")), List.of(), List.of()));
        index.upsertPolicy(policy("allow-db", 500, "role == 'db'"));
        index.upsertPolicy(policy("zone-a", 100, "zone == 'a'"));
        index.upsertEndpoint(DB);
        return index;
    }

    @Test
    void statusListsPoliciesInEnforcementOrderWithProfilesLabelsAndCounts() {
        PolicyMatchReportStatus status = ReportComposer.status(index().match(DB.key()), List.of(), 3L,
                Reasons.INVALID_HOST_ENDPOINT);

        assertThat(status.getObservedGeneration()).isEqualTo(3L);
        assertThat(status.getPolicies()).extracting(p -> p.getName()).containsExactly("zone-a", "allow-db");
        assertThat(status.getPolicies().get(1).getOrder()).hasToString("500");
        assertThat(status.getPolicies().get(1).getTypes()).containsExactly("Ingress");
        assertThat(status.getProfiles()).containsExactly("base");
        assertThat(status.getLabels()).containsEntry("role", "db").containsEntry("zone", "a");
        assertThat(status.getCounts().getPolicies()).isEqualTo(2);
        assertThat(status.getCounts().getProfiles()).isEqualTo(1);
        assertThat(status.condition(ReportCondition.VALID).getStatus()).isEqualTo("True");
        assertThat(status.condition(ReportCondition.MATCHED).getReason()).isEqualTo("PoliciesApply");
        assertThat(status.condition(ReportCondition.MATCHED).getMessage()).isEqualTo("2 policies and 1 profile apply");
        assertThat(status.condition(ReportCondition.READY).getStatus()).isEqualTo("True");
        assertThat(status.getConditions()).allSatisfy(c -> assertThat(c.getObservedGeneration()).isEqualTo(3L));
    }

    @Test
    void sameInputsGiveAnEqualStatus() {
        MatchIndex index = index();
        assertThat(ReportComposer.status(index.match(DB.key()), List.of(), 1L, Reasons.INVALID_HOST_ENDPOINT))
                .isEqualTo(ReportComposer.status(index.match(DB.key()), List.of(), 1L, Reasons.INVALID_HOST_ENDPOINT));
    }

    @Test
    void violationsMakeItInvalidAndAreAllListed() {
        List<Violation> violations = List.of(new Violation("spec.node", null, "must be set"),
                new Violation("spec.expectedIPs[0]", "10.0.0.300", "is not a valid IPv4 or IPv6 address"));
        PolicyMatchReportStatus status = ReportComposer.status(index().match(DB.key()), violations, 1L,
                Reasons.INVALID_HOST_ENDPOINT);

        ReportCondition valid = status.condition(ReportCondition.VALID);
        assertThat(valid.getStatus()).isEqualTo("False");
        assertThat(valid.getReason()).isEqualTo("InvalidHostEndpoint");
        assertThat(valid.getMessage()).isEqualTo("2 violations: spec.node: must be set; "
                + "spec.expectedIPs[0]: \"10.0.0.300\" is not a valid IPv4 or IPv6 address");
        assertThat(status.getViolations()).extracting(v -> v.getField())
                .containsExactly("spec.node", "spec.expectedIPs[0]");
    }

    @Test
    void anEndpointThatCouldNotBeReadIsNotEvaluated() {
        PolicyMatchReportStatus status = ReportComposer.status(Optional.empty(),
                List.of(new Violation("spec.expectedIPs", null, "expected a list of strings, got a number (5)")), 1L,
                Reasons.INVALID_HOST_ENDPOINT);
        assertThat(status.condition(ReportCondition.MATCHED).getStatus()).isEqualTo("Unknown");
        assertThat(status.condition(ReportCondition.VALID).getStatus()).isEqualTo("False");
        assertThat(status.getPolicies()).isEmpty();
    }

    @Test
    void nothingAppliesIsMatchedFalse() {
        MatchIndex index = new MatchIndex();
        HostEndpoint bare = new HostEndpoint("x", "n", new TreeMap<>(), "eth0", List.of(), List.of(), List.of());
        index.upsertEndpoint(bare);
        ReportCondition matched = ReportComposer.status(index.match(bare.key()), List.of(), 1L,
                Reasons.INVALID_HOST_ENDPOINT)
                .condition(ReportCondition.MATCHED);
        assertThat(matched.getStatus()).isEqualTo("False");
        assertThat(matched.getReason()).isEqualTo("NothingApplies");
    }

    @Test
    void transitionTimesMoveOnlyWhenAConditionFlips() {
        MatchIndex index = index();
        Instant first = Instant.parse("2026-11-23T10:00:00Z");
        PolicyMatchReportStatus stored = ReportComposer.status(index.match(DB.key()), List.of(), 1L,
                Reasons.INVALID_HOST_ENDPOINT)
                .carryTransitionTimes(null, first);

        PolicyMatchReportStatus invalid = ReportComposer.status(index.match(DB.key()),
                List.of(new Violation("spec.node", null, "must be set")), 1L, Reasons.INVALID_HOST_ENDPOINT)
                .carryTransitionTimes(stored, first.plusSeconds(60));

        assertThat(invalid.condition(ReportCondition.VALID).getLastTransitionTime()).isEqualTo("2026-11-23T10:01:00Z");
        assertThat(invalid.condition(ReportCondition.MATCHED).getLastTransitionTime()).isEqualTo("2026-11-23T10:00:00Z");
        assertThat(invalid.condition(ReportCondition.READY).getLastTransitionTime()).isEqualTo("2026-11-23T10:00:00Z");
    }

    @Test
    void aPodsInvalidReportSaysWhichKindOfEndpointIsInvalid() {
        ReportCondition valid = ReportComposer.status(Optional.empty(),
                List.of(new Violation("spec.nodeName", null, "expected a string")), 1L,
                Reasons.INVALID_WORKLOAD_ENDPOINT).condition(ReportCondition.VALID);
        assertThat(valid.getStatus()).isEqualTo(ReportCondition.FALSE);
        assertThat(valid.getReason()).isEqualTo("InvalidWorkloadEndpoint");
    }

    @Test
    void aPolicyWithoutASelectorShowsAllAsCalicoqDoes() {
        MatchIndex index = new MatchIndex();
        index.upsertPolicy(policy("absent", 1, null));
        index.upsertPolicy(policy("blank", 2, " "));
        index.upsertPolicy(policy("written", 3, "role=='db'"));
        index.upsertEndpoint(DB);
        EndpointMatch match = index.match(DB.key()).orElseThrow();

        PolicyMatchReportStatus status = ReportComposer.status(Optional.of(match), List.of(), 1L,
                Reasons.INVALID_HOST_ENDPOINT);

        assertThat(status.getPolicies()).extracting(AppliedPolicy::getSelector)
                .containsExactly("all()", "all()", "role=='db'");
        assertThat(QueryDocuments.endpoints(List.of(match), QueryOptions.DEFAULT).endpoints().get(0).policies())
                .extracting(QueryDocuments.PolicyDocument::selector).containsExactly("all()", "all()", "role=='db'");
    }

    @Test
    void anInfiniteOrderIsLeftOutOfTheReportAsOfTheJsonDocuments() {
        // order: 1e400 reads as Infinity; a real API server refuses it, the embedded one stores it.
        MatchIndex index = new MatchIndex();
        index.upsertPolicy(policy("huge", Double.POSITIVE_INFINITY, "role == 'db'"));
        index.upsertEndpoint(DB);

        PolicyMatchReportStatus status = ReportComposer.status(index.match(DB.key()), List.of(), 1L,
                Reasons.INVALID_HOST_ENDPOINT);

        assertThat(status.getPolicies()).extracting(p -> p.getName()).containsExactly("huge");
        assertThat(status.getPolicies().get(0).getOrder()).isNull();
    }

    private static List<Violation> badAddresses(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> new Violation("spec.expectedIPs[" + i + "]", "10.0.0.ü" + i,
                        "is not a valid IPv4 or IPv6 address"))
                .toList();
    }

    @Test
    void violationsWithinALimitShowTheFirstThatFitAndCountTheRest() {
        List<Violation> violations = badAddresses(30_000);
        String message = ReportComposer.violationsMessageWithin(violations, 1024);

        assertThat(message.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(1024);
        assertThat(message).startsWith("30000 violations: spec.expectedIPs[0]: \"10.0.0.ü0\" is not a valid IPv4 ")
                .matches(".*; and \\d+ more");
        int shown = message.split("; ").length - 1;
        assertThat(message).endsWith("; and " + (30_000 - shown) + " more");
        assertThat(ReportComposer.violationsMessage(violations.subList(0, shown + 1), 30_000)
                .getBytes(StandardCharsets.UTF_8).length).as("one more would not fit")
                .isGreaterThan(1024);
        assertThat(ReportComposer.violationsMessageWithin(badAddresses(30_000), 1024)).isEqualTo(message);
    }

    @Test
    void violationsThatFitAreTheValidConditionsMessage() {
        List<Violation> violations = badAddresses(3);
        assertThat(ReportComposer.violationsMessageWithin(violations, 1024))
                .isEqualTo(ReportComposer.status(Optional.empty(), violations, null, Reasons.INVALID_HOST_ENDPOINT)
                        .condition(ReportCondition.VALID).getMessage());
    }

    @Test
    void oneViolationLongerThanTheLimitIsShownAloneForTheCallerToCut() {
        List<Violation> violations = List.of(new Violation("metadata.labels." + "k".repeat(2_000), null, "bad"),
                new Violation("spec.node", null, "bad"));
        assertThat(ReportComposer.violationsMessageWithin(violations, 1024))
                .startsWith("2 violations: metadata.labels.kkk").endsWith("; and 1 more");
    }

    private static final Tier SECURITY = tier("security", 100d, DefaultAction.DENY);
    private static final Tier BASELINE = tier("baseline", 200d, DefaultAction.PASS);

    private static PolicyMatchReportStatus statusOf(Endpoint endpoint, Policy... policies) {
        MatchIndex index = MatchIndex.builder().endpoint(endpoint).tiers(List.of(SECURITY, BASELINE))
                .policies(List.of(policies)).build();
        return ReportComposer.status(index.match(endpoint.key()), List.of(), 1L, Reasons.INVALID_WORKLOAD_ENDPOINT);
    }

    private static TierSummary tierSummary(String name, int policies, Integer staged, String endOfTier) {
        TierSummary tier = new TierSummary();
        tier.setName(name);
        tier.setPolicies(policies);
        tier.setStagedPolicies(staged);
        tier.setEndOfTier(endOfTier);
        return tier;
    }

    @Test
    void aDenyTierEndsUndecidedIngressAndAPassTierSendsEgressOnToTheProfiles() {
        PolicyMatchReportStatus status = statusOf(pod("shop", "web", labels("app", "web"), "kns.shop"),
                gnp("allow-web").tier("security").selector("app == 'web'").ingress(allowFrom("all()")).build(),
                gnp("baseline-out").tier("baseline").selector("all()").egress(allowTo("all()")).build());

        assertThat(status.getIngress()).isEqualTo(new DirectionSummary(
                new UndecidedTraffic(UndecidedTraffic.DENY, "security"),
                List.of(tierSummary("security", 1, null, TierSummary.END_DENY))));
        assertThat(status.getEgress()).isEqualTo(new DirectionSummary(
                new UndecidedTraffic(UndecidedTraffic.PROFILES, null),
                List.of(tierSummary("baseline", 1, null, TierSummary.END_PASS))));
        assertThat(Serialization.asJson(status))
                .contains("\"ingress\":{\"undecided\":{\"action\":\"Deny\",\"tier\":\"security\"},"
                        + "\"tiers\":[{\"name\":\"security\",\"policies\":1,\"endOfTier\":\"Deny\"}]}")
                .contains("\"egress\":{\"undecided\":{\"action\":\"Profiles\"},");
    }

    @Test
    void aTierOfStagedPoliciesOnlyHasNoEndAndDecidesNothing() {
        PolicyMatchReportStatus status = statusOf(pod("shop", "web", labels("app", "web"), "kns.shop"),
                gnp("would-lock").kind(PolicyKind.STAGED_GLOBAL_NETWORK_POLICY).tier("security").selector("all()")
                        .ingress(allowFrom("all()")).build(),
                gnp("would-lock-too").kind(PolicyKind.STAGED_GLOBAL_NETWORK_POLICY).tier("security").order(2)
                        .selector("all()").ingress(allowFrom("all()")).build(),
                gnp("staged-and-enforced").tier("baseline").selector("all()").ingress(allowFrom("all()")).build(),
                gnp("staged-beside").kind(PolicyKind.STAGED_GLOBAL_NETWORK_POLICY).tier("baseline").selector("all()")
                        .ingress(allowFrom("all()")).build());

        assertThat(status.getIngress().getTiers()).containsExactly(
                tierSummary("security", 0, 2, TierSummary.END_NONE),
                tierSummary("baseline", 1, 1, TierSummary.END_PASS));
        assertThat(status.getIngress().getUndecided()).as("the staged-only Deny tier drops nothing")
                .isEqualTo(new UndecidedTraffic(UndecidedTraffic.PROFILES, null));
    }

    @Test
    void withNoTierDroppingItAndNoProfileUndecidedTrafficIsDeniedWithoutATier() {
        PolicyMatchReportStatus status = statusOf(pod("shop", "bare", labels("app", "web")),
                gnp("baseline-in").tier("baseline").selector("all()").ingress(allowFrom("all()")).build());

        assertThat(status.getIngress()).isEqualTo(new DirectionSummary(
                new UndecidedTraffic(UndecidedTraffic.DENY, null),
                List.of(tierSummary("baseline", 1, null, TierSummary.END_PASS))));
        assertThat(status.getEgress()).as("no policy governs egress")
                .isEqualTo(new DirectionSummary(new UndecidedTraffic(UndecidedTraffic.DENY, null), List.of()));
        assertThat(Serialization.asJson(status.getEgress()))
                .isEqualTo("{\"undecided\":{\"action\":\"Deny\"}}");
    }

    @Test
    void theSummariesAreOfTheNormalStageOnly() {
        Tier edge = tier("edge", 10d, DefaultAction.DENY);
        HostEndpoint gateway = host("gateway", labels("role", "gateway"), "base");
        MatchIndex index = MatchIndex.builder().endpoint(gateway).tiers(List.of(edge, SECURITY))
                .policies(List.of(
                        gnp("edge-prednat").tier("edge").selector("all()").preDnat().ingress(allowFrom("all()"))
                                .build(),
                        gnp("edge-untracked").tier("edge").selector("all()").untracked().egress(allowTo("all()"))
                                .build(),
                        gnp("forwarded").tier("security").selector("all()").applyOnForward()
                                .ingress(allowFrom("all()")).build()))
                .build();

        PolicyMatchReportStatus status = ReportComposer.status(index.match(gateway.key()), List.of(), 1L,
                Reasons.INVALID_HOST_ENDPOINT);

        assertThat(status.getPolicies()).extracting(AppliedPolicy::getName)
                .containsExactlyInAnyOrder("edge-prednat", "edge-untracked", "forwarded");
        assertThat(status.getIngress().getTiers()).extracting(TierSummary::getName).containsExactly("security");
        assertThat(status.getTiers()).as("the tier of untracked and pre-DNAT policies is described too")
                .extracting(ReportedTier::getName).containsExactly("edge", "security");
        assertThat(status.getEgress()).isEqualTo(new DirectionSummary(
                new UndecidedTraffic(UndecidedTraffic.PROFILES, null), List.of()));
    }

    @Test
    void anEndpointThatCouldNotBeReadHasNoSummaries() {
        PolicyMatchReportStatus status = ReportComposer.status(Optional.empty(),
                List.of(new Violation("spec.profiles", null, "expected a list of strings")), 1L,
                Reasons.INVALID_HOST_ENDPOINT);
        assertThat(status.getIngress()).isNull();
        assertThat(status.getEgress()).isNull();
        assertThat(Serialization.asJson(status)).doesNotContain("ingress", "egress");
    }

    @Test
    void ruleMatchesAreGroupedBySelectorAndKindEachStatedOnce() {
        // Two namespaced policies allow the same peers, a global one names the endpoint with the same selector
        // and with another one, twice.
        PolicyMatchReportStatus status = statusOf(pod("shop", "db", labels("role", "db"), "kns.shop"),
                np("shop", "web-to-db").selector("app == 'web'").egress(allowTo("role == 'db'")).build(),
                np("shop", "api-to-db").selector("app == 'api'").egress(allowTo("role == 'db'")).build(),
                gnp("monitoring").selector("all()").ingress(allowFrom("role == 'db'"))
                        .egress(allowTo("has(role)"), allowTo("has(role)")).build());

        String shopDb = "(projectcalico.org/namespace == 'shop') && (role == 'db')";
        assertThat(status.getRuleMatches()).extracting(ReportedRuleMatch::getDirection, ReportedRuleMatch::getSide,
                ReportedRuleMatch::getSelector, ReportedRuleMatch::getEffectiveSelector, ReportedRuleMatch::getKind,
                ReportedRuleMatch::getNamespace, ReportedRuleMatch::getRules)
                .containsExactlyInAnyOrder(
                        tuple("outbound", "destination", "role == 'db'", shopDb, "NetworkPolicy", "shop",
                                List.of(new MatchingRule("api-to-db", 1), new MatchingRule("web-to-db", 1))),
                        tuple("inbound", "source", "role == 'db'", null, "GlobalNetworkPolicy", null,
                                List.of(new MatchingRule("monitoring", 1))),
                        tuple("outbound", "destination", "has(role)", null, "GlobalNetworkPolicy", null,
                                List.of(new MatchingRule("monitoring", 1), new MatchingRule("monitoring", 2))));
        assertThat(status.getCounts().getRuleMatches()).as("a rule match is a rule, not a group").isEqualTo(5);
        assertThat(status.ruleMatchCount()).isEqualTo(5);
        assertThat(Serialization.asJson(status)).as("an effective selector equal to the selector is left out")
                .containsOnlyOnce("\"effectiveSelector\"").containsOnlyOnce("\"selector\":\"has(role)\"")
                .containsOnlyOnce("\"kind\":\"NetworkPolicy\"");
    }

    @Test
    void defaultsAreLeftOut() {
        PolicyMatchReportStatus status = statusOf(pod("shop", "web", labels("app", "web")),
                gnp("allow-web").tier("security").selector("app == 'web'").ingress(allowFrom("all()")).build());
        String json = Serialization.asJson(status);
        assertThat(json).as("false flags, empty lists")
                .doesNotContain("untracked", "preDNAT", "applyOnForward", "[]", "\"staged\"")
                .doesNotContain("\"stagedPolicies\":[", "\"profiles\":[", "\"violations\":[");
        assertThat(status.getPolicies().get(0).getUntracked()).isNull();
        assertThat(status.getStagedPolicies()).isEmpty();
    }

    @Test
    void aStatusReadBackAsTheApiServerReturnsItEqualsTheComposedOne() throws Exception {
        PolicyMatchReportStatus status = statusOf(pod("shop", "db", labels("role", "db")),
                np("shop", "web-to-db").selector("app == 'web'").egress(allowTo("role == 'db'")).build(),
                gnp("lock").tier("security").selector("all()").untracked().types(PolicyType.INGRESS)
                        .ingress(allowFrom("role == 'db'")).build(),
                gnp("would-lock").kind(PolicyKind.STAGED_GLOBAL_NETWORK_POLICY).tier("baseline").selector("all()")
                        .ingress(allowFrom("all()")).build())
                .carryTransitionTimes(null, Instant.parse("2026-12-02T10:00:00Z"));
        // The API server stores JSON: object keys come back sorted, empty lists and false flags as they were sent.
        ObjectMapper sorted = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
        Object tree = sorted.readValue(Serialization.asJson(status), Map.class);
        String stored = sorted.writeValueAsString(tree);
        assertThat(stored).doesNotContain("[]");
        PolicyMatchReportStatus readBack = Serialization.unmarshal(stored, PolicyMatchReportStatus.class);
        assertThat(readBack).isEqualTo(status).hasSameHashCodeAs(status);
        assertThat(readBack.getStagedPolicies()).hasSize(1);
        assertThat(readBack.getViolations()).isEmpty();
    }
}
