package dev.policymatch.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.policymatch.match.Estate;
import dev.policymatch.model.EntityMatch;
import dev.policymatch.model.HostEndpoint;
import dev.policymatch.model.Policy;
import dev.policymatch.model.Rule;
import dev.policymatch.validation.ResourceValidator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The rules of what an endpoint shows (docs/cli.md, "What counts as a change"), on hand-made estates. */
class EstateDiffTest {
    private static final SideDescription SIDE = new SideDescription(SideDescription.MANIFESTS, List.of(), null);
    private static final HostEndpoint DB = host("db", "db");
    private static final HostEndpoint WEB = host("web", "web");

    @Test
    void anEditElsewhereInAPolicyKeepsItsRuleMatchesOut() {
        Policy before = policy("p", 10d, "role == 'db'", "role == 'web'");
        Policy after = policy("p", 10d, "role == 'db' || role == 'cache'", "role == 'web'");
        EstateDiff diff = diff(List.of(before), List.of(after));

        assertThat(diff.endpoints()).extracting(EndpointChange::key).containsExactly(DB.key());
        EndpointChange db = diff.endpoints().get(0);
        assertThat(db.policies()).singleElement().satisfies(change -> {
            assertThat(change.delta()).isEqualTo(Delta.MODIFIED);
            assertThat(change.fields()).containsExactly("selector");
        });
        assertThat(db.ruleMatches()).isEmpty();
    }

    @Test
    void aChangedRuleSelectorIsOneRuleMatchLostAndOneGained() {
        EstateDiff diff = diff(List.of(policy("p", 10d, "role == 'db'", "role == 'web'")),
                List.of(policy("p", 10d, "role == 'db'", "role in {'web'}")));
        EndpointChange web = diff.endpoints().stream().filter(change -> change.key().equals(WEB.key())).findFirst()
                .orElseThrow();
        assertThat(web.ruleMatches()).extracting(RuleMatchChange::delta).containsExactly(Delta.LOST, Delta.GAINED);
        assertThat(web.ruleMatches()).extracting(change -> change.rule().selector())
                .containsExactly("role == 'web'", "role in {'web'}");
    }

    @Test
    void anInsertionBeforeAPolicyIsNoMoveButAReorderIs() {
        Policy a = policy("a", 10d, "role == 'db'", null);
        Policy b = policy("b", 20d, "role == 'db'", null);
        Policy first = policy("first", 1d, "role == 'db'", null);
        EndpointChange inserted = diff(List.of(a, b), List.of(first, a, b)).endpoints().get(0);
        assertThat(inserted.policies()).extracting(PolicyChange::delta).containsExactly(Delta.GAINED);

        EndpointChange reordered = diff(List.of(a, b), List.of(policy("a", 30d, "role == 'db'", null), b))
                .endpoints().get(0);
        assertThat(reordered.policies()).extracting(PolicyChange::delta, PolicyChange::basePosition,
                PolicyChange::headPosition).containsExactly(
                        tuple(Delta.MOVED, 2, 1),
                        tuple(Delta.MODIFIED, 1, 2));
    }

    private static EstateDiff diff(List<Policy> base, List<Policy> head) {
        Estate before = Estate.of(List.of(DB, WEB), base, List.of(), List.of());
        Estate after = Estate.of(List.of(DB, WEB), head, List.of(), List.of());
        EstateDiff diff = EstateDiff.compute(new DiffSide(before, Map.of(), SIDE), new DiffSide(after, Map.of(), SIDE),
                new ResourceValidator());
        assertThat(diff).isEqualTo(EstateDiff.computeFully(new DiffSide(before, Map.of(), SIDE),
                new DiffSide(after, Map.of(), SIDE), new ResourceValidator()));
        return diff;
    }

    private static Policy policy(String name, Double order, String selector, String ruleSource) {
        List<Rule> ingress = ruleSource == null ? List.of() : List.of(new Rule("Allow", null,
                new EntityMatch(ruleSource, null, null, null, null, null, null, null), null));
        return new Policy(name, null, null, order, selector, null, ingress, List.of(), false, false, false, null, null);
    }

    private static HostEndpoint host(String name, String role) {
        return new HostEndpoint(name, "n", new TreeMap<>(Map.of("role", role)), "eth0", List.of(), List.of(), List.of());
    }
}
