package dev.policymatch.match;

import static dev.policymatch.match.Fixtures.allowFrom;
import static dev.policymatch.match.Fixtures.gnp;
import static dev.policymatch.match.Fixtures.host;
import static dev.policymatch.match.Fixtures.labels;
import static dev.policymatch.match.Fixtures.np;
import static dev.policymatch.match.Fixtures.pod;
import static dev.policymatch.match.Fixtures.profile;
import static org.assertj.core.api.Assertions.assertThat;

import dev.policymatch.model.Endpoint;
import dev.policymatch.model.Profile;
import dev.policymatch.model.Rule;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every change returns exactly the endpoints whose result changed. */
class MatchIndexChangesTest {
    static final Endpoint A = pod("ns1", "a", labels("app", "web"), "kns.ns1");
    static final Endpoint B = pod("ns1", "b", labels("app", "db"), "kns.ns1");
    static final Endpoint C = pod("ns2", "c", labels("app", "web"), "kns.ns2");
    static final Endpoint H = host("h", labels("app", "web"), "shared");

    MatchIndex index;

    @BeforeEach
    void setUp() {
        index = new MatchIndex();
        assertThat(index.upsertProfile(profile("kns.ns1", labels("pcns.team", "blue")))).isEmpty();
        for (Endpoint endpoint : List.of(A, B, C, H)) {
            assertThat(index.upsertEndpoint(endpoint)).containsExactly(endpoint.key());
        }
    }

    @Test
    void endpoints() {
        assertThat(index.upsertEndpoint(A)).as("same endpoint again").isEmpty();
        Endpoint relabelled = pod("ns1", "a", labels("app", "web", "extra", "x"), "kns.ns1");
        assertThat(index.upsertEndpoint(relabelled)).as("labels are part of the result").containsExactly(A.key());
        assertThat(index.removeEndpoint(A.key())).containsExactly(A.key());
        assertThat(index.removeEndpoint(A.key())).isEmpty();
        assertThat(index.match(A.key())).isEmpty();
        assertThat(index.endpoints()).containsExactly(H, B, C);
    }

    @Test
    void resultsHoldTheCompiledPoliciesOfTheIndexSoNothingIsCompiledAgain() {
        index.upsertPolicy(gnp("web").selector("app == 'web'").build());
        CompiledPolicy web = index.policies().get(0);
        assertThat(index.match(A.key()).orElseThrow().compiledPolicies()).singleElement().isSameAs(web);
        index.upsertEndpoint(pod("ns1", "a", labels("app", "web", "extra", "x"), "kns.ns1"));
        assertThat(index.match(A.key()).orElseThrow().compiledPolicies()).singleElement().isSameAs(web);

        MatchIndex built = MatchIndex.builder().endpoint(A).policy(web.policy()).build();
        assertThat(built.match(A.key()).orElseThrow().compiledPolicies()).singleElement()
                .isSameAs(built.policies().get(0));
    }

    @Test
    void policies() {
        assertThat(index.upsertPolicy(gnp("web").selector("app == 'web'").build()))
                .containsExactlyInAnyOrder(A.key(), C.key(), H.key());
        assertThat(index.upsertPolicy(gnp("web").selector("app == 'web'").build())).as("unchanged").isEmpty();
        assertThat(index.upsertPolicy(gnp("web").selector("app == 'web'").order(5).build()))
                .as("order is part of the result").containsExactlyInAnyOrder(A.key(), C.key(), H.key());
        assertThat(index.upsertPolicy(gnp("web").selector("app == 'web' && has(projectcalico.org/namespace)")
                .order(5).build())).as("the host endpoint leaves, the others show the new selector")
                .containsExactlyInAnyOrder(A.key(), C.key(), H.key());
        assertThat(index.match(H.key()).orElseThrow().policies()).isEmpty();
        assertThat(index.upsertPolicy(gnp("web").selector("app == 'db'").order(5).build()))
                .containsExactlyInAnyOrder(A.key(), B.key(), C.key());
        assertThat(index.upsertPolicy(np("ns2", "web").selector("app == 'db'").build()))
                .as("a NetworkPolicy in a namespace without db").isEmpty();
        assertThat(index.upsertPolicy(np("ns1", "nothing").selector("app == 'none'").build())).isEmpty();
        assertThat(index.removePolicy(PolicyKey.global("web"))).containsExactly(B.key());
        assertThat(index.removePolicy(PolicyKey.global("web"))).isEmpty();
        assertThat(index.removePolicy(new PolicyKey("ns2", "web"))).isEmpty();
    }

    @Test
    void ruleMatchesCountAsChanges() {
        assertThat(index.upsertPolicy(np("ns1", "from-web").selector("app == 'db'")
                .ingress(allowFrom("app == 'web'")).build()))
                .as("B gets the policy, A is its rule's source").containsExactlyInAnyOrder(A.key(), B.key());
        Rule fromAll = allowFrom("has(app)");
        assertThat(index.upsertPolicy(np("ns1", "from-web").selector("app == 'db'").ingress(fromAll).build()))
                .as("B is now a source too, A's rule match has a new selector")
                .containsExactlyInAnyOrder(A.key(), B.key());
        assertThat(index.policy(new PolicyKey("ns1", "from-web")).orElseThrow().ruleMatches())
                .containsOnlyKeys(A.key(), B.key());
    }

    @Test
    void profiles() {
        assertThat(index.upsertPolicy(gnp("blue").selector("pcns.team == 'blue'").build()))
                .containsExactlyInAnyOrder(A.key(), B.key());
        assertThat(index.upsertProfile(new Profile("kns.ns1", new java.util.TreeMap<>(labels("pcns.team", "blue")),
                List.of(allowFrom("all()")), List.of()))).as("only the profile's rules changed").isEmpty();
        assertThat(index.upsertProfile(profile("kns.ns2", labels("pcns.team", "blue"))))
                .as("C lists kns.ns2").containsExactly(C.key());
        assertThat(index.upsertProfile(profile("unused", labels("pcns.team", "blue")))).isEmpty();
        assertThat(index.upsertProfile(profile("shared", labels("zone", "a")))).as("H's labels change")
                .containsExactly(H.key());
        assertThat(index.removeProfile("kns.ns1")).containsExactlyInAnyOrder(A.key(), B.key());
        assertThat(index.match(A.key()).orElseThrow().policies()).isEmpty();
        assertThat(index.match(A.key()).orElseThrow().profiles()).as("still listed").containsExactly("kns.ns1");
        assertThat(index.removeProfile("kns.ns1")).isEmpty();
    }

    @Test
    void tiers() {
        index.upsertPolicy(gnp("t").tier("t1").selector("app == 'db'").build());
        index.upsertPolicy(gnp("d").selector("app == 'db'").build());
        assertThat(index.upsertTier(Fixtures.tier("unrelated", 1d))).isEmpty();
        assertThat(index.upsertTier(Fixtures.tier("t1", 1d))).containsExactly(B.key());
        assertThat(index.match(B.key()).orElseThrow().policies()).extracting(p -> p.name()).containsExactly("t", "d");
    }

    @Test
    void aTierDefaultActionChangeReturnsTheEndpointsWithAPolicyInItThoughNothingMoves() {
        index.upsertTier(Fixtures.tier("t1", 1d));
        index.upsertPolicy(gnp("t").tier("t1").selector("app == 'db'").build());
        assertThat(index.upsertTier(Fixtures.tier("t1", 1d, dev.policymatch.model.DefaultAction.PASS)))
                .containsExactly(B.key());
        assertThat(index.match(B.key()).orElseThrow().tiers().get("t1").defaultAction())
                .isEqualTo(dev.policymatch.model.DefaultAction.PASS);
    }
}
