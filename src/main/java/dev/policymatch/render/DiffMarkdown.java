package dev.policymatch.render;

import dev.policymatch.diff.DiffSummary;
import dev.policymatch.diff.EndpointChange;
import dev.policymatch.diff.EstateDiff;
import dev.policymatch.diff.Delta;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code calicoq diff -o markdown}: the diff as a pull-request or merge-request comment. The first line is a fixed
 * marker a CI job finds its own comment by. Every string that comes from the resources is inside code (a fence, or
 * {@code <code>} with HTML escaped), so names and label values cannot inject markup or mention anyone. Bounded to
 * fit GitHub's 65,536-character comment: at most {@code maxEndpoints} endpoint sections of at most
 * {@value #MAX_SECTION_LINES} lines, and at most {@value #MAX_CHARACTERS} characters in all; the summary is always
 * complete.
 */
public final class DiffMarkdown {
    public static final String MARKER = "<!-- calicoq-diff -->";
    public static final int DEFAULT_MAX_ENDPOINTS = 50;
    static final int MAX_SECTION_LINES = 20;
    static final int MAX_RESOURCE_LINES = 100;
    static final int MAX_CHARACTERS = 60_000;
    private static final Pattern BACKTICKS = Pattern.compile("`+");

    private DiffMarkdown() {
    }

    /** @param maxEndpoints the endpoint sections to show at most; null for {@value #DEFAULT_MAX_ENDPOINTS} */
    public static String of(EstateDiff diff, QueryOptions options, Integer maxEndpoints) {
        return of(diff, options, maxEndpoints, MAX_CHARACTERS);
    }

    static String of(EstateDiff diff, QueryOptions options, Integer maxEndpoints, int maxCharacters) {
        DiffSummary summary = diff.summary();
        StringBuilder text = new StringBuilder(MARKER).append('\n');
        if (summary.empty()) {
            return text.append("### Calico policy diff: no endpoint affected\n\n")
                    .append(DiffText.summary(summary)).append('\n').toString();
        }
        text.append("### Calico policy diff: ").append(summary.endpointsAffected() == 0 ? "no endpoint affected"
                : summary.endpointsAffected() + " of " + DiffText.count(summary.endpointsTotal(), "endpoint")
                        + " affected").append("\n\n");
        text.append(summary.resourcesChanged()).append(summary.resourcesChanged() == 1 ? " resource" : " resources")
                .append(" changed (").append(summary.resourcesAdded()).append(" added, ")
                .append(summary.resourcesRemoved()).append(" removed, ").append(summary.resourcesModified())
                .append(" modified) · endpoints: ").append(DiffText.endpointCounts(summary)).append(" ·\n**")
                .append(summary.becameUnmatched()).append(" became unmatched** · **").append(summary.becameInvalid())
                .append(" became invalid**\n");
        List<String> resources = DiffText.resourceLines(diff.resources());
        if (!resources.isEmpty()) {
            text.append('\n').append(details("Resources (" + diff.resources().size() + ")",
                    bounded(resources, MAX_RESOURCE_LINES)));
        }
        int limit = maxEndpoints == null ? DEFAULT_MAX_ENDPOINTS : maxEndpoints;
        List<EndpointChange> endpoints = diff.endpoints();
        int shown = 0;
        for (EndpointChange change : endpoints) {
            String section = '\n' + section(change, options);
            // Room is kept for the closing line, whatever is left out.
            if (shown == limit || text.length() + section.length() + 200 > maxCharacters) {
                break;
            }
            text.append(section);
            shown++;
        }
        if (shown < endpoints.size()) {
            text.append("\n_").append(DiffText.more(endpoints.subList(shown, endpoints.size())))
                    .append("; run `calicoq diff` for all of them._\n");
        }
        return text.toString();
    }

    private static String section(EndpointChange change, QueryOptions options) {
        List<String> lines = new ArrayList<>();
        for (DiffText.Part part : DiffText.parts(change, options)) {
            lines.add("@@ " + part.title() + " @@");
            // The +/-/~ marker in column 0, so GitHub and GitLab colour the lines of a diff fence.
            part.lines().forEach(line -> lines.add(part.separator() == null ? line : "  " + line));
        }
        String summary = "<code>" + escape(CalicoqText.fullHeading(change.key())) + "</code>: "
                + change.change().name().toLowerCase(Locale.ROOT) + gist(change);
        return details(summary, bounded(lines, MAX_SECTION_LINES));
    }

    /** {@code  · 1 policy lost, 2 labels changed}: what the section holds, in counts only. */
    private static String gist(EndpointChange change) {
        List<String> parts = new ArrayList<>();
        if (change.becameInvalid()) {
            parts.add("became invalid");
        }
        if (change.becameUnmatched()) {
            parts.add("became unmatched");
        }
        for (Delta delta : Delta.values()) {
            String word = delta.name().toLowerCase(Locale.ROOT);
            add(parts, change.policies().stream().filter(policy -> policy.delta() == delta).count(), "policy",
                    "policies", word);
            add(parts, change.profiles().stream().filter(profile -> profile.delta() == delta).count(), "profile",
                    "profiles", word);
            add(parts, change.ruleMatches().stream().filter(rule -> rule.delta() == delta).count(), "rule match",
                    "rule matches", word);
        }
        add(parts, change.labels().size(), "label", "labels", "changed");
        return parts.isEmpty() ? "" : " · " + String.join(", ", parts);
    }

    private static void add(List<String> parts, long count, String one, String many, String what) {
        if (count > 0) {
            parts.add(count + " " + (count == 1 ? one : many) + " " + what);
        }
    }

    private static List<String> bounded(List<String> lines, int max) {
        if (lines.size() <= max) {
            return lines;
        }
        List<String> kept = new ArrayList<>(lines.subList(0, max - 1));
        kept.add("… and " + (lines.size() - kept.size()) + " more");
        return kept;
    }

    /** A collapsed block: the summary (already escaped) and the lines in a diff fence. */
    private static String details(String summary, List<String> lines) {
        String body = String.join("\n", lines);
        String fence = fence(body);
        return "<details><summary>" + summary + "</summary>\n\n" + fence + "diff\n" + body + "\n" + fence
                + "\n</details>\n";
    }

    /** One backtick longer than the longest run of backticks in the content, and at least three. */
    static String fence(String content) {
        int longest = 0;
        Matcher matcher = BACKTICKS.matcher(content);
        while (matcher.find()) {
            longest = Math.max(longest, matcher.group().length());
        }
        return "`".repeat(Math.max(3, longest + 1));
    }

    /** HTML text: {@code & < > "} escaped. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
