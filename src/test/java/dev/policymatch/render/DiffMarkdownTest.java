package dev.policymatch.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.policymatch.diff.DiffSide;
import dev.policymatch.diff.EstateDiff;
import dev.policymatch.diff.SideDescription;
import dev.policymatch.match.Estate;
import dev.policymatch.model.Endpoint;
import dev.policymatch.model.HostEndpoint;
import dev.policymatch.validation.ResourceValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class DiffMarkdownTest {
    private static final SideDescription SIDE = new SideDescription(SideDescription.MANIFESTS, List.of(), null);

    @Test
    void staysUnderTheCommentLimitAndSaysHowManyAreLeftOut() {
        EstateDiff diff = relabelled(2_000, 40, "v".repeat(60));
        String markdown = DiffMarkdown.of(diff, QueryOptions.DEFAULT, 10_000);

        assertThat(markdown.length()).isLessThanOrEqualTo(60_000);
        int shown = count(markdown, "<details><summary><code>");
        assertThat(shown).isBetween(1, 1_999);
        assertThat(markdown).endsWith("_… and " + (2_000 - shown) + " more endpoints (" + (2_000 - shown)
                + " changed); run `calicoq diff` for all of them._\n");
        assertThat(markdown).startsWith(DiffMarkdown.MARKER + "\n### Calico policy diff: 2000 of 2000 endpoints affected\n");
    }

    @Test
    void showsFiftyEndpointsByDefaultAndTwentyLinesASection() {
        String markdown = DiffMarkdown.of(relabelled(60, 30, "x"), QueryOptions.DEFAULT, null);

        assertThat(count(markdown, "<details><summary><code>")).isEqualTo(50);
        assertThat(markdown).contains("_… and 10 more endpoints (10 changed)");
        String section = markdown.substring(markdown.indexOf("<details><summary><code>"));
        section = section.substring(section.indexOf("```diff\n") + 8, section.indexOf("\n```\n"));
        List<String> lines = section.lines().toList();
        assertThat(lines).hasSize(20).first().isEqualTo("@@ Labels @@");
        assertThat(lines.get(19)).isEqualTo("… and 12 more");
    }

    @Test
    void namesInSummariesAreEscapedAndFencesOutgrowBackticks() {
        assertThat(DiffMarkdown.escape("a<b>&\"c\"")).isEqualTo("a&lt;b&gt;&amp;&quot;c&quot;");
        assertThat(DiffMarkdown.fence("no ticks")).isEqualTo("```");
        assertThat(DiffMarkdown.fence("`x` and ````y````")).isEqualTo("`````");

        Estate base = Estate.of(List.of(host("h<i>", Map.of("a", "1"))), List.of(), List.of(), List.of());
        Estate head = Estate.of(List.of(host("h<i>", Map.of("a", "```@team"))), List.of(), List.of(), List.of());
        String markdown = DiffMarkdown.of(EstateDiff.compute(side(base), side(head), new ResourceValidator()),
                QueryOptions.DEFAULT, null);
        assertThat(markdown).contains("<summary><code>Host endpoint node/h&lt;i&gt;</code>: changed")
                .contains("\n````diff\n@@ Labels @@\n~ a: 1 → ```@team\n````\n");
        assertThat(markdown.replaceAll("(?s)\n(`{3,})diff\n.*?\n\\1\n", "\n")).as("outside the fences")
                .doesNotContain("<i>").doesNotContain("@team");
    }

    @Test
    void anEmptyDiffIsTheMarkerAndAHeading() {
        Estate estate = Estate.of(List.of(host("h", Map.of())), List.of(), List.of(), List.of());
        assertThat(DiffMarkdown.of(EstateDiff.compute(side(estate), side(estate), new ResourceValidator()),
                QueryOptions.DEFAULT, null)).isEqualTo(DiffMarkdown.MARKER + "\n### Calico policy diff: no endpoint "
                        + "affected\n\nno resource changed; no endpoint affected (1 endpoint)\n");
    }

    /** {@code endpoints} host endpoints whose {@code labels} labels all change. */
    private static EstateDiff relabelled(int endpoints, int labels, String value) {
        List<Endpoint> base = new ArrayList<>();
        List<Endpoint> head = new ArrayList<>();
        for (int i = 0; i < endpoints; i++) {
            Map<String, String> before = new TreeMap<>();
            Map<String, String> after = new TreeMap<>();
            for (int l = 0; l < labels; l++) {
                before.put("label" + l, value + "a");
                after.put("label" + l, value + "b");
            }
            base.add(host(String.format("h%05d", i), before));
            head.add(host(String.format("h%05d", i), after));
        }
        return EstateDiff.compute(side(Estate.of(base, List.of(), List.of(), List.of())),
                side(Estate.of(head, List.of(), List.of(), List.of())), new ResourceValidator());
    }

    private static HostEndpoint host(String name, Map<String, String> labels) {
        return new HostEndpoint(name, "node", new TreeMap<>(labels), "eth0", List.of(), List.of(), List.of());
    }

    private static DiffSide side(Estate estate) {
        return new DiffSide(estate, Map.of(), SIDE);
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }
}
