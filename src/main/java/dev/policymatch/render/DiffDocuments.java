package dev.policymatch.render;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.policymatch.api.PolicyOrder;
import dev.policymatch.diff.DiffSummary;
import dev.policymatch.diff.DirectionChange;
import dev.policymatch.diff.EndpointChange;
import dev.policymatch.diff.EstateDiff;
import dev.policymatch.diff.Flip;
import dev.policymatch.diff.LabelChange;
import dev.policymatch.diff.PolicyChange;
import dev.policymatch.diff.ProfileChange;
import dev.policymatch.diff.ResourceChange;
import dev.policymatch.diff.RuleMatchChange;
import dev.policymatch.diff.SideDescription;
import dev.policymatch.match.EnforcementPath.Undecided;
import dev.policymatch.match.RuleMatch;
import dev.policymatch.model.Policy;
import dev.policymatch.validation.Violation;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * {@code calicoq diff -o json|yaml}: the diff's data with the field names of docs/cli.md, enums as lower-case
 * words, empty and absent values left out. Policies are named as calicoq's JSON names them (own name, kind,
 * namespace).
 */
public final class DiffDocuments {

    private DiffDocuments() {
    }

    /** @param omittedEndpoints endpoints left out by {@code --max-endpoints}; absent when none */
    @JsonPropertyOrder({"base", "head", "summary", "resources", "endpoints", "omittedEndpoints"})
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record DiffDocument(SideDocument base, SideDocument head, DiffSummary summary,
            List<ResourceDocument> resources, List<EndpointDocument> endpoints, Integer omittedEndpoints) {
    }

    @JsonPropertyOrder({"change", "kind", "name", "file", "line", "fields", "headViolations", "invalidSelector"})
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record ResourceDocument(String change, String kind, String name, String file, Integer line,
            List<String> fields, List<ViolationDocument> headViolations, String invalidSelector) {
    }

    @JsonPropertyOrder({"source", "paths", "server"})
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record SideDocument(String source, List<String> paths, String server) {
    }

    @JsonPropertyOrder({"field", "value", "reason"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ViolationDocument(String field, String value, String reason) {
    }

    /** A side is absent when the endpoint is not there. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FlipDocument(Boolean base, Boolean head) {
    }

    @JsonPropertyOrder({"change", "kind", "fullName", "node", "namespace", "matched", "valid", "headViolations",
        "policies", "profiles", "ruleMatches", "labels", "directions", "endpointFields"})
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record EndpointDocument(String change, String kind, String fullName, String node, String namespace,
            FlipDocument matched, FlipDocument valid, List<ViolationDocument> headViolations,
            List<PolicyDocument> policies,
            List<ProfileChangeDocument> profiles, List<RuleDocument> ruleMatches, List<LabelDocument> labels,
            List<DirectionDocument> directions, List<String> endpointFields) {
    }

    /** @param position 1-based in the endpoint's list of policies on each side */
    @JsonPropertyOrder({"change", "name", "kind", "namespace", "tier", "order", "stagedAction", "position", "fields"})
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record PolicyDocument(String change, String name, String kind, String namespace, String tier,
            BigDecimal order, String stagedAction, Position position, List<String> fields) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Position(Integer base, Integer head) {
    }

    @JsonPropertyOrder({"change", "name", "fields"})
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record ProfileChangeDocument(String change, String name, List<String> fields) {
    }

    @JsonPropertyOrder({"change", "policy", "kind", "namespace", "direction", "rule", "side", "selector",
        "effectiveSelector"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RuleDocument(String change, String policy, String kind, String namespace, String direction, int rule,
            String side, String selector, String effectiveSelector) {
    }

    @JsonPropertyOrder({"change", "key", "base", "head"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LabelDocument(String change, String key, String base, String head) {
    }

    @JsonPropertyOrder({"direction", "baseTiers", "headTiers", "baseUndecided", "headUndecided"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DirectionDocument(String direction, List<String> baseTiers, List<String> headTiers,
            UndecidedDocument baseUndecided, UndecidedDocument headUndecided) {
    }

    /** @param action {@code deny-at-end-of-tier} (with {@code tier}), {@code profiles} or {@code deny-no-profile} */
    @JsonPropertyOrder({"action", "tier"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record UndecidedDocument(String action, String tier) {
    }

    /** @param maxEndpoints the endpoints to list; null for all */
    public static DiffDocument of(EstateDiff diff, QueryOptions options, Integer maxEndpoints) {
        List<EndpointChange> endpoints = diff.endpoints();
        int shown = maxEndpoints == null ? endpoints.size() : Math.min(maxEndpoints, endpoints.size());
        return new DiffDocument(side(diff.base()), side(diff.head()), diff.summary(),
                diff.resources().stream().map(DiffDocuments::resource).toList(),
                endpoints.subList(0, shown).stream().map(change -> endpoint(change, options)).toList(),
                shown < endpoints.size() ? endpoints.size() - shown : null);
    }

    private static ResourceDocument resource(ResourceChange change) {
        return new ResourceDocument(word(change.change()), change.ref().kind(), change.ref().name(),
                change.ref().file(), change.ref().line(), change.fields(), violations(change.headViolations()),
                change.invalidSelector());
    }

    private static SideDocument side(SideDescription side) {
        return new SideDocument(side.source(), side.paths(), side.server());
    }

    private static List<ViolationDocument> violations(List<Violation> violations) {
        return violations.stream().map(v -> new ViolationDocument(v.field(), v.value(), v.reason())).toList();
    }

    private static FlipDocument flip(Flip flip) {
        return flip == null ? null : new FlipDocument(flip.base(), flip.head());
    }

    private static EndpointDocument endpoint(EndpointChange change, QueryOptions options) {
        return new EndpointDocument(word(change.change()), change.key().kind().label(), change.key().fullName(),
                change.node(), change.namespace(), flip(change.matched()), flip(change.valid()),
                violations(change.headViolations()),
                change.policies().stream().map(DiffDocuments::policy).toList(),
                change.profiles().stream().map(p -> new ProfileChangeDocument(word(p.delta()), p.name(), p.fields()))
                        .toList(),
                options.hideRuleMatches() ? List.of()
                        : change.ruleMatches().stream().map(rule -> rule(rule, options.hideSelectors())).toList(),
                change.labels().stream().map(DiffDocuments::label).toList(),
                change.directions().stream().map(DiffDocuments::direction).toList(), change.endpointFields());
    }

    private static PolicyDocument policy(PolicyChange change) {
        Policy policy = change.policy().policy();
        return new PolicyDocument(word(change.delta()), policy.name(), policy.kind().kindName(), policy.namespace(),
                policy.tier(), PolicyOrder.decimal(policy.order()),
                policy.stagedAction() == null ? null : policy.stagedAction().value(),
                new Position(change.basePosition(), change.headPosition()), change.fields());
    }

    private static RuleDocument rule(RuleMatchChange change, boolean hideSelectors) {
        RuleMatch rule = change.rule();
        Policy policy = rule.policy();
        return new RuleDocument(word(change.delta()), policy.name(), policy.kind().kindName(), policy.namespace(),
                rule.direction().label(), rule.ruleNumber(), rule.side().label(),
                hideSelectors ? null : rule.selector(), hideSelectors ? null : rule.calicoSelector());
    }

    private static LabelDocument label(LabelChange change) {
        return new LabelDocument(word(change.kind()), change.key(), change.base(), change.head());
    }

    private static DirectionDocument direction(DirectionChange change) {
        return new DirectionDocument(change.direction().label(), change.baseTiers(), change.headTiers(),
                undecided(change.base()), undecided(change.head()));
    }

    private static UndecidedDocument undecided(Undecided undecided) {
        return undecided == null ? null : new UndecidedDocument(word(undecided.action()),
                undecided.tier() == null ? null : undecided.tier().name());
    }

    /** {@code DENY_AT_END_OF_TIER} → {@code deny-at-end-of-tier}. */
    private static String word(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
