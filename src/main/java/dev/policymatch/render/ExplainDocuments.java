package dev.policymatch.render;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.policymatch.api.PolicyOrder;
import dev.policymatch.match.CompiledPolicy;
import dev.policymatch.match.Direction;
import dev.policymatch.match.EffectiveTier;
import dev.policymatch.match.EnforcementPath;
import dev.policymatch.match.EnforcementPath.StagePath;
import dev.policymatch.match.EnforcementPath.TierPath;
import dev.policymatch.match.LabelProvenance;
import dev.policymatch.match.LabelProvenance.LabelOrigin;
import dev.policymatch.match.RuleSide;
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
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code calicoq explain -o json|yaml}: the data of the text, field names in lower camel case, enum values as
 * lower camel words ({@code preDnat}, {@code denyAtEndOfTier}), absent values left out. With {@code --policy}
 * the document has {@code policy} instead of {@code directions}. Fields are listed in {@code docs/cli.md}.
 */
public final class ExplainDocuments {

    private ExplainDocuments() {
    }

    @JsonPropertyOrder({"endpoint", "labels", "unusedLabels", "directions", "policy"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ExplainDocument(EndpointPart endpoint, List<LabelPart> labels, List<UnusedPart> unusedLabels,
            List<DirectionPart> directions, ExplainedPolicy policy) {
    }

    @JsonPropertyOrder({"kind", "fullName", "node", "namespace", "interfaceName"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EndpointPart(String kind, String fullName, String node, String namespace, String interfaceName) {
    }

    /** @param source {@code endpoint}, {@code calico}, {@code namespace}, {@code serviceAccount} or {@code profile} */
    @JsonPropertyOrder({"key", "value", "source", "profile"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LabelPart(String key, String value, String source, String profile) {
    }

    /** @param reason {@code dropped}, {@code overriddenByCalico} or {@code shadowed} */
    @JsonPropertyOrder({"key", "value", "reason", "profile"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record UnusedPart(String key, String value, String reason, String profile) {
    }

    @JsonPropertyOrder({"direction", "meaning", "stages", "undecided", "notGoverning"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DirectionPart(String direction, String meaning, List<StagePart> stages, UndecidedPart undecided,
            List<PolicyReference> notGoverning) {
    }

    /** @param profiles in the normal stage only */
    @JsonPropertyOrder({"stage", "status", "tiers", "profiles"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StagePart(String stage, String status, List<TierPart> tiers, List<ProfilePart> profiles) {
    }

    /** @param tierResource where the tier comes from: {@code resource}, {@code built-in} or {@code none} */
    @JsonPropertyOrder({"name", "order", "defaultAction", "tierResource", "endOfTier", "policies"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TierPart(String name, BigDecimal order, String defaultAction, String tierResource, String endOfTier,
            List<PolicyPart> policies) {
    }

    /** A policy in a tier: {@code rules} are the actions of its rules of the direction, in order. */
    @JsonPropertyOrder({"name", "kind", "namespace", "order", "staged", "stagedAction", "rules"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PolicyPart(String name, String kind, String namespace, BigDecimal order, Boolean staged,
            String stagedAction, List<String> rules) {
    }

    /** The policy of {@code --policy}: whether it applies, its selector's parts, and its rule sides. */
    @JsonPropertyOrder({"name", "kind", "namespace", "tier", "order", "types", "staged", "stagedAction", "applies",
        "selector", "rules"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ExplainedPolicy(String name, String kind, String namespace, String tier, BigDecimal order,
            List<String> types, boolean staged, String stagedAction, boolean applies, SelectorPart selector,
            List<RuleSidePart> rules) {
    }

    @JsonPropertyOrder({"name", "exists", "rules"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ProfilePart(String name, boolean exists, List<String> rules) {
    }

    /** @param action {@code denyAtEndOfTier}, {@code profiles} or {@code denyNoProfile} */
    @JsonPropertyOrder({"action", "tier"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record UndecidedPart(String action, String tier) {
    }

    @JsonPropertyOrder({"name", "kind", "namespace", "types"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PolicyReference(String name, String kind, String namespace, List<String> types) {
    }

    @JsonPropertyOrder({"value", "parts"})
    public record SelectorPart(boolean value, List<SelectorPartValue> parts) {
    }

    /** @param effective the part as Calico spells it in the effective selector */
    @JsonPropertyOrder({"role", "asWritten", "effective", "clause"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SelectorPartValue(String role, String asWritten, String effective, ClausePart clause) {
    }

    /**
     * One rule side: {@code value} and {@code parts} when it selects by label, else {@code note}
     * ({@code selects by address only}, {@code no selector}).
     */
    @JsonPropertyOrder({"direction", "rule", "action", "side", "value", "parts", "note"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RuleSidePart(String direction, int rule, String action, String side, Boolean value,
            List<SelectorPartValue> parts, String note) {
    }

    /** @param labelSource where the label's value comes from (as {@link LabelPart#source()}) */
    @JsonPropertyOrder({"text", "value", "label", "labelValue", "labelSource", "operands"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ClausePart(String text, boolean value, String label, String labelValue, String labelSource,
            List<ClausePart> operands) {
    }

    public static ExplainDocument of(Explanation explanation) {
        Endpoint endpoint = explanation.match().endpoint();
        LabelProvenance labels = explanation.labels();
        List<LabelPart> labelParts = new ArrayList<>();
        labels.labels().forEach((key, origin) -> labelParts.add(new LabelPart(key, origin.value(),
                word(origin.source()), origin.profile())));
        List<UnusedPart> unused = labels.unused().stream()
                .map(label -> new UnusedPart(label.key(), label.value(), word(label.reason()), label.profile()))
                .toList();
        List<DirectionPart> directions = explanation.policy() != null ? null
                : explanation.paths().stream().map(path -> direction(path, explanation)).toList();
        ExplainedPolicy policy = explanation.policy() == null ? null : policy(explanation.policy(), labels);
        return new ExplainDocument(endpoint(endpoint), labelParts, unused.isEmpty() ? null : unused, directions,
                policy);
    }

    private static EndpointPart endpoint(Endpoint endpoint) {
        String interfaceName = endpoint instanceof HostEndpoint host ? host.interfaceName() : null;
        return new EndpointPart(endpoint.key().kind().label(), endpoint.fullName(), endpoint.node(),
                endpoint.namespace(), interfaceName == null || interfaceName.isEmpty() ? null : interfaceName);
    }

    private static DirectionPart direction(EnforcementPath path, Explanation explanation) {
        Direction direction = path.direction();
        List<StagePart> stages = path.stages().stream().map(stage -> stage(stage, direction, explanation)).toList();
        EnforcementPath.Undecided undecided = path.undecided();
        return new DirectionPart(directionWord(direction),
                ExplainText.meaning(explanation.match().endpoint(), direction), stages,
                new UndecidedPart(word(undecided.action()), undecided.tier() == null ? null : undecided.tier().name()),
                path.notGoverning().stream().map(ExplainDocuments::reference).toList());
    }

    private static StagePart stage(StagePath stage, Direction direction, Explanation explanation) {
        List<TierPart> tiers = stage.tiers().stream().map(tier -> tier(tier, direction)).toList();
        List<ProfilePart> profiles = null;
        if (stage.stage() == EnforcementPath.Stage.NORMAL) {
            profiles = stage.profiles().stream().map(name -> {
                Profile profile = explanation.profiles().get(name);
                return new ProfilePart(name, profile != null, profile == null ? null
                        : actions(direction == Direction.INBOUND ? profile.ingress() : profile.egress()));
            }).toList();
        }
        return new StagePart(word(stage.stage()), word(stage.status()), tiers, profiles);
    }

    private static TierPart tier(TierPath path, Direction direction) {
        EffectiveTier tier = path.tier();
        List<PolicyPart> policies = path.policies().stream().map(compiled -> {
            Policy policy = compiled.policy();
            return new PolicyPart(policy.name(), policy.kind().kindName(), policy.namespace(),
                    PolicyOrder.decimal(policy.order()), policy.isStaged() ? Boolean.TRUE : null,
                    policy.isStaged() ? policy.stagedAction().value() : null,
                    actions(direction == Direction.INBOUND ? policy.ingress() : policy.egress()));
        }).toList();
        return new TierPart(tier.name(), PolicyOrder.decimal(tier.order()), tier.defaultAction().value(),
                tier.source().label(), word(path.end()), policies);
    }

    private static PolicyReference reference(CompiledPolicy compiled) {
        Policy policy = compiled.policy();
        return new PolicyReference(policy.name(), policy.kind().kindName(), policy.namespace(), types(policy));
    }

    private static ExplainedPolicy policy(PolicyExplanation explanation, LabelProvenance labels) {
        Policy policy = explanation.compiled().policy();
        List<RuleSidePart> sides = new ArrayList<>();
        for (RuleSideValue side : explanation.rules()) {
            String action = Explanation.action(side.rule().action());
            String direction = directionWord(side.direction());
            if (!side.parts().isEmpty()) {
                sides.add(new RuleSidePart(direction, side.number(), action, side.side().label(), side.value(),
                        parts(side.parts(), labels), null));
            } else if (side.side() == RuleSide.SOURCE
                    || side.side() == RuleSide.DESTINATION) {
                EntityMatch entity = side.side() == RuleSide.SOURCE ? side.rule().source()
                        : side.rule().destination();
                boolean byAddress = !entity.nets().isEmpty() || !entity.notNets().isEmpty();
                sides.add(new RuleSidePart(direction, side.number(), action, side.side().label(), null, null,
                        byAddress ? "selects by address only" : "no selector"));
            }
        }
        return new ExplainedPolicy(policy.name(), policy.kind().kindName(), policy.namespace(), policy.tier(),
                PolicyOrder.decimal(policy.order()), types(policy), policy.isStaged(),
                policy.isStaged() ? policy.stagedAction().value() : null, explanation.applies(),
                new SelectorPart(explanation.applies(), parts(explanation.selector(), labels)), sides);
    }

    private static List<SelectorPartValue> parts(List<PartValue> parts, LabelProvenance labels) {
        return parts.stream().map(part -> new SelectorPartValue(part.part().role().field(), part.part().asWritten(),
                part.part().text(), clause(part.clause(), labels))).toList();
    }

    private static ClausePart clause(Clause clause, LabelProvenance labels) {
        LabelOrigin origin = clause.label() == null || clause.labelValue() == null ? null
                : labels.labels().get(clause.label());
        return new ClausePart(clause.text(), clause.value(), clause.label(), clause.labelValue(),
                origin == null ? null : word(origin.source()),
                clause.operands().isEmpty() ? null
                        : clause.operands().stream().map(operand -> clause(operand, labels)).toList());
    }

    private static List<String> actions(List<Rule> rules) {
        return rules.stream().map(rule -> Explanation.action(rule.action())).toList();
    }

    private static List<String> types(Policy policy) {
        return policy.types().stream().map(PolicyType::calicoName).toList();
    }

    private static String directionWord(Direction direction) {
        return direction == Direction.INBOUND ? "ingress" : "egress";
    }

    /** {@code PRE_DNAT} → {@code preDnat}, {@code DENY_AT_END_OF_TIER} → {@code denyAtEndOfTier}. */
    static String word(Enum<?> value) {
        String[] words = value.name().toLowerCase(Locale.ROOT).split("_");
        StringBuilder camel = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            camel.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return camel.toString();
    }
}
