package dev.policymatch.operator.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.policymatch.api.PolicyMatchReport;
import dev.policymatch.api.PolicyMatchReportSpec;
import dev.policymatch.api.PolicyMatchReportStatus;
import dev.policymatch.api.Reasons;
import dev.policymatch.api.ReportCondition;
import dev.policymatch.api.ReportCounts;
import dev.policymatch.api.ReportOmissions;
import dev.policymatch.api.ReportedEndpoint;
import dev.policymatch.api.UndecidedTraffic;
import dev.policymatch.match.EndpointMatch;
import dev.policymatch.match.MatchIndex;
import dev.policymatch.model.DefaultAction;
import dev.policymatch.model.EndpointKind;
import dev.policymatch.model.EntityMatch;
import dev.policymatch.model.HostEndpoint;
import dev.policymatch.model.Policy;
import dev.policymatch.model.PolicyType;
import dev.policymatch.model.Rule;
import dev.policymatch.model.Tier;
import dev.policymatch.render.ReportComposer;
import dev.policymatch.render.ReportTruncation;
import dev.policymatch.render.ReportTruncation.Part;
import dev.policymatch.validation.Violation;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reports over their size budget: cut in the documented order, measured as the client sends them. */
class ReportBudgetTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final ReportBudget BUDGET = new ReportBudget(SERIALIZATION);
    private static final HostEndpoint CROWDED = new HostEndpoint("crowded-eth0", "node1",
            new TreeMap<>(Map.of("role", "crowded", "zone", "a", "rack", "r1")), "eth0", List.of("10.0.0.1"),
            List.of("base"), List.of());

    private static EndpointMatch crowdedMatch;

    /** Issue 14's endpoint: selected by 4,000 policies, each with 4 rules whose selectors match it too. */
    private static synchronized EndpointMatch crowded() {
        if (crowdedMatch == null) {
            crowdedMatch = crowdedIndex();
        }
        return crowdedMatch;
    }

    private static EndpointMatch crowdedIndex() {
        EntityMatch crowded = new EntityMatch("role == 'crowded'", null, null, null, null, null, null, null);
        Rule from = new Rule("Allow", "TCP", crowded, null);
        Rule to = new Rule("Allow", "TCP", null, crowded);
        MatchIndex.Builder index = MatchIndex.builder().endpoint(CROWDED);
        for (int i = 0; i < 4_000; i++) {
            index.policy(new Policy("platform.allow-crowded-peers-%04d".formatted(i), null, "platform", 100d + i,
                    "role == 'crowded'", null, List.of(from, from), List.of(to, to), false, false, false, null, null));
        }
        return index.build().match(CROWDED.key()).orElseThrow();
    }

    private static PolicyMatchReport desired() {
        PolicyMatchReport report = new PolicyMatchReport();
        report.getMetadata().setName("hep.crowded-eth0");
        report.getMetadata().setNamespace("policymatch-system");
        report.getMetadata().setLabels(ReportNames.hostLabels());
        report.setSpec(new PolicyMatchReportSpec(
                new ReportedEndpoint(EndpointKind.HOST_LABEL, "crowded-eth0", "node1", "node1/crowded-eth0")));
        return report;
    }

    private static int size(PolicyMatchReportStatus status) {
        PolicyMatchReport report = desired();
        report.setStatus(status);
        return BUDGET.sizeOf(report);
    }

    @Test
    void aReportUnderItsBudgetIsLeftWholeAndUnmarked() {
        MatchIndex index = MatchIndex.builder().endpoint(CROWDED).policy(new Policy("p", null, null, 1d,
                "role == 'crowded'", null, List.of(), List.of(), false, false, false, null, null)).build();
        PolicyMatchReportStatus full = ReportComposer.status(index.match(CROWDED.key()), List.of(), 1L,
                Reasons.INVALID_HOST_ENDPOINT);

        PolicyMatchReportStatus fitted = BUDGET.fit(desired(), full, null, NOW);

        assertThat(fitted).isSameAs(full);
        assertThat(fitted.getOmitted()).isNull();
        assertThat(fitted.condition(ReportCondition.TRUNCATED)).isNull();
        assertThat(fitted.getConditions()).allSatisfy(c -> assertThat(c.getLastTransitionTime())
                .isEqualTo("2026-12-01T10:00:00Z"));
    }

    @Test
    void theCrowdedEndpointsReportIsCutUnderBudgetRuleMatchesFirstThenLabelsThenTheLastPolicies() {
        PolicyMatchReportStatus full = ReportComposer.status(Optional.of(crowded()), List.of(), 1L,
                Reasons.INVALID_HOST_ENDPOINT);
        assertThat(full.getCounts()).isEqualTo(new ReportCounts(4_000, 0, 1, 16_000));
        // 2.8 MB before the report stated each fact once (issue 15), over etcd's 1.5 MiB.
        assertThat(size(full)).as("whole, twice the budget").isGreaterThan(2 * ReportBudget.MAX_BYTES);

        PolicyMatchReportStatus fitted = BUDGET.fit(desired(), full, null, NOW);

        assertThat(size(fitted)).isLessThanOrEqualTo(ReportBudget.MAX_BYTES);
        assertThat(fitted.getCounts()).as("exact").isEqualTo(new ReportCounts(4_000, 0, 1, 16_000));
        assertThat(fitted.getRuleMatches()).isEmpty();
        assertThat(fitted.getLabels()).isEmpty();
        int shown = fitted.getPolicies().size();
        assertThat(shown).isBetween(1_000, 3_999);
        assertThat(fitted.getPolicies()).as("the first in enforcement order")
                .isEqualTo(full.getPolicies().subList(0, shown));
        assertThat(fitted.getProfiles()).containsExactly("base");

        ReportOmissions omitted = new ReportOmissions();
        omitted.setRuleMatches(16_000);
        omitted.setLabels(full.getLabels().size());
        omitted.setPolicies(4_000 - shown);
        assertThat(fitted.getOmitted()).isEqualTo(omitted);
        ReportCondition truncated = fitted.condition(ReportCondition.TRUNCATED);
        assertThat(truncated.getStatus()).isEqualTo(ReportCondition.TRUE);
        assertThat(truncated.getReason()).isEqualTo("OverSizeBudget");
        assertThat(truncated.getMessage()).isEqualTo("over its size budget of 512 KiB, the report leaves out "
                + "16000 of 16000 rule matches, " + full.getLabels().size() + " of " + full.getLabels().size()
                + " labels, " + (4_000 - shown) + " of 4000 policies (status.omitted; status.counts has the totals, "
                + "and calicoq endpoint gives them all)");
        assertThat(fitted.condition(ReportCondition.MATCHED).getMessage()).isEqualTo("4000 policies and 1 profile apply");
        assertThat(fitted.condition(ReportCondition.READY).getStatus()).isEqualTo(ReportCondition.TRUE);

        // As many policies as fit: one more does not.
        EnumMap<Part, Integer> oneMore = ReportTruncation.sizes(fitted);
        oneMore.put(Part.POLICIES, shown + 1);
        assertThat(size(ReportTruncation.cut(full, oneMore, "512 KiB").carryTransitionTimes(null, NOW)))
                .isGreaterThan(ReportBudget.MAX_BYTES);
    }

    /**
     * 4,000 tiers of one policy each, the policy governing both directions: 8,000 tier entries. Every tier passes
     * but the last, so undecided ingress and egress are dropped at the end of a tier whose entry is cut.
     */
    private static EndpointMatch manyTiers() {
        MatchIndex.Builder index = MatchIndex.builder().endpoint(CROWDED);
        for (int i = 0; i < 4_000; i++) {
            String tier = "tier-%04d".formatted(i);
            index.tier(new Tier(tier, 100d + i, i == 3_999 ? DefaultAction.DENY : DefaultAction.PASS));
            index.policy(new Policy(tier + ".allow-crowded", null, tier, 1d, "role == 'crowded'",
                    Set.of(PolicyType.INGRESS, PolicyType.EGRESS), List.of(), List.of(), false, false, false, null,
                    null));
        }
        return index.build().match(CROWDED.key()).orElseThrow();
    }

    @Test
    void fourThousandOnePolicyTiersAreCutAfterThePoliciesKeepingTheFirstTiersAndWhereUndecidedTrafficEnds() {
        PolicyMatchReportStatus full = ReportComposer.status(Optional.of(manyTiers()), List.of(), 1L,
                Reasons.INVALID_HOST_ENDPOINT);
        assertThat(full.getIngress().getTiers()).hasSize(4_000);
        assertThat(full.getEgress().getTiers()).hasSize(4_000);
        UndecidedTraffic deniedAtTheLastTier = new UndecidedTraffic(UndecidedTraffic.DENY, "tier-3999");
        assertThat(full.getIngress().getUndecided()).isEqualTo(deniedAtTheLastTier);

        PolicyMatchReportStatus fitted = BUDGET.fit(desired(), full, null, NOW);

        assertThat(size(fitted)).isLessThanOrEqualTo(ReportBudget.MAX_BYTES);
        assertThat(fitted.getPolicies()).as("cut before tiers").isEmpty();
        int shown = Part.TIERS.sizeIn(fitted);
        assertThat(shown).isBetween(1, 7_999);
        assertThat(fitted.getIngress().getTiers())
                .isEqualTo(full.getIngress().getTiers().subList(0, Math.min(shown, 4_000)));
        assertThat(fitted.getEgress().getTiers())
                .isEqualTo(full.getEgress().getTiers().subList(0, Math.max(0, shown - 4_000)));
        assertThat(fitted.getIngress().getUndecided()).as("never cut").isEqualTo(deniedAtTheLastTier);
        assertThat(fitted.getEgress().getUndecided()).as("never cut").isEqualTo(deniedAtTheLastTier);
        assertThat(fitted.getProfiles()).as("cut after tiers").containsExactly("base");

        ReportOmissions omitted = new ReportOmissions();
        omitted.setLabels(3);
        omitted.setPolicies(4_000);
        omitted.setTiers(8_000 - shown);
        assertThat(fitted.getOmitted()).isEqualTo(omitted);
        assertThat(fitted.condition(ReportCondition.TRUNCATED).getMessage()).contains(
                "3 of 3 labels, 4000 of 4000 policies, " + (8_000 - shown) + " of 8000 tiers (status.omitted;");

        EnumMap<Part, Integer> oneMore = ReportTruncation.sizes(fitted);
        oneMore.put(Part.TIERS, shown + 1);
        assertThat(size(ReportTruncation.cut(full, oneMore, "512 KiB").carryTransitionTimes(null, NOW)))
                .as("as many tiers as fit").isGreaterThan(ReportBudget.MAX_BYTES);
    }

    @Test
    void theSameInputsGiveTheSameCutSoAResyncWritesNothing() {
        EndpointMatch match = crowded();
        PolicyMatchReportStatus first = BUDGET.fit(desired(),
                ReportComposer.status(Optional.of(match), List.of(), 1L, Reasons.INVALID_HOST_ENDPOINT), null, NOW);
        PolicyMatchReportStatus again = BUDGET.fit(desired(),
                ReportComposer.status(Optional.of(match), List.of(), 1L, Reasons.INVALID_HOST_ENDPOINT), first,
                NOW.plusSeconds(600));
        assertThat(again).isEqualTo(first);
        assertThat(again.condition(ReportCondition.TRUNCATED).getLastTransitionTime())
                .isEqualTo(first.condition(ReportCondition.TRUNCATED).getLastTransitionTime());
    }

    @Test
    void violationsAreCutLastAndTheValidMessageSaysHowManyMore() {
        List<Violation> violations = IntStream.range(0, 30_000).mapToObj(i -> new Violation(
                "spec.expectedIPs[" + i + "]", "10.0." + i + ".300", "is not a valid IPv4 or IPv6 address")).toList();
        PolicyMatchReportStatus full = ReportComposer.status(Optional.of(crowded()), violations, 1L,
                Reasons.INVALID_HOST_ENDPOINT);

        PolicyMatchReportStatus fitted = BUDGET.fit(desired(), full, null, NOW);

        assertThat(size(fitted)).isLessThanOrEqualTo(ReportBudget.MAX_BYTES);
        assertThat(fitted.getRuleMatches()).isEmpty();
        assertThat(fitted.getLabels()).isEmpty();
        assertThat(fitted.getPolicies()).as("cut before violations").isEmpty();
        assertThat(fitted.getProfiles()).isEmpty();
        int shown = fitted.getViolations().size();
        assertThat(shown).isBetween(1, 29_999);
        assertThat(fitted.getViolations()).isEqualTo(full.getViolations().subList(0, shown));
        assertThat(fitted.getOmitted().getViolations()).isEqualTo(30_000 - shown);
        assertThat(fitted.getOmitted().getProfiles()).isEqualTo(1);
        ReportCondition valid = fitted.condition(ReportCondition.VALID);
        assertThat(valid.getStatus()).isEqualTo(ReportCondition.FALSE);
        assertThat(valid.getMessage()).startsWith("30000 violations: spec.expectedIPs[0]: \"10.0.0.300\" is not")
                .endsWith("; and " + (30_000 - shown) + " more");
    }

    /**
     * Whatever the budget, the result fits, counts stay exact, and a list is cut only once every list
     * before it in {@link Part}'s order is empty.
     */
    @ParameterizedTest
    @ValueSource(ints = {1_900, 2_500, 4_000, 40_000, 400_000, 2_000_000})
    void everyBudgetCutsTheListsInOrder(int maxBytes) {
        ReportBudget budget = new ReportBudget(SERIALIZATION, maxBytes);
        PolicyMatchReportStatus full = ReportComposer.status(Optional.of(crowded()),
                List.of(new Violation("spec.node", null, "must be set"),
                        new Violation("spec.interfaceName", "eth 0", "is not a valid interface name")), 1L,
                        Reasons.INVALID_HOST_ENDPOINT);

        PolicyMatchReportStatus fitted = budget.fit(desired(), full, null, NOW);

        PolicyMatchReport sent = desired();
        sent.setStatus(fitted);
        assertThat(budget.sizeOf(sent)).isLessThanOrEqualTo(maxBytes);
        assertThat(fitted.getCounts()).isEqualTo(full.getCounts());
        List<Part> parts = List.of(Part.values());
        for (int i = 0; i < parts.size(); i++) {
            boolean cut = parts.get(i).sizeIn(fitted) < parts.get(i).sizeIn(full);
            for (Part earlier : parts.subList(0, i)) {
                if (cut) {
                    assertThat(earlier.sizeIn(fitted)).as("%s before %s", earlier, parts.get(i)).isZero();
                }
            }
        }
        boolean whole = maxBytes >= size(full);
        assertThat(fitted.condition(ReportCondition.TRUNCATED) == null).isEqualTo(whole);
        assertThat(fitted.getOmitted() == null).isEqualTo(whole);
    }

    @Test
    void theSmallestBudgetsLeaveOutViolationsToo() {
        ReportBudget tiny = new ReportBudget(SERIALIZATION, 3_000);
        String longValue = "x".repeat(2_500);
        PolicyMatchReportStatus full = ReportComposer.status(Optional.of(crowded()),
                List.of(new Violation("spec.node", null, "must be set"),
                        new Violation("spec.interfaceName", longValue, "is not a valid interface name")), 1L,
                        Reasons.INVALID_HOST_ENDPOINT);

        PolicyMatchReportStatus fitted = tiny.fit(desired(), full, null, NOW);

        assertThat(fitted.getViolations()).extracting(v -> v.getField()).containsExactly("spec.node");
        assertThat(fitted.getOmitted().getViolations()).isEqualTo(1);
        assertThat(fitted.condition(ReportCondition.TRUNCATED).getMessage())
                .startsWith("over its size budget of 3000 bytes, the report leaves out 16000 of 16000 rule matches, "
                        + "3 of 3 labels, 4000 of 4000 policies, 2 of 2 tiers, 1 of 1 profiles, 1 of 2 violations");
        assertThat(fitted.getIngress().getUndecided()).as("never cut")
                .isEqualTo(new UndecidedTraffic(UndecidedTraffic.DENY, "platform"));
        assertThat(fitted.getIngress().getTiers()).isEmpty();
        assertThat(fitted.condition(ReportCondition.VALID).getMessage())
                .isEqualTo("2 violations: spec.node: must be set; and 1 more");
    }

    /** Measured, but not often: the crowded report is serialized six times to find its cut. */
    @Test
    void findingTheCutTakesAFewSerializations() {
        int[] serialized = {0};
        ReportBudget counting = new ReportBudget(new KubernetesSerialization() {
            @Override
            public <T> String asJson(T object) {
                serialized[0]++;
                return super.asJson(object);
            }
        });
        counting.fit(desired(), ReportComposer.status(Optional.of(crowded()), List.of(), 1L,
                Reasons.INVALID_HOST_ENDPOINT), null, NOW);
        assertThat(serialized[0]).isBetween(5, 7);
    }

    @Test
    void sizeIsTheUtf8LengthOfTheJsonTheClientSends() {
        PolicyMatchReport report = desired();
        report.getSpec().getEndpoint().setNode("zürich");
        String json = SERIALIZATION.asJson(report);
        assertThat(json).as("not escaped").contains("\"node\":\"zürich\"");
        assertThat(BUDGET.sizeOf(report)).as("ü is two bytes").isEqualTo(json.length() + 1);
    }
}
