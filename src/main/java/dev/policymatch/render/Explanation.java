package dev.policymatch.render;

import dev.policymatch.match.CompiledPolicy;
import dev.policymatch.match.Direction;
import dev.policymatch.match.EffectiveTier;
import dev.policymatch.match.EndpointMatch;
import dev.policymatch.match.EnforcementPath;
import dev.policymatch.match.LabelProvenance;
import dev.policymatch.match.RuleSide;
import dev.policymatch.match.SelectorParts;
import dev.policymatch.model.Profile;
import dev.policymatch.model.Rule;
import dev.policymatch.selector.Clause;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code calicoq explain} shows for one endpoint, computed once for the text and the documents: the
 * labels with their origins, then either the path of each direction through Felix's chains or, with
 * {@code --policy}, why one policy does or does not apply and what its rules' selectors make of the endpoint.
 *
 * @param profiles   the endpoint's profiles that were read, by name
 * @param directions the directions asked for, in order (ingress, egress)
 * @param paths      the path of each direction; empty with {@code --policy}
 * @param policy     the policy asked about; null without {@code --policy}
 */
public record Explanation(EndpointMatch match, LabelProvenance labels, Map<String, Profile> profiles,
        List<Direction> directions, List<EnforcementPath> paths, PolicyExplanation policy) {

    public Explanation {
        profiles = Map.copyOf(profiles);
        directions = List.copyOf(directions);
        paths = List.copyOf(paths);
    }

    /** The walk of every direction asked for. */
    public static Explanation walk(EndpointMatch match, LabelProvenance labels, Map<String, Profile> profiles,
            List<Direction> directions) {
        List<EnforcementPath> paths = directions.stream().map(direction -> EnforcementPath.of(match, direction))
                .toList();
        return new Explanation(match, labels, profiles, directions, paths, null);
    }

    /** One policy against the endpoint, its selector and its rules of the directions asked for. */
    public static Explanation policy(EndpointMatch match, LabelProvenance labels, Map<String, Profile> profiles,
            List<Direction> directions, CompiledPolicy compiled, EffectiveTier tier) {
        Map<String, String> effective = match.effectiveLabels();
        List<PartValue> selector = evaluate(CompiledPolicy.parts(compiled.policy()), effective);
        List<RuleSideValue> rules = new ArrayList<>();
        for (Direction direction : directions) {
            List<Rule> written = direction == Direction.INBOUND ? compiled.policy().ingress() : compiled.policy().egress();
            for (int number = 1; number <= written.size(); number++) {
                for (RuleSide side : RuleSide.values()) {
                    List<SelectorParts.Part> parts = CompiledPolicy.ruleParts(compiled.policy(), direction, number, side);
                    rules.add(new RuleSideValue(direction, number, written.get(number - 1), side,
                            evaluate(parts, effective)));
                }
            }
        }
        return new Explanation(match, labels, profiles, directions, List.of(),
                new PolicyExplanation(compiled, tier, selector, rules));
    }

    /**
     * @param selector the parts of the policy's effective selector, evaluated
     * @param rules    every side of every rule of the directions asked for, in rule order (a side without a
     *                 selector has no parts)
     */
    public record PolicyExplanation(CompiledPolicy compiled, EffectiveTier tier, List<PartValue> selector,
            List<RuleSideValue> rules) {
        public PolicyExplanation {
            selector = List.copyOf(selector);
            rules = List.copyOf(rules);
        }

        /** Whether the policy applies: every part of its selector holds. */
        public boolean applies() {
            return selector.stream().allMatch(part -> part.clause().value());
        }
    }

    /** A selector part and its evaluation, clause by clause. */
    public record PartValue(SelectorParts.Part part, Clause clause) {
    }

    /** One side of one rule: its parts evaluated; empty when the side selects no endpoint by label. */
    public record RuleSideValue(Direction direction, int number, Rule rule, RuleSide side,
            List<PartValue> parts) {
        public RuleSideValue {
            parts = List.copyOf(parts);
        }

        /** Whether the side's effective selector matches: every part holds. */
        public boolean value() {
            return parts.stream().allMatch(part -> part.clause().value());
        }
    }

    private static List<PartValue> evaluate(List<SelectorParts.Part> parts, Map<String, String> labels) {
        return parts.stream().map(part -> new PartValue(part, part.effective().explain(labels::get))).toList();
    }

    /**
     * A rule action as Calico v3 spells it: a calicoctl v1 {@code allow} is {@code Allow}, {@code next-tier}
     * is {@code Pass} (the model keeps actions as written, {@code CalicoResourceConverter}).
     */
    static String action(String written) {
        if (written == null || written.isEmpty()) {
            return "(no action)";
        }
        String lower = written.toLowerCase(Locale.ROOT);
        return switch (lower) {
            case "next-tier", "pass" -> "Pass";
            case "allow", "deny", "log" -> Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
            default -> written;
        };
    }
}
