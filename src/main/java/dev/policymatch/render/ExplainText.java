package dev.policymatch.render;

import static dev.policymatch.model.CalicoVocabulary.LABEL_ORCHESTRATOR;
import static dev.policymatch.model.CalicoVocabulary.NAMESPACE_LABEL_PREFIX;
import static dev.policymatch.model.CalicoVocabulary.NAMESPACE_PROFILE_PREFIX;
import static dev.policymatch.model.CalicoVocabulary.SERVICE_ACCOUNT_LABEL_PREFIX;
import static dev.policymatch.model.CalicoVocabulary.SERVICE_ACCOUNT_PROFILE_PREFIX;

import dev.policymatch.api.PolicyOrder;
import dev.policymatch.match.CompiledPolicy;
import dev.policymatch.match.Direction;
import dev.policymatch.match.EffectiveTier;
import dev.policymatch.match.EnforcementPath;
import dev.policymatch.match.EnforcementPath.EndOfTier;
import dev.policymatch.match.EnforcementPath.Stage;
import dev.policymatch.match.EnforcementPath.StagePath;
import dev.policymatch.match.EnforcementPath.TierPath;
import dev.policymatch.match.LabelProvenance;
import dev.policymatch.match.LabelProvenance.LabelOrigin;
import dev.policymatch.match.LabelProvenance.UnusedLabel;
import dev.policymatch.match.RuleSide;
import dev.policymatch.match.SelectorParts.Role;
import dev.policymatch.model.Endpoint;
import dev.policymatch.model.EntityMatch;
import dev.policymatch.model.HostEndpoint;
import dev.policymatch.model.Policy;
import dev.policymatch.model.PolicyType;
import dev.policymatch.model.Profile;
import dev.policymatch.model.Rule;
import dev.policymatch.render.Explanation.PartValue;
import dev.policymatch.render.Explanation.PolicyExplanation;
import dev.policymatch.render.Explanation.RuleSideValue;
import dev.policymatch.selector.Clause;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code calicoq explain} as text (format in {@code docs/cli.md}): two-space indentation, names quoted as
 * calicoq quotes them, every line ending in {@code \n}.
 */
public final class ExplainText {

    private ExplainText() {
    }

    public static String of(Explanation explanation) {
        StringBuilder text = new StringBuilder();
        Endpoint endpoint = explanation.match().endpoint();
        text.append(heading(endpoint)).append('\n');
        if (explanation.policy() != null) {
            policy(text, explanation);
            return text.toString();
        }
        labels(text, explanation.labels());
        for (EnforcementPath path : explanation.paths()) {
            text.append('\n');
            path(text, path, explanation);
        }
        return text.toString();
    }

    /** The endpoint's full heading and, for a host endpoint, the interfaces it stands for. */
    static String heading(Endpoint endpoint) {
        String heading = CalicoqText.fullHeading(endpoint);
        if (!(endpoint instanceof HostEndpoint host)) {
            return heading;
        }
        if (HostEndpoint.ALL_INTERFACES.equals(host.interfaceName())) {
            return heading + " (interfaceName \"*\": all interfaces)";
        }
        if (host.interfaceName() == null || host.interfaceName().isEmpty()) {
            return heading + " (no interface: the interfaces with IPs " + String.join(", ", host.expectedIPs()) + ")";
        }
        return heading + " (interface " + host.interfaceName() + ")";
    }

    /** What a direction means for this kind of endpoint ({@code felix/rules/endpoints.go}'s chain pairs). */
    static String meaning(Endpoint endpoint, Direction direction) {
        boolean host = endpoint instanceof HostEndpoint;
        if (direction == Direction.INBOUND) {
            return host ? "traffic arriving through the interface for the host" : "traffic to the workload";
        }
        return host ? "traffic the host sends out of the interface" : "traffic from the workload";
    }

    static String directionName(Direction direction) {
        return direction == Direction.INBOUND ? "Ingress" : "Egress";
    }

    // ---- labels --------------------------------------------------------------------------------------

    private static void labels(StringBuilder text, LabelProvenance labels) {
        if (labels.labels().isEmpty()) {
            text.append("  Labels: none\n");
        } else {
            text.append("  Labels:\n");
            labels.labels().forEach((key, origin) -> {
                text.append("    ").append(key).append('=').append(origin.value()).append(" (")
                        .append(origin(key, origin));
                for (UnusedLabel shadowed : labels.unused()) {
                    if (shadowed.key().equals(key) && shadowed.reason() == LabelProvenance.Reason.SHADOWED) {
                        text.append("; profile ").append(shadowed.profile()).append(shadowed.value().equals(origin.value())
                                ? " also sets it" : " sets " + shadowed.value() + ", not used");
                    }
                }
                text.append(")\n");
            });
        }
        List<UnusedLabel> dropped = labels.unused().stream()
                .filter(label -> label.reason() != LabelProvenance.Reason.SHADOWED).toList();
        if (!dropped.isEmpty()) {
            text.append("  Labels selectors do not see:\n");
            for (UnusedLabel label : dropped) {
                text.append("    ").append(label.key()).append('=').append(label.value()).append(" (")
                        .append(label.reason() == LabelProvenance.Reason.DROPPED
                                ? "Calico drops a workload's own " + prefixOf(label.key()) + " labels"
                                : "Calico sets the workload's own value")
                        .append(")\n");
            }
        }
    }

    /** Where a label's value comes from, as the text says it. */
    static String origin(String key, LabelOrigin origin) {
        return switch (origin.source()) {
            case ENDPOINT -> "endpoint";
            case CALICO -> LABEL_ORCHESTRATOR.equals(key) ? "Calico, from the endpoint's orchestrator"
                    : "Calico, from the endpoint's namespace";
            case NAMESPACE -> "namespace " + origin.profile().substring(NAMESPACE_PROFILE_PREFIX.length());
            case SERVICE_ACCOUNT -> "service account " + origin.profile().substring(SERVICE_ACCOUNT_PROFILE_PREFIX.length());
            case PROFILE -> "profile " + origin.profile();
        };
    }

    private static String prefixOf(String key) {
        return key.startsWith(NAMESPACE_LABEL_PREFIX) ? NAMESPACE_LABEL_PREFIX : SERVICE_ACCOUNT_LABEL_PREFIX;
    }

    // ---- the walk ------------------------------------------------------------------------------------

    private static void path(StringBuilder text, EnforcementPath path, Explanation explanation) {
        Direction direction = path.direction();
        text.append(directionName(direction)).append(": ").append(meaning(explanation.match().endpoint(), direction))
                .append('\n');
        boolean preDnatListed = path.stages().stream().anyMatch(stage -> stage.stage() == Stage.PRE_DNAT);
        for (StagePath stage : path.stages()) {
            if (stage.stage() == Stage.NORMAL && !preDnatListed && direction == Direction.OUTBOUND
                    && explanation.match().endpoint() instanceof HostEndpoint) {
                text.append("  Pre-DNAT: ingress only\n");
            }
            stage(text, stage, direction, explanation);
            if (stage.stage() == Stage.NORMAL) {
                text.append("  Traffic no policy decides: ").append(undecided(path.undecided())).append('\n');
            }
        }
        if (!path.notGoverning().isEmpty()) {
            text.append("  Not governing ").append(directionName(direction).toLowerCase(Locale.ROOT))
                    .append(": ").append(path.notGoverning().stream().map(ExplainText::typesLine)
                            .collect(Collectors.joining(", "))).append('\n');
        }
    }

    private static void stage(StringBuilder text, StagePath stage, Direction direction, Explanation explanation) {
        String status = switch (stage.status()) {
            case APPLIES -> null;
            case NOT_FOR_WORKLOADS -> "not applied to workload endpoints";
            case NOT_FOR_EGRESS -> "ingress only; Felix does not apply pre-DNAT policy to egress";
            case IGNORED_ON_ALL_INTERFACES -> "ignored: doNotTrack is not supported on a host endpoint with "
                    + "interfaceName \"*\"";
        };
        if (status != null) {
            text.append("  ").append(stageName(stage.stage())).append(": ").append(status).append('\n');
            tiers(text, stage, direction, false);
            return;
        }
        if (stage.tiers().isEmpty() && stage.stage() != Stage.NORMAL) {
            text.append("  ").append(stageTitle(stage.stage())).append(": ")
                    .append(stage.stage() == Stage.FORWARD ? "no policy, so Calico allows it" : "no policy")
                    .append('\n');
            return;
        }
        text.append("  ").append(stageTitle(stage.stage())).append(":\n");
        tiers(text, stage, direction, true);
        if (stage.stage() == Stage.NORMAL) {
            profiles(text, stage.profiles(), direction, explanation.profiles());
        } else if (stage.stage() == Stage.FORWARD) {
            boolean denies = stage.tiers().stream().anyMatch(tier -> tier.end() == EndOfTier.DENY);
            text.append("    Forwarded traffic no policy decides: ").append(denies
                    ? "denied at the end of " + tierName(stage.tiers().stream()
                            .filter(tier -> tier.end() == EndOfTier.DENY).findFirst().orElseThrow().tier())
                    : "left to the host's own FORWARD rules").append('\n');
        }
    }

    private static void tiers(StringBuilder text, StagePath stage, Direction direction, boolean withEnd) {
        for (TierPath tier : stage.tiers()) {
            text.append("    ").append(tierLine(tier.tier())).append('\n');
            for (CompiledPolicy compiled : tier.policies()) {
                text.append("      ").append(policyLine(compiled.policy(), direction)).append('\n');
            }
            if (withEnd) {
                text.append("      End of tier: ").append(endOfTier(tier.end())).append('\n');
            }
        }
    }

    private static void profiles(StringBuilder text, List<String> names, Direction direction,
            Map<String, Profile> profiles) {
        if (names.isEmpty()) {
            text.append("    Profiles: none\n");
            return;
        }
        text.append("    Profiles:\n");
        for (String name : names) {
            Profile profile = profiles.get(name);
            text.append("      Profile ").append(name).append(" (")
                    .append(profile == null ? "no Profile resource read"
                            : rulesText(direction == Direction.INBOUND ? profile.ingress() : profile.egress(), direction))
                    .append(")\n");
        }
        text.append("      No profile allows: Deny\n");
    }

    static String stageName(Stage stage) {
        return switch (stage) {
            case UNTRACKED -> "Untracked";
            case PRE_DNAT -> "Pre-DNAT";
            case NORMAL -> "Normal";
            case FORWARD -> "Forwarded traffic (applyOnForward)";
        };
    }

    private static String stageTitle(Stage stage) {
        return switch (stage) {
            case UNTRACKED -> "Untracked (raw table, before connection tracking; an Allow here skips the later stages)";
            case PRE_DNAT -> "Pre-DNAT (mangle table, before DNAT; an Allow here skips normal policy)";
            default -> stageName(stage);
        };
    }

    /** {@code Tier "<name>" (order <o>; default action <a> | built in | no Tier resource)}. */
    static String tierLine(EffectiveTier tier) {
        String line = tierName(tier) + " (";
        return switch (tier.source()) {
            case RESOURCE -> line + "order " + PolicyOrder.text(tier.order()) + "; default action "
                    + tier.defaultAction().value() + ")";
            case BUILT_IN -> line + "order " + PolicyOrder.text(tier.order()) + "; built in, default action "
                    + tier.defaultAction().value() + ")";
            case NONE -> line + "no Tier resource: sorted last, default action Deny)";
        };
    }

    static String tierName(EffectiveTier tier) {
        return "Tier " + quoted(tier.name());
    }

    /** {@code Policy "<text name>" (order <o>; rules: 1 Allow, 2 Pass[; staged, stagedAction <a>: not enforced])}. */
    static String policyLine(Policy policy, Direction direction) {
        StringBuilder line = new StringBuilder("Policy ").append(quoted(policy.legacyName())).append(" (order ")
                .append(PolicyOrder.text(policy.order())).append("; ")
                .append(rulesText(direction == Direction.INBOUND ? policy.ingress() : policy.egress(), direction));
        if (policy.isStaged()) {
            line.append("; staged, stagedAction ").append(policy.stagedAction().value()).append(": not enforced");
        }
        return line.append(')').toString();
    }

    /** {@code rules: 1 Allow, 2 Pass}, or {@code no ingress rules}. */
    static String rulesText(List<Rule> rules, Direction direction) {
        if (rules.isEmpty()) {
            return "no " + directionName(direction).toLowerCase(Locale.ROOT) + " rules";
        }
        List<String> numbered = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            numbered.add((i + 1) + " " + Explanation.action(rules.get(i).action()));
        }
        return "rules: " + String.join(", ", numbered);
    }

    private static String typesLine(CompiledPolicy compiled) {
        Policy policy = compiled.policy();
        return "Policy " + quoted(policy.legacyName()) + " (types: "
                + policy.types().stream().map(PolicyType::calicoName).collect(Collectors.joining(", ")) + ")";
    }

    static String endOfTier(EndOfTier end) {
        return switch (end) {
            case DENY -> "Deny";
            case PASS -> "Pass (on to the next tier)";
            case NONE -> "none (only staged policies)";
            case NEXT_STAGE -> "on to the next stage";
        };
    }

    static String undecided(EnforcementPath.Undecided undecided) {
        return switch (undecided.action()) {
            case DENY_AT_END_OF_TIER -> "denied at the end of " + tierName(undecided.tier());
            case PROFILES -> "passed to the profiles";
            case DENY_NO_PROFILE -> "denied: no profile";
        };
    }

    // ---- one policy ----------------------------------------------------------------------------------

    private static void policy(StringBuilder text, Explanation explanation) {
        PolicyExplanation policy = explanation.policy();
        Policy written = policy.compiled().policy();
        text.append("Policy ").append(quoted(written.legacyName())).append(" (").append(tierName(policy.tier()))
                .append(", order ").append(PolicyOrder.text(written.order())).append("; types: ")
                .append(written.types().stream().map(PolicyType::calicoName).collect(Collectors.joining(", ")))
                .append(")");
        if (written.isStaged()) {
            text.append(" (staged, stagedAction ").append(written.stagedAction().value())
                    .append(": listed, never enforced)");
        }
        text.append(": ").append(policy.applies() ? "applies" : "does not apply").append("\n\n");
        text.append("  Applies to this endpoint: ").append(policy.applies()).append('\n');
        for (PartValue part : policy.selector()) {
            part(text, "    ", part, explanation.labels());
        }
        for (Direction direction : explanation.directions()) {
            rules(text, policy, direction, explanation.labels());
        }
    }

    private static void rules(StringBuilder text, PolicyExplanation policy, Direction direction,
            LabelProvenance labels) {
        List<Rule> rules = direction == Direction.INBOUND ? policy.compiled().policy().ingress()
                : policy.compiled().policy().egress();
        String name = directionName(direction).toLowerCase(Locale.ROOT);
        if (rules.isEmpty()) {
            text.append("  Rules (").append(name).append("): none\n");
            return;
        }
        text.append("  Rules (").append(name).append("):\n");
        for (int number = 1; number <= rules.size(); number++) {
            Rule rule = rules.get(number - 1);
            String prefix = "    " + name + " rule " + number + " (" + Explanation.action(rule.action()) + ")";
            int lines = 0;
            for (RuleSideValue side : policy.rules()) {
                if (side.direction() != direction || side.number() != number) {
                    continue;
                }
                EntityMatch entity = side.side() == RuleSide.SOURCE || side.side() == RuleSide.NOT_SOURCE
                        ? rule.source() : rule.destination();
                if (!side.parts().isEmpty()) {
                    text.append(prefix).append(' ').append(side.side().label()).append(": ").append(side.value())
                            .append('\n');
                    for (PartValue part : side.parts()) {
                        part(text, "      ", part, labels);
                    }
                    lines++;
                } else if ((side.side() == RuleSide.SOURCE || side.side() == RuleSide.DESTINATION)
                        && (!entity.nets().isEmpty() || !entity.notNets().isEmpty())) {
                    text.append(prefix).append(' ').append(side.side().label()).append(": no selector (")
                            .append(nets(entity)).append("): selects by address only\n");
                    lines++;
                }
            }
            if (lines == 0) {
                text.append(prefix).append(": no source or destination selector\n");
            }
        }
    }

    private static String nets(EntityMatch entity) {
        List<String> parts = new ArrayList<>();
        if (!entity.nets().isEmpty()) {
            parts.add("nets " + String.join(", ", entity.nets()));
        }
        if (!entity.notNets().isEmpty()) {
            parts.add("notNets " + String.join(", ", entity.notNets()));
        }
        return String.join("; ", parts);
    }

    /** {@code <indent><value padded to 6> <role>: <text>[   (written: <as written>)]}, then its clauses. */
    private static void part(StringBuilder text, String indent, PartValue value, LabelProvenance labels) {
        String role = value.part().role() == Role.NAMESPACE ? "namespace" : value.part().role().field();
        text.append(indent).append(padded(value.clause().value())).append(' ').append(role).append(": ")
                .append(value.part().text());
        if (value.part().rewritten()) {
            text.append("   (written: ").append(value.part().asWritten()).append(')');
        }
        text.append('\n');
        clauseBody(text, indent + "       ", value.clause(), labels);
    }

    /** A clause's evidence line (a leaf) or its operands, two spaces deeper each. */
    private static void clauseBody(StringBuilder text, String indent, Clause clause, LabelProvenance labels) {
        if (clause.readsLabel()) {
            text.append(indent).append("  ").append(evidence(clause, labels)).append('\n');
            return;
        }
        for (Clause operand : clause.operands()) {
            text.append(indent).append(padded(operand.value())).append(' ').append(operand.text()).append('\n');
            clauseBody(text, indent + "  ", operand, labels);
        }
    }

    /** {@code <label> = "<value>" (<origin>)} or {@code <label>: not set}. */
    static String evidence(Clause clause, LabelProvenance labels) {
        if (clause.labelValue() == null) {
            String key = clause.label();
            boolean inherited = key.startsWith(NAMESPACE_LABEL_PREFIX) || key.startsWith(SERVICE_ACCOUNT_LABEL_PREFIX);
            return key + ": not set" + (inherited ? " (no profile of the endpoint sets it)" : "");
        }
        LabelOrigin origin = labels.labels().get(clause.label());
        return clause.label() + " = " + quoted(clause.labelValue())
                + (origin == null ? "" : " (" + origin(clause.label(), origin) + ")");
    }

    /** A name in double quotes, as calicoq prints names. */
    private static String quoted(String name) {
        return '"' + name + '"';
    }

    private static String padded(boolean value) {
        return value ? "true  " : "false ";
    }
}
