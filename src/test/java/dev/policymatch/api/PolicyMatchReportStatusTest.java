package dev.policymatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.Serialization;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyMatchReportStatusTest {

    @Test
    void orderKeepsCalicosNumbersAsWritten() {
        PolicyMatchReportStatus status = SampleReports.matchedHostEndpoint().getStatus();
        String json = Serialization.asJson(status);
        assertThat(json).contains("\"order\":500,").contains("\"order\":500.5,");
        // Fabric8's YAML writer tags an integral BigDecimal (!!float '500'); it still reads back as 500.
        PolicyMatchReportStatus fromYaml = Serialization.unmarshal(Serialization.asYaml(status),
                PolicyMatchReportStatus.class);
        assertThat(fromYaml.getPolicies()).extracting(p -> p.getOrder().toString()).containsExactly("500", "500.5");

        AppliedPolicy fromDouble = new AppliedPolicy();
        fromDouble.setOrderValue(500.0);
        assertThat(fromDouble.getOrder()).isEqualTo(new BigDecimal("500"));
        fromDouble.setOrder(new BigDecimal("1E+3"));
        assertThat(fromDouble.getOrder().toString()).isEqualTo("1000");
    }

    @Test
    void statusSurvivesARoundTripThroughJsonUnchanged() {
        PolicyMatchReport report = SampleReports.matchedHostEndpoint();
        report.getStatus().carryTransitionTimes(null, Instant.parse("2026-11-23T10:00:00Z"));
        PolicyMatchReport read = Serialization.unmarshal(Serialization.asJson(report), PolicyMatchReport.class);
        assertThat(read.getStatus()).isEqualTo(report.getStatus());
        assertThat(read.getSpec()).isEqualTo(report.getSpec());
        assertThat(read.getStatus().condition(ReportCondition.READY).getLastTransitionTime())
                .isEqualTo("2026-11-23T10:00:00Z");
    }

    @Test
    void equalityIgnoresTransitionTimesButNotContent() {
        PolicyMatchReportStatus stored = SampleReports.matchedHostEndpoint().getStatus()
                .carryTransitionTimes(null, Instant.parse("2026-11-23T10:00:00Z"));
        PolicyMatchReportStatus computed = SampleReports.matchedHostEndpoint().getStatus();
        assertThat(computed).isEqualTo(stored).hasSameHashCodeAs(stored);

        computed.getConditions().get(0).setMessage("something else");
        assertThat(computed).isNotEqualTo(stored);

        PolicyMatchReportStatus fewerPolicies = SampleReports.matchedHostEndpoint().getStatus();
        fewerPolicies.setPolicies(List.of(fewerPolicies.getPolicies().get(0)));
        assertThat(fewerPolicies.withCountsFromLists()).isNotEqualTo(stored);

        PolicyMatchReportStatus passing = SampleReports.matchedHostEndpoint().getStatus();
        passing.getIngress().setUndecided(new UndecidedTraffic(UndecidedTraffic.PROFILES, null));
        assertThat(passing).isNotEqualTo(stored);
        PolicyMatchReportStatus staged = SampleReports.matchedHostEndpoint().getStatus();
        staged.getIngress().getTiers().get(0).setStagedPolicies(1);
        assertThat(staged).isNotEqualTo(stored);
        staged.getIngress().getTiers().get(0).setStagedPolicies(0);
        assertThat(staged).as("no staged policies is no field").isEqualTo(stored).hasSameHashCodeAs(stored);
    }

    @Test
    void transitionTimeMovesOnlyWhenTheConditionStatusChanges() {
        Instant first = Instant.parse("2026-11-23T10:00:00Z");
        Instant later = Instant.parse("2026-11-23T11:30:00.123Z");
        PolicyMatchReportStatus stored = SampleReports.matchedHostEndpoint().getStatus().carryTransitionTimes(null, first);

        PolicyMatchReportStatus next = SampleReports.matchedHostEndpoint().getStatus();
        next.condition(ReportCondition.MATCHED).setStatus(ReportCondition.FALSE);
        next.carryTransitionTimes(stored, later);

        assertThat(next.condition(ReportCondition.VALID).getLastTransitionTime()).isEqualTo("2026-11-23T10:00:00Z");
        assertThat(next.condition(ReportCondition.MATCHED).getLastTransitionTime()).isEqualTo("2026-11-23T11:30:00Z");
    }

    /** Written by an operator before issue 15: read (not refused by the informer), then found different. */
    @Test
    void aReportInTheFormerShapeIsReadAndDiffersFromTheCompactOne() {
        String former = """
                {"apiVersion":"policymatch.dev/v1alpha1","kind":"PolicyMatchReport","metadata":{"name":"hep.node1-eth0"},
                 "status":{"observedGeneration":1,"labels":{"role":"db"},
                  "policies":[{"name":"allow-db","kind":"GlobalNetworkPolicy","tier":"default","tierOrder":1000000,
                    "tierDefaultAction":"Deny","tierSource":"built-in","order":500,"selector":"role == 'db'",
                    "untracked":false,"preDNAT":false,"applyOnForward":false,"types":["Ingress"]}],
                  "stagedPolicies":[],"profiles":["kns.default"],
                  "ingress":{"undecided":{"action":"Deny","tier":"default"},
                    "tiers":[{"name":"default","order":1000000,"defaultAction":"Deny","policies":1,"endOfTier":"Deny"}]},
                  "egress":{"undecided":{"action":"Profiles"},"tiers":[]},
                  "ruleMatches":[{"policy":"allow-web","kind":"GlobalNetworkPolicy","direction":"inbound","rule":1,
                    "side":"destination","selector":"role == 'db'","effectiveSelector":"role == 'db'"}],
                  "violations":[],"counts":{"policies":1,"stagedPolicies":0,"profiles":1,"ruleMatches":1}}}
                """;
        PolicyMatchReport read = Serialization.unmarshal(former, PolicyMatchReport.class);

        PolicyMatchReportStatus status = read.getStatus();
        assertThat(status.getPolicies()).singleElement().satisfies(policy -> {
            assertThat(policy.getTier()).isEqualTo("default");
            assertThat(policy.getUntracked()).as("false is not kept").isNull();
        });
        assertThat(status.getIngress().getTiers()).singleElement()
                .satisfies(tier -> assertThat(tier.getEndOfTier()).isEqualTo("Deny"));
        assertThat(status.getRuleMatches()).singleElement().satisfies(match -> {
            assertThat(match.getSelector()).isEqualTo("role == 'db'");
            assertThat(match.getRules()).as("the former entry named no rules").isEmpty();
        });
        assertThat(status.getTiers()).isEmpty();
        assertThat(status.ruleMatchCount()).isZero();
        assertThat(status).as("rewritten at the next reconcile").isNotEqualTo(SampleReports.matchedHostEndpoint()
                .getStatus());
    }
}
