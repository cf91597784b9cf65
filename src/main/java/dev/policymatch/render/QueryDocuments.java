package dev.policymatch.render;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.policymatch.api.PolicyOrder;
import dev.policymatch.match.CompiledPolicy;
import dev.policymatch.match.EffectiveTier;
import dev.policymatch.match.EndpointMatch;
import dev.policymatch.match.PolicyMatch;
import dev.policymatch.match.RuleMatch;
import dev.policymatch.model.Endpoint;
import dev.policymatch.model.EndpointKey;
import dev.policymatch.model.Policy;
import dev.policymatch.model.WorkloadEndpoint;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * The documents of {@code -o json} and {@code -o yaml}: the data of the text output, plus what the text
 * leaves out (node, namespace, effective labels, each selector's effective form, tier and order as
 * values). Field order is fixed and absent values are left out, so the shape is stable for scripts; see
 * {@code docs/cli.md}. {@code -s} leaves out {@code selector} and {@code effectiveSelector}; {@code -r}
 * leaves out the rule matches. Lists are in the order of the text output.
 */
public final class QueryDocuments {

    private QueryDocuments() {
    }

    /** {@code endpoint} and {@code host}: {@code {"endpoints": [...]}}. */
    @JsonPropertyOrder({"endpoints"})
    public record EndpointsDocument(List<EndpointDocument> endpoints) {
    }

    /** An endpoint; {@code policies} are the enforced ones, {@code stagedPolicies} (left out when none) the staged. */
    @JsonPropertyOrder({"kind", "name", "fullName", "node", "namespace", "labels", "policies", "stagedPolicies",
        "profiles", "ruleMatches"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EndpointDocument(String kind, String name, String fullName, String node, String namespace,
            SortedMap<String, String> labels, List<PolicyDocument> policies, List<PolicyDocument> stagedPolicies,
            List<String> profiles, List<RuleDocument> ruleMatches) {
    }

    /**
     * A policy: its own {@code name} ({@code x} for a Kubernetes NetworkPolicy, not {@code knp.default.x}),
     * {@code kind} as Calico 3.32 names it, its tier's order, default action and where the tier comes from
     * ({@code resource}, {@code built-in} or {@code none}), and {@code stagedAction} for a staged one.
     */
    @JsonPropertyOrder({"name", "kind", "namespace", "tier", "tierOrder", "tierDefaultAction", "tierSource", "order",
        "stagedAction", "untracked", "selector", "effectiveSelector"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PolicyDocument(String name, String kind, String namespace, String tier, BigDecimal tierOrder,
            String tierDefaultAction, String tierSource, BigDecimal order, String stagedAction, boolean untracked,
            String selector, String effectiveSelector) {
    }

    /**
     * One matching rule selector: {@code selector} as written (absent when the side selects through its
     * namespace or service accounts alone), {@code effectiveSelector} as Calico evaluates and calicoq prints it.
     * The policy ({@code policy} its own name, {@code kind}, {@code namespace}, {@code tier}, {@code staged} when
     * it is) is absent inside a policy document.
     */
    @JsonPropertyOrder({"policy", "kind", "namespace", "tier", "staged", "direction", "rule", "side", "selector",
        "effectiveSelector"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RuleDocument(String policy, String kind, String namespace, String tier, Boolean staged,
            String direction, int rule, String side, String selector, String effectiveSelector) {
    }

    /** {@code eval}: the selector as given, its canonical form, and the matching endpoints. */
    @JsonPropertyOrder({"selector", "effectiveSelector", "endpoints"})
    public record EvalDocument(String selector, String effectiveSelector, List<EndpointReference> endpoints) {
    }

    /** An endpoint in a list: {@code kind} ({@code workload} or {@code host}) and full name. */
    @JsonPropertyOrder({"kind", "fullName", "selector", "rules"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EndpointReference(String kind, String fullName, String selector, List<RuleDocument> rules) {
    }

    /** {@code policy}: the policy, the endpoints it applies to, and the endpoints its rules match. */
    @JsonPropertyOrder({"policy", "appliesTo", "ruleMatches"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PolicyMatchDocument(PolicyDocument policy, List<EndpointReference> appliesTo,
            List<EndpointReference> ruleMatches) {
    }

    public static EndpointsDocument endpoints(List<EndpointMatch> matches, QueryOptions options) {
        List<EndpointMatch> sorted = new ArrayList<>(matches);
        sorted.sort(Comparator.comparing(EndpointMatch::endpoint, CalicoqText.BY_HEADING));
        List<EndpointDocument> endpoints = new ArrayList<>();
        for (EndpointMatch match : sorted) {
            Endpoint endpoint = match.endpoint();
            List<PolicyDocument> policies = match.enforcedPolicies().stream()
                    .map(compiled -> policy(compiled, match.tierOf(compiled.policy()), options)).toList();
            List<PolicyDocument> staged = match.stagedPolicies().stream()
                    .map(compiled -> policy(compiled, match.tierOf(compiled.policy()), options)).toList();
            List<RuleDocument> rules = options.hideRuleMatches() ? null
                    : match.ruleMatches().stream().map(rule -> rule(rule, true, options)).toList();
            endpoints.add(new EndpointDocument(endpoint.key().kind().label(), name(endpoint), endpoint.fullName(),
                    endpoint.node(), endpoint.namespace(), match.effectiveLabels(), policies,
                    staged.isEmpty() ? null : staged, match.profiles(), rules));
        }
        return new EndpointsDocument(endpoints);
    }

    public static EvalDocument eval(String selector, String effectiveSelector, List<? extends Endpoint> endpoints) {
        List<EndpointReference> references = endpoints.stream()
                .sorted(Comparator.comparing(CalicoqText::fullHeading))
                .map(endpoint -> reference(endpoint.key(), null, null))
                .toList();
        return new EvalDocument(selector, effectiveSelector, references);
    }

    public static PolicyMatchDocument policy(PolicyMatch match, QueryOptions options) {
        String selector = options.hideSelectors() ? null : match.compiled().writtenSelector();
        List<EndpointReference> appliesTo = match.appliesTo().stream()
                .sorted(Comparator.comparing(CalicoqText::fullHeading))
                .map(endpoint -> reference(endpoint.key(), selector, null))
                .toList();
        List<EndpointReference> ruleMatches = null;
        if (!options.hideRuleMatches()) {
            ruleMatches = new ArrayList<>();
            List<Map.Entry<EndpointKey, List<RuleMatch>>> entries = new ArrayList<>(match.ruleMatches().entrySet());
            entries.sort(Comparator.comparing(entry -> CalicoqText.fullHeading(entry.getKey())));
            for (Map.Entry<EndpointKey, List<RuleMatch>> entry : entries) {
                List<RuleDocument> rules = entry.getValue().stream().map(rule -> rule(rule, false, options)).toList();
                ruleMatches.add(reference(entry.getKey(), null, rules));
            }
        }
        return new PolicyMatchDocument(policy(match.compiled(), match.tier(), options), appliesTo, ruleMatches);
    }

    private static PolicyDocument policy(CompiledPolicy compiled, EffectiveTier tier, QueryOptions options) {
        Policy policy = compiled.policy();
        boolean hide = options.hideSelectors();
        return new PolicyDocument(policy.name(), policy.kind().kindName(), policy.namespace(), policy.tier(),
                PolicyOrder.decimal(tier.order()), tier.defaultAction().value(), tier.source().label(),
                PolicyOrder.decimal(policy.order()),
                policy.stagedAction() == null ? null : policy.stagedAction().value(), policy.doNotTrack(),
                hide ? null : compiled.writtenSelector(), hide ? null : compiled.selector().toString());
    }

    private static RuleDocument rule(RuleMatch rule, boolean withPolicy, QueryOptions options) {
        boolean hide = options.hideSelectors();
        Policy policy = rule.policy();
        return new RuleDocument(withPolicy ? policy.name() : null, withPolicy ? policy.kind().kindName() : null,
                withPolicy ? policy.namespace() : null, withPolicy ? policy.tier() : null,
                withPolicy && policy.isStaged() ? Boolean.TRUE : null,
                rule.direction().label(), rule.ruleNumber(), rule.side().label(),
                hide ? null : rule.selector(), hide ? null : rule.calicoSelector());
    }

    private static EndpointReference reference(EndpointKey key, String selector, List<RuleDocument> rules) {
        return new EndpointReference(key.kind().label(), key.fullName(), selector, rules);
    }

    /** The name in the heading: {@code <orchestrator>/<workload>/<endpoint>} or the host endpoint's name. */
    private static String name(Endpoint endpoint) {
        return endpoint instanceof WorkloadEndpoint workload ? workload.shortName()
                : CalicoqText.heading(endpoint).substring("Host endpoint ".length());
    }
}
