package dev.policymatch.render;

import static dev.policymatch.match.Fixtures.gnp;
import static dev.policymatch.match.Fixtures.host;
import static dev.policymatch.match.Fixtures.labels;
import static dev.policymatch.match.Fixtures.pod;
import static dev.policymatch.match.Fixtures.profile;
import static org.assertj.core.api.Assertions.assertThat;

import dev.policymatch.match.Direction;
import dev.policymatch.match.EndpointMatch;
import dev.policymatch.match.MatchIndex;
import dev.policymatch.match.PolicyKey;
import dev.policymatch.match.PolicyMatch;
import dev.policymatch.model.Endpoint;
import dev.policymatch.model.Policy;
import dev.policymatch.model.Profile;
import dev.policymatch.model.Rule;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The parts of explain's text the goldens do not reach: nested clauses, v1 actions, tierless policies, lost labels. */
class ExplainTextTest {

    private static String walk(MatchIndex index, Endpoint endpoint, Direction direction) {
        EndpointMatch match = index.match(endpoint.key()).orElseThrow();
        Map<String, Profile> profiles = new HashMap<>();
        match.profiles().forEach(name -> index.profile(name).ifPresent(profile -> profiles.put(name, profile)));
        return ExplainText.of(Explanation.walk(match, index.labelProvenance(endpoint.key()).orElseThrow(), profiles,
                List.of(direction)));
    }

    private static String policy(MatchIndex index, Endpoint endpoint, Policy policy) {
        EndpointMatch match = index.match(endpoint.key()).orElseThrow();
        PolicyMatch named = index.policy(PolicyKey.of(policy)).orElseThrow();
        return ExplainText.of(Explanation.policy(match, index.labelProvenance(endpoint.key()).orElseThrow(),
                Map.of(), List.of(Direction.INBOUND), named.compiled(), named.tier()));
    }

    @Test
    void everyOperandOfANestedSelectorIsShownWithItsEvidence() {
        Endpoint web = host("web1", labels("app", "web", "env", "dev"));
        Policy policy = gnp("p").selector("app == 'web' && (env == 'prod' || !has(zone))").build();
        MatchIndex index = MatchIndex.builder().endpoint(web).policy(policy).build();

        assertThat(policy(index, web, policy)).contains("""
                  Applies to this endpoint: true
                    true   selector: (app == "web" && (env == "prod" || !has(zone)))
                           true   app == "web"
                               app = "web" (endpoint)
                           true   (env == "prod" || !has(zone))
                             false  env == "prod"
                                 env = "dev" (endpoint)
                             true   !has(zone)
                               false  has(zone)
                                   zone: not set
                """);
    }

    @Test
    void calicoctlV1ActionsAreShownAsV3SpellsThem() {
        Endpoint web = host("web1", labels("app", "web"));
        Policy policy = gnp("v1").selector("app == 'web'")
                .ingress(new Rule("allow", null, null, null), new Rule("next-tier", null, null, null),
                        new Rule("log", null, null, null))
                .build();
        MatchIndex index = MatchIndex.builder().endpoint(web).policy(policy).build();

        assertThat(walk(index, web, Direction.INBOUND))
                .contains("      Policy \"v1\" (order default; rules: 1 Allow, 2 Pass, 3 Log)\n");
    }

    @Test
    void aTierWithoutATierResourceIsSaidToSortLastAndDeny() {
        Endpoint web = host("web1", labels("app", "web"));
        Policy policy = gnp("ghost.p").tier("ghost").selector("app == 'web'").ingress(new Rule("Allow", null, null, null))
                .build();
        MatchIndex index = MatchIndex.builder().endpoint(web).policy(policy).build();

        assertThat(walk(index, web, Direction.INBOUND)).contains("""
                    Tier "ghost" (no Tier resource: sorted last, default action Deny)
                      Policy "ghost.p" (order default; rules: 1 Allow)
                      End of tier: Deny
                """);
    }

    @Test
    void aWorkloadsForgedAndShadowedLabelsAreShown() {
        Endpoint api = pod("shop", "api", labels("app", "api", "pcns.team", "forged"), "kns.shop", "extra");
        MatchIndex index = MatchIndex.builder()
                .profile(profile("kns.shop", labels("pcns.team", "shop")))
                .profile(profile("extra", labels("app", "other")))
                .endpoint(api).build();

        assertThat(walk(index, api, Direction.OUTBOUND)).startsWith("""
                Workload endpoint node1/k8s/shop.api/eth0
                  Labels:
                    app=api (endpoint; profile extra sets other, not used)
                    pcns.team=shop (namespace shop)
                    projectcalico.org/namespace=shop (Calico, from the endpoint's namespace)
                    projectcalico.org/orchestrator=k8s (Calico, from the endpoint's orchestrator)
                  Labels selectors do not see:
                    pcns.team=forged (Calico drops a workload's own pcns. labels)

                Egress: traffic from the workload
                  Normal:
                    Profiles:
                      Profile kns.shop (no egress rules)
                      Profile extra (no egress rules)
                      No profile allows: Deny
                  Traffic no policy decides: passed to the profiles
                """);
    }
}
