package dev.policymatch.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.policymatch.match.Estate;
import dev.policymatch.match.PolicyKey;
import dev.policymatch.model.DefaultAction;
import dev.policymatch.model.HostEndpoint;
import dev.policymatch.model.Policy;
import dev.policymatch.model.Profile;
import dev.policymatch.model.Tier;
import dev.policymatch.source.Catalog;
import dev.policymatch.source.Located;
import dev.policymatch.source.ManifestReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChangeSetTest {
    @TempDir
    Path temp;

    @Test
    void theLaterResourceOfAnIdentityWins() {
        Tier first = new Tier("security", 100d);
        Tier second = new Tier("security", 200d);
        Estate estate = Estate.of(List.of(), List.of(), List.of(), List.of(first, second));
        assertThat(estate.tiers()).containsExactly(Map.entry("security", second));
    }

    @Test
    void anOverlayReplacesByIdentityAndKeepsTheRest() {
        Estate base = Estate.of(List.of(host("a", "1"), host("b", "1")), List.of(), List.of(), List.of());
        Estate top = Estate.of(List.of(host("b", "2"), host("c", "1")), List.of(), List.of(), List.of());
        Estate overlaid = base.overlay(top);
        assertThat(overlaid.endpoints().values()).containsExactly(host("a", "1"), host("b", "2"), host("c", "1"));
    }

    @Test
    void addedRemovedAndModifiedByValue() {
        Profile db = new Profile("db", new TreeMap<>(Map.of("role", "db")), List.of(), List.of());
        Profile dbAgain = new Profile("db", new TreeMap<>(Map.of("role", "db")), List.of(), List.of());
        Estate base = Estate.of(List.of(host("a", "1"), host("b", "1")), List.of(), List.of(db),
                List.of(new Tier("t", 1d)));
        Estate head = Estate.of(List.of(host("b", "2"), host("c", "1")), List.of(), List.of(dbAgain),
                List.of(new Tier("t", 1d, DefaultAction.PASS)));
        ChangeSet changes = ChangeSet.between(base, head);

        assertThat(changes.endpoints().added()).containsOnlyKeys(host("c", "1").key());
        assertThat(changes.endpoints().removed()).containsOnlyKeys(host("a", "1").key());
        assertThat(changes.endpoints().modified()).containsOnlyKeys(host("b", "1").key());
        assertThat(changes.profiles().size()).as("an equal profile is no change").isZero();
        assertThat(changes.tiers().modified()).containsOnlyKeys("t");
        assertThat(ChangeSet.between(base, base).isEmpty()).isTrue();
    }

    @Test
    void reformattingAManifestIsNoChange() throws IOException {
        Path compact = temp.resolve("compact.yaml");
        Files.writeString(compact, "apiVersion: projectcalico.org/v3\nkind: GlobalNetworkPolicy\nmetadata: {name: p}\n"
                + "spec: {order: 10, selector: \"role == 'db'\", ingress: [{action: Allow, source: {selector: \"a == 'b'\"}}]}\n");
        Path spread = temp.resolve("spread.yaml");
        Files.writeString(spread, """
                # The same policy, written out.
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata:
                  name: p
                spec:
                  order: 10.0
                  selector: role == 'db'
                  ingress:
                    - action: Allow
                      source:
                        selector: a == 'b'
                """);
        Policy a = policy(compact);
        Policy b = policy(spread);
        ChangeSet changes = ChangeSet.between(Estate.of(List.of(), List.of(a), List.of(), List.of()),
                Estate.of(List.of(), List.of(b), List.of(), List.of()));
        assertThat(changes.isEmpty()).isTrue();
        assertThat(PolicyKey.of(a)).isEqualTo(PolicyKey.global("p"));
    }

    private Policy policy(Path file) throws IOException {
        Catalog catalog = new ManifestReader(warning -> { }).readString(file.toString(), Files.readString(file));
        return catalog.policies().stream().map(Located::resource).findFirst().orElseThrow();
    }

    private static HostEndpoint host(String name, String zone) {
        return new HostEndpoint(name, "node", new TreeMap<>(Map.of("zone", zone)), "eth0", List.of(),
                List.of(), List.of());
    }
}
