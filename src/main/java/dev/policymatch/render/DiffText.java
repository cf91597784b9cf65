package dev.policymatch.render;

import dev.policymatch.diff.Delta;
import dev.policymatch.diff.DiffSummary;
import dev.policymatch.diff.DirectionChange;
import dev.policymatch.diff.EndpointChange;
import dev.policymatch.diff.EstateDiff;
import dev.policymatch.diff.Flip;
import dev.policymatch.diff.LabelChange;
import dev.policymatch.diff.PolicyChange;
import dev.policymatch.diff.ProfileChange;
import dev.policymatch.diff.ResourceChange;
import dev.policymatch.diff.ResourceRef;
import dev.policymatch.diff.RuleMatchChange;
import dev.policymatch.match.Direction;
import dev.policymatch.match.EnforcementPath.Undecided;
import dev.policymatch.text.Quoted;
import dev.policymatch.validation.Violation;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code calicoq diff}'s text: the summary line, the changed resources, then a section per affected endpoint in
 * the diff's order (docs/cli.md shows it). {@link DiffMarkdown} frames the same sections for a pull-request
 * comment.
 */
public final class DiffText {
    static final String ARROW = " → ";

    private DiffText() {
    }

    /**
     * One part of an endpoint's section: a list ({@code separator} null: a title line, then its entries) or
     * entries that follow the title on their own line ({@code Valid: yes → no}, {@code Ingress tiers: a → b}).
     */
    record Part(String title, String separator, List<String> lines) {
    }

    /** @param maxEndpoints the endpoint sections to show; null for all */
    public static String of(EstateDiff diff, QueryOptions options, Integer maxEndpoints) {
        StringBuilder text = new StringBuilder("Summary: ").append(summary(diff.summary())).append('\n');
        List<String> resources = resourceLines(diff.resources());
        if (!resources.isEmpty()) {
            text.append("\nResources:\n");
            resources.forEach(line -> text.append("  ").append(line).append('\n'));
        }
        List<EndpointChange> endpoints = diff.endpoints();
        int shown = maxEndpoints == null ? endpoints.size() : Math.min(maxEndpoints, endpoints.size());
        for (EndpointChange change : endpoints.subList(0, shown)) {
            text.append('\n').append(heading(change)).append('\n');
            for (Part part : parts(change, options)) {
                if (part.separator() == null) {
                    text.append("  ").append(part.title()).append(":\n");
                    part.lines().forEach(line -> text.append("    ").append(line).append('\n'));
                } else {
                    part.lines().forEach(line -> text.append("  ").append(part.title()).append(part.separator())
                            .append(line).append('\n'));
                }
            }
        }
        if (shown < endpoints.size()) {
            text.append('\n').append(more(endpoints.subList(shown, endpoints.size()))).append('\n');
        }
        return text.toString();
    }

    /** {@code 2 resources changed (1 added, 0 removed, 1 modified); 3 of 9 endpoints affected (...); ...}. */
    static String summary(DiffSummary summary) {
        if (summary.empty()) {
            return "no resource changed; no endpoint affected (" + count(summary.endpointsTotal(), "endpoint") + ")";
        }
        String resources = summary.resourcesChanged() == 0 ? "no resource changed"
                : count(summary.resourcesChanged(), "resource") + " changed (" + summary.resourcesAdded() + " added, "
                        + summary.resourcesRemoved() + " removed, " + summary.resourcesModified() + " modified)";
        String endpoints = summary.endpointsAffected() == 0
                ? "no endpoint affected (" + count(summary.endpointsTotal(), "endpoint") + ")"
                : summary.endpointsAffected() + " of " + count(summary.endpointsTotal(), "endpoint") + " affected ("
                        + endpointCounts(summary) + ")";
        return resources + "; " + endpoints + "; " + summary.becameUnmatched() + " became unmatched, "
                + summary.becameInvalid() + " became invalid";
    }

    static String endpointCounts(DiffSummary summary) {
        return summary.endpointsAdded() + " added, " + summary.endpointsRemoved() + " removed, "
                + summary.endpointsChanged() + " changed";
    }

    /** {@code + HostEndpoint "db3-eth0" (head/hosts.yaml:130)}, with the head's problems on lines of their own. */
    static List<String> resourceLines(List<ResourceChange> resources) {
        List<String> lines = new ArrayList<>();
        for (ResourceChange resource : resources) {
            ResourceRef ref = resource.ref();
            StringBuilder line = new StringBuilder(marker(resource.change())).append(' ').append(ref.kind()).append(' ')
                    .append(Quoted.of(ref.name()));
            if (!resource.fields().isEmpty()) {
                line.append(": ").append(String.join(", ", resource.fields()));
            }
            if (ref.file() != null) {
                line.append(" (").append(ref.file()).append(':').append(ref.line()).append(')');
            }
            lines.add(line.toString());
            resource.headViolations().forEach(violation -> lines.add("    invalid: " + violation.message()));
            if (resource.invalidSelector() != null) {
                lines.add("    left out of matching: " + resource.invalidSelector());
            }
        }
        return lines;
    }

    private static String marker(ResourceChange.Change change) {
        return switch (change) {
            case ADDED -> "+";
            case REMOVED -> "-";
            case MODIFIED -> "~";
        };
    }

    /** {@code Host endpoint db2/db2-bond0: changed}. */
    static String heading(EndpointChange change) {
        return CalicoqText.fullHeading(change.key()) + ": " + change.change().name().toLowerCase(Locale.ROOT);
    }

    /** The parts of an endpoint's section, in their fixed order, each only when it has something to show. */
    static List<Part> parts(EndpointChange change, QueryOptions options) {
        List<Part> parts = new ArrayList<>();
        validity(change).ifPresent(line -> parts.add(new Part("Valid", ": ", List.of(line))));
        Flip matched = change.matched();
        if (matched.flipped() || change.change() == EndpointChange.Change.ADDED && !matched.head()) {
            parts.add(new Part("Matched", ": ", List.of(flip(matched))));
        }
        list(parts, "Policies", change.policies().stream().map(DiffText::policyLine).toList());
        list(parts, "Profiles", change.profiles().stream().map(DiffText::profileLine).toList());
        if (!options.hideRuleMatches()) {
            list(parts, "Rule matches", change.ruleMatches().stream()
                    .map(rule -> ruleLine(rule, options.hideSelectors())).toList());
        }
        list(parts, "Labels", change.labels().stream().map(DiffText::labelLine).toList());
        if (!change.endpointFields().isEmpty()) {
            parts.add(new Part("Endpoint", ": ", List.of(String.join(", ", change.endpointFields()) + " changed")));
        }
        for (DirectionChange direction : change.directions()) {
            List<String> lines = new ArrayList<>();
            // An added or removed endpoint's tiers are in its policy lines already; where traffic ends is not.
            if (change.change() == EndpointChange.Change.CHANGED && !direction.baseTiers().equals(direction.headTiers())) {
                lines.add("tiers: " + tiers(direction.baseTiers()) + ARROW + tiers(direction.headTiers()));
            }
            String base = undecided(direction.base());
            String head = undecided(direction.head());
            if (!Objects.equals(base, head)) {
                lines.add("undecided: " + (base == null ? head : head == null ? base : base + ARROW + head));
            }
            if (!lines.isEmpty()) {
                parts.add(new Part(direction.direction() == Direction.INBOUND ? "Ingress" : "Egress", " ", lines));
            }
        }
        return parts;
    }

    private static void list(List<Part> parts, String title, List<String> lines) {
        if (!lines.isEmpty()) {
            parts.add(new Part(title, null, lines));
        }
    }

    /** {@code yes → no: <first violation>[; and N more]}; {@code no: ...} for a new invalid endpoint. */
    private static Optional<String> validity(EndpointChange change) {
        Flip valid = change.valid();
        if (valid == null || !(valid.flipped() || valid.base() == null && Boolean.FALSE.equals(valid.head()))) {
            return Optional.empty();
        }
        String line = flip(valid);
        List<Violation> violations = change.headViolations();
        if (!violations.isEmpty()) {
            line += ": " + violations.get(0).message()
                    + (violations.size() > 1 ? "; and " + (violations.size() - 1) + " more" : "");
        }
        return Optional.of(line);
    }

    private static String flip(Flip flip) {
        return flip.base() == null ? yesNo(flip.head()) : yesNo(flip.base()) + ARROW + yesNo(flip.head());
    }

    private static String yesNo(Boolean value) {
        return value ? "yes" : "no";
    }

    private static String policyLine(PolicyChange change) {
        String line = CalicoqText.policyLine(change.policy(), true);
        return switch (change.delta()) {
            case GAINED -> "+ " + line + " #" + change.headPosition();
            case LOST -> "- " + line + " was #" + change.basePosition();
            case MODIFIED -> "~ " + line + " #" + change.headPosition() + ": " + String.join(", ", change.fields());
            case MOVED -> "> " + line + " #" + change.basePosition() + ARROW + "#" + change.headPosition();
        };
    }

    private static String profileLine(ProfileChange change) {
        return switch (change.delta()) {
            case GAINED -> "+ Profile " + change.name();
            case LOST -> "- Profile " + change.name();
            case MODIFIED, MOVED -> "~ Profile " + change.name()
                    + (change.fields().isEmpty() ? "" : ": " + String.join(", ", change.fields()));
        };
    }

    private static String ruleLine(RuleMatchChange change, boolean hideSelectors) {
        return (change.delta() == Delta.LOST ? "- " : "+ ") + "Policy \""
                + change.rule().policy().legacyName() + "\" " + CalicoqText.ruleText(change.rule(), hideSelectors);
    }

    private static String labelLine(LabelChange change) {
        return switch (change.kind()) {
            case ADDED -> "+ " + change.key() + "=" + change.head();
            case REMOVED -> "- " + change.key() + "=" + change.base();
            case CHANGED -> "~ " + change.key() + ": " + change.base() + ARROW + change.head();
        };
    }

    private static String tiers(List<String> tiers) {
        return tiers.isEmpty() ? "(none)" : String.join(", ", tiers);
    }

    /** {@code Deny at end of Tier "security"}, {@code Profiles}, {@code Deny (no profile)}; null for no side. */
    static String undecided(Undecided undecided) {
        if (undecided == null) {
            return null;
        }
        return switch (undecided.action()) {
            case DENY_AT_END_OF_TIER -> "Deny at end of Tier \"" + undecided.tier().name() + "\"";
            case PROFILES -> "Profiles";
            case DENY_NO_PROFILE -> "Deny (no profile)";
        };
    }

    /** {@code … and 12 more endpoints (7 changed, 5 added)}. */
    static String more(List<EndpointChange> left) {
        Map<EndpointChange.Change, Integer> counts = new TreeMap<>();
        left.forEach(change -> counts.merge(change.change(), 1, Integer::sum));
        List<String> parts = new ArrayList<>();
        counts.forEach((change, count) -> parts.add(count + " " + change.name().toLowerCase(Locale.ROOT)));
        return "… and " + count(left.size(), "more endpoint")
                + " (" + String.join(", ", parts) + ")";
    }

    static String count(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
