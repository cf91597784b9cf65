package dev.policymatch.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.policymatch.model.HostEndpoint;
import dev.policymatch.model.Policy;
import dev.policymatch.model.Profile;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The queries diff asks the index: a snapshot of every result, and who lists a profile. */
class MatchIndexResultsTest {
    private static final HostEndpoint DB = new HostEndpoint("db", "n", new TreeMap<>(Map.of("role", "db")), "eth0",
            List.of(), List.of("database", "missing"), List.of());
    private static final HostEndpoint WEB = new HostEndpoint("web", "n", new TreeMap<>(Map.of("role", "web")), "eth0",
            List.of(), List.of(), List.of());
    private static final Policy ALL = new Policy("all", null, null, 1d, "all()", null, List.of(), List.of(), false,
            false, false, null, null);

    @Test
    void resultsAreASnapshotOfEveryEndpoint() {
        MatchIndex index = MatchIndex.builder().endpoints(List.of(DB, WEB)).policy(ALL).build();
        Map<dev.policymatch.model.EndpointKey, EndpointMatch> before = index.results();
        assertThat(before).containsOnlyKeys(DB.key(), WEB.key());
        assertThat(before.get(DB.key())).isEqualTo(index.match(DB.key()).orElseThrow());

        index.removePolicy(PolicyKey.of(ALL));
        assertThat(before.get(DB.key()).policies()).as("taken before the change").containsExactly(ALL);
        assertThat(index.results().get(DB.key()).policies()).isEmpty();
    }

    @Test
    void endpointsListingAProfileWhetherOrNotItExists() {
        MatchIndex index = MatchIndex.builder().endpoints(List.of(DB, WEB))
                .profile(new Profile("database", new TreeMap<>(), List.of(), List.of())).build();
        assertThat(index.endpointsListingProfile("database")).containsExactly(DB.key());
        assertThat(index.endpointsListingProfile("missing")).containsExactly(DB.key());
        assertThat(index.endpointsListingProfile("nobody")).isEmpty();
        index.removeEndpoint(DB.key());
        assertThat(index.endpointsListingProfile("database")).isEmpty();
    }

    @Test
    void theBuilderTakesAnEstateAndTheLaterOfTwoWins() {
        Policy narrowed = new Policy("all", null, null, 1d, "role == 'web'", null, List.of(), List.of(), false, false,
                false, null, null);
        MatchIndex index = MatchIndex.builder().policy(ALL)
                .estate(Estate.of(List.of(DB, WEB), List.of(narrowed), List.of(), List.of())).build();
        assertThat(index.match(DB.key()).orElseThrow().policies()).isEmpty();
        assertThat(index.match(WEB.key()).orElseThrow().policies()).containsExactly(narrowed);
    }
}
