package dev.policymatch.render;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.policymatch.api.PolicyOrder;
import dev.policymatch.match.CompiledPolicy;
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

    @JsonPropertyOrder({"kind", "name", "fullName", "node", "namespace", "labels", "policies", "profiles", "ruleMatches"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EndpointDocument(String kind, String name, String fullName, String node, String namespace,
            SortedMap<String, String> labels, List<PolicyDocument> policies, List<String> profiles,
            List<RuleDocument> ruleMatches) {
    }

    /** A policy: {@code name} is the qualified name calicoq prints ({@code <namespace>/<name>} when namespaced). */
    @JsonPropertyOrder({"name", "kind", "namespace", "tier", "order", "untracked", "selector", "effectiveSelector"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PolicyDocument(String name, String kind, String namespace, String tier, BigDecimal order,
            boolean untracked, String selector, String effectiveSelector) {
    }

    /** One matching rule selector; {@code policy} is absent inside a policy document. */
    @JsonPropertyOrder({"policy", "tier", "direction", "rule", "side", "selector", "effectiveSelector"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RuleDocument(String policy, String tier, String direction, int rule, String side, String selector,
            String effectiveSelector) {
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
            List<PolicyDocument> policies = match.compiledPolicies().stream()
                    .map(compiled -> policy(compiled, options)).toList();
            List<RuleDocument> rules = options.hideRuleMatches() ? null
                    : match.ruleMatches().stream().map(rule -> rule(rule, true, options)).toList();
            endpoints.add(new EndpointDocument(endpoint.key().kind().label(), name(endpoint), endpoint.fullName(),
                    endpoint.node(), endpoint.namespace(), match.effectiveLabels(), policies, match.profiles(), rules));
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
        return new PolicyMatchDocument(policy(match.compiled(), options), appliesTo, ruleMatches);
    }

    private static PolicyDocument policy(CompiledPolicy compiled, QueryOptions options) {
        Policy policy = compiled.policy();
        boolean hide = options.hideSelectors();
        return new PolicyDocument(policy.qualifiedName(), policy.kind().kindName(), policy.namespace(), policy.tier(),
                PolicyOrder.decimal(policy.order()), policy.doNotTrack(),
                hide ? null : compiled.writtenSelector(), hide ? null : compiled.selector().toString());
    }

    private static RuleDocument rule(RuleMatch rule, boolean withPolicy, QueryOptions options) {
        boolean hide = options.hideSelectors();
        return new RuleDocument(withPolicy ? rule.policy().qualifiedName() : null,
                withPolicy ? rule.policy().tier() : null,
                rule.direction().label(), rule.ruleNumber(), rule.side().label(),
                hide ? null : rule.selector(), hide ? null : rule.effectiveSelector().toString());
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
