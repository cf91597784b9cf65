package dev.policymatch.api;

import dev.policymatch.model.EndpointKind;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** Reports as the operator writes them, for tests of the CRD, its columns and the Argo CD check. */
public final class SampleReports {

    private SampleReports() {
    }

    /**
     * A valid host endpoint with two ingress policies (orders 500 and 500.5) in the default tier, one profile and
     * one rule match: undecided ingress is dropped at the end of the default tier, undecided egress goes to the
     * profile.
     */
    public static PolicyMatchReport matchedHostEndpoint() {
        PolicyMatchReport report = new PolicyMatchReport();
        report.getMetadata().setName("hep.node1-eth0");
        report.getMetadata().setNamespace("policymatch-system");
        report.getMetadata().setGeneration(1L);
        report.getMetadata().setCreationTimestamp("2026-11-23T10:00:00Z");
        report.setSpec(new PolicyMatchReportSpec(
                new ReportedEndpoint(EndpointKind.HOST_LABEL, "node1-eth0", "node1", "node1/node1-eth0")));
        PolicyMatchReportStatus status = new PolicyMatchReportStatus();
        status.setObservedGeneration(1L);
        status.setLabels(Map.of("role", "db"));
        status.setPolicies(List.of(policy("allow-db", "500"), policy("deny-rest", "500.5")));
        status.setTiers(List.of(new ReportedTier("default", 1_000_000d, "Deny", "built-in")));
        status.setProfiles(List.of("kns.default"));
        status.setIngress(new DirectionSummary(new UndecidedTraffic(UndecidedTraffic.DENY, "default"),
                List.of(tier("default", 2, TierSummary.END_DENY))));
        status.setEgress(new DirectionSummary(new UndecidedTraffic(UndecidedTraffic.PROFILES, null), List.of()));
        status.setRuleMatches(List.of(new ReportedRuleMatch(new ReportedRuleMatch.Key("inbound", "destination",
                "role == 'db'", "role == 'db'", "GlobalNetworkPolicy", null, false),
                List.of(new MatchingRule("allow-web", 1)))));
        status.setConditions(List.of(
                new ReportCondition(ReportCondition.VALID, ReportCondition.TRUE, "Valid", "no violations", 1L),
                new ReportCondition(ReportCondition.MATCHED, ReportCondition.TRUE, "PoliciesApply",
                        "2 policies and 1 profile apply", 1L),
                new ReportCondition(ReportCondition.READY, ReportCondition.TRUE, "Reconciled", "report is current", 1L)));
        report.setStatus(status.withCountsFromLists());
        return report;
    }

    /** An invalid host endpoint: nothing applies and one violation. */
    public static PolicyMatchReport invalidHostEndpoint() {
        PolicyMatchReport report = new PolicyMatchReport();
        report.getMetadata().setName("hep.bad");
        report.getMetadata().setNamespace("policymatch-system");
        report.getMetadata().setCreationTimestamp("2026-11-23T10:00:00Z");
        report.setSpec(new PolicyMatchReportSpec(new ReportedEndpoint(EndpointKind.HOST_LABEL, "bad", "", "/bad")));
        PolicyMatchReportStatus status = new PolicyMatchReportStatus();
        status.setObservedGeneration(1L);
        status.setViolations(List.of(new ReportedViolation("spec.node", "", "must be set")));
        status.setIngress(new DirectionSummary(new UndecidedTraffic(UndecidedTraffic.DENY, null), List.of()));
        status.setEgress(new DirectionSummary(new UndecidedTraffic(UndecidedTraffic.DENY, null), List.of()));
        status.setConditions(List.of(
                new ReportCondition(ReportCondition.VALID, ReportCondition.FALSE, "InvalidHostEndpoint",
                        "1 violation: spec.node must be set", 1L),
                new ReportCondition(ReportCondition.MATCHED, ReportCondition.FALSE, "NothingApplies",
                        "no policy or profile applies", 1L),
                new ReportCondition(ReportCondition.READY, ReportCondition.TRUE, "Reconciled", "report is current", 1L)));
        report.setStatus(status.withCountsFromLists());
        return report;
    }

    static TierSummary tier(String name, int policies, String endOfTier) {
        TierSummary tier = new TierSummary();
        tier.setName(name);
        tier.setPolicies(policies);
        tier.setEndOfTier(endOfTier);
        return tier;
    }

    static AppliedPolicy policy(String name, String order) {
        AppliedPolicy policy = new AppliedPolicy();
        policy.setName(name);
        policy.setKind("GlobalNetworkPolicy");
        policy.setTier("default");
        policy.setOrder(new BigDecimal(order));
        policy.setSelector("role == 'db'");
        policy.setUntracked(false);
        policy.setPreDNAT(false);
        policy.setApplyOnForward(false);
        policy.setTypes(List.of("Ingress"));
        return policy;
    }
}
