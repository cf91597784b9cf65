package dev.policymatch.render;

import static dev.policymatch.match.Fixtures.gnp;
import static dev.policymatch.match.Fixtures.labels;
import static dev.policymatch.match.Fixtures.np;
import static dev.policymatch.match.Fixtures.pod;
import static dev.policymatch.match.Fixtures.rule;
import static dev.policymatch.match.Fixtures.tier;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.policymatch.api.AppliedPolicy;
import dev.policymatch.api.MatchingRule;
import dev.policymatch.api.PolicyMatchReportStatus;
import dev.policymatch.api.Reasons;
import dev.policymatch.api.ReportCondition;
import dev.policymatch.api.ReportedTier;
import dev.policymatch.match.EndpointMatch;
import dev.policymatch.match.MatchIndex;
import dev.policymatch.model.DefaultAction;
import dev.policymatch.model.EntityMatch;
import dev.policymatch.model.Policy;
import dev.policymatch.model.PolicyKind;
import dev.policymatch.model.StagedAction;
import dev.policymatch.model.WorkloadEndpoint;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How policies of Calico 3.30+ kinds and their tiers show: staged policies at their place in the text, apart
 * in JSON and the report, never counted as enforced; every policy with its kind, own name and its tier's order
 * and default action.
 */
class PolicyKindsRenderingTest {
    private static final WorkloadEndpoint DB = pod("shop", "db", labels("app", "db"));
    private static final WorkloadEndpoint WEB = pod("shop", "web", labels("app", "web",
            "projectcalico.org/orchestrator", "k8s"));

    private static final Policy LOCKDOWN = gnp("lockdown").kind(PolicyKind.STAGED_GLOBAL_NETWORK_POLICY).order(100)
            .selector("app == 'db'").ingress(new dev.policymatch.model.Rule("Deny", null, null, null)).build();
    private static final Policy ALLOW_DB = gnp("allow-db").order(100).selector("app == 'db'").build();
    /** A StagedKubernetesNetworkPolicy as Calico converts it: order 1000, tier default, podSelector app=web. */
    private static final Policy STAGED_WEB = np("shop", "web").kind(PolicyKind.STAGED_KUBERNETES_NETWORK_POLICY)
            .staged(StagedAction.LEARN).order(1000)
            .selector("projectcalico.org/orchestrator == 'k8s' && app == 'web'")
            .ingress(rule(new EntityMatch("projectcalico.org/orchestrator == 'k8s'", null, null, null, null, null,
                    null, null), null)).build();

    private static MatchIndex index() {
        return MatchIndex.builder().endpoints(List.of(DB, WEB)).policies(List.of(LOCKDOWN, ALLOW_DB, STAGED_WEB))
                .build();
    }

    private static PolicyMatchReportStatus status(EndpointMatch match) {
        return ReportComposer.status(java.util.Optional.of(match), List.of(), 1L, Reasons.INVALID_WORKLOAD_ENDPOINT);
    }

    @Test
    void textListsStagedPoliciesAtTheirPlaceUnderCalicosNames() {
        String text = CalicoqText.endpoints(index().matches(), QueryOptions.DEFAULT);
        assertThat(text).contains("""
                Workload endpoint k8s/shop.db/eth0
                  Policies:
                    Policy "allow-db" (order 100; selector "app == 'db'")
                    Policy "staged:lockdown" (order 100; selector "app == 'db'")
                """);
        assertThat(text).contains("""
                Workload endpoint k8s/shop.web/eth0
                  Policies:
                    Policy "shop/staged:knp.default.web" (order 1000; selector "projectcalico.org/orchestrator == 'k8s' && app == 'web'")
                  Rule matches:
                    Policy "shop/staged:knp.default.web" inbound rule 1 source match; selector "(projectcalico.org/namespace == 'shop') && (projectcalico.org/orchestrator == 'k8s')"
                """);
    }

    @Test
    void documentsKeepStagedPoliciesApart() throws Exception {
        JsonNode endpoints = new ObjectMapper().readTree(Documents.json(
                QueryDocuments.endpoints(index().matches(), QueryOptions.DEFAULT))).get("endpoints");
        JsonNode db = endpoints.get(0);
        assertThat(db.get("fullName").asText()).isEqualTo("node1/k8s/shop.db/eth0");
        assertThat(db.get("policies")).extracting(p -> p.get("name").asText()).containsExactly("allow-db");
        assertThat(db.get("stagedPolicies")).singleElement().satisfies(staged -> {
            assertThat(staged.get("name").asText()).isEqualTo("lockdown");
            assertThat(staged.get("kind").asText()).isEqualTo("StagedGlobalNetworkPolicy");
            assertThat(staged.get("stagedAction").asText()).isEqualTo("Set");
            assertThat(staged.get("tierDefaultAction").asText()).isEqualTo("Deny");
        });
        JsonNode web = endpoints.get(1);
        assertThat(web.get("policies")).isEmpty();
        assertThat(web.get("stagedPolicies").get(0).get("stagedAction").asText()).isEqualTo("Learn");
        assertThat(web.get("ruleMatches").get(0).get("staged").asBoolean()).isTrue();
        assertThat(web.get("ruleMatches").get(0).get("kind").asText()).isEqualTo("StagedKubernetesNetworkPolicy");
        assertThat(web.get("ruleMatches").get(0).has("selector")).isTrue();
    }

    @Test
    void theReportCountsEnforcedPoliciesOnly() {
        MatchIndex index = index();
        PolicyMatchReportStatus db = status(index.match(DB.key()).orElseThrow());
        assertThat(db.getPolicies()).extracting(AppliedPolicy::getName).containsExactly("allow-db");
        assertThat(db.getStagedPolicies()).extracting(AppliedPolicy::getName, AppliedPolicy::getStagedAction)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("lockdown", "Set"));
        assertThat(db.getCounts().getPolicies()).isEqualTo(1);
        assertThat(db.getCounts().getStagedPolicies()).isEqualTo(1);
        assertThat(db.condition(ReportCondition.MATCHED).getMessage()).isEqualTo("1 policy and 0 profiles apply");

        EndpointMatch web = index.match(WEB.key()).orElseThrow();
        assertThat(web.isMatched()).as("only a staged policy applies").isFalse();
        PolicyMatchReportStatus webStatus = status(web);
        assertThat(webStatus.condition(ReportCondition.MATCHED).getStatus()).isEqualTo(ReportCondition.FALSE);
        assertThat(webStatus.getStagedPolicies()).singleElement().satisfies(staged -> {
            assertThat(staged.getKind()).isEqualTo("StagedKubernetesNetworkPolicy");
            assertThat(staged.getName()).isEqualTo("web");
            assertThat(staged.getNamespace()).isEqualTo("shop");
        });
        assertThat(webStatus.getRuleMatches()).singleElement().satisfies(match -> {
            assertThat(match.getStaged()).isTrue();
            assertThat(match.getKind()).isEqualTo("StagedKubernetesNetworkPolicy");
            assertThat(match.getRules()).extracting(MatchingRule::getPolicy).containsExactly("web");
            assertThat(match.getEffectiveSelector())
                    .isEqualTo("(projectcalico.org/namespace == 'shop') && (projectcalico.org/orchestrator == 'k8s')");
        });
    }

    @Test
    void everyTierOfAPolicyIsStatedOnceWithItsOrderDefaultActionAndSource() {
        WorkloadEndpoint any = pod("shop", "any", labels());
        MatchIndex index = MatchIndex.builder().endpoint(any)
                .policy(gnp("u").tier("kube-baseline").order(1).build())
                .policy(gnp("d").order(5).build())
                .policy(gnp("d2").order(6).build())
                .policy(gnp("a").tier("kube-admin").order(900).build())
                .policy(gnp("g").tier("ghost").order(1).build())
                .policy(gnp("t").tier("t").order(1).build())
                .tier(tier("t", 2e6, DefaultAction.PASS))
                .build();
        PolicyMatchReportStatus status = status(index.match(any.key()).orElseThrow());
        assertThat(status.getPolicies()).extracting(AppliedPolicy::getName, AppliedPolicy::getTier)
                .containsExactly(tuple("a", "kube-admin"), tuple("d", "default"), tuple("d2", "default"),
                        tuple("t", "t"), tuple("u", "kube-baseline"), tuple("g", "ghost"));
        assertThat(status.getTiers()).extracting(ReportedTier::getName,
                        tier -> tier.getOrder() == null ? null : tier.getOrder().toPlainString(),
                        ReportedTier::getDefaultAction, ReportedTier::getSource)
                .containsExactly(
                        tuple("kube-admin", "1000", "Pass", "built-in"),
                        tuple("default", "1000000", "Deny", "built-in"),
                        tuple("t", "2000000", "Pass", "resource"),
                        tuple("kube-baseline", "10000000", "Pass", "built-in"),
                        tuple("ghost", null, "Deny", "none"));
        assertThat(Serialization.asJson(status)).as("a policy names its tier only")
                .doesNotContain("tierOrder", "tierDefaultAction", "tierSource");
    }

    @Test
    void aKubernetesNetworkPolicyShowsItsOwnNameAndKindButCalicosTextName() throws Exception {
        Policy knp = np("shop", "x").kind(PolicyKind.KUBERNETES_NETWORK_POLICY).order(1000).build();
        WorkloadEndpoint any = pod("shop", "any", labels());
        MatchIndex index = MatchIndex.builder().endpoint(any).policy(knp).build();
        assertThat(CalicoqText.endpoints(index.matches(), QueryOptions.DEFAULT))
                .contains("    Policy \"shop/knp.default.x\" (order 1000; selector \"all()\")\n");
        JsonNode policy = new ObjectMapper().readTree(Documents.json(QueryDocuments.endpoints(index.matches(),
                QueryOptions.DEFAULT))).get("endpoints").get(0).get("policies").get(0);
        assertThat(policy.get("name").asText()).isEqualTo("x");
        assertThat(policy.get("kind").asText()).isEqualTo("KubernetesNetworkPolicy");
        assertThat(policy.get("namespace").asText()).isEqualTo("shop");
    }
}
