package dev.policymatch.render;

import dev.policymatch.api.PolicyOrder;
import dev.policymatch.match.CompiledPolicy;
import dev.policymatch.match.EndpointMatch;
import dev.policymatch.match.PolicyMatch;
import dev.policymatch.match.RuleMatch;
import dev.policymatch.model.Endpoint;
import dev.policymatch.model.EndpointKey;
import dev.policymatch.model.HostEndpoint;
import dev.policymatch.model.Policy;
import dev.policymatch.model.Tier;
import dev.policymatch.model.WorkloadEndpoint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * calicoq's text output ({@code -o ps}), line for line as calicoq prints it (the calicoq
 * {@code endpoint}, {@code host}, {@code policy} and {@code eval} references). Every line ends with
 * {@code \n}; the text starts with the heading line, without a blank line before it. Policies are named as
 * Felix named them up to Calico 3.31 ({@link Policy#legacyName()}: {@code ns/knp.default.x}, {@code staged:x},
 * {@code kcnp.x}), which tells kinds apart; staged policies are listed at their place in the order.
 */
public final class CalicoqText {

    /** calicoq sorts endpoints by the name it prints ({@code sort.Sort(ByName(...))} in its endpoint command). */
    static final Comparator<Endpoint> BY_HEADING =
            Comparator.comparing(CalicoqText::heading).thenComparing(Endpoint::key);

    private CalicoqText() {
    }

    /**
     * {@code calicoq endpoint} and {@code calicoq host}: {@code Policies that match each endpoint:}, then per
     * endpoint (sorted by heading) a blank line, the heading, its policies, profiles and rule matches.
     * With no endpoints, the heading line alone (calicoq prints it before looking at any endpoint).
     */
    public static String endpoints(List<EndpointMatch> matches, QueryOptions options) {
        StringBuilder text = new StringBuilder("Policies that match each endpoint:\n");
        List<EndpointMatch> sorted = new ArrayList<>(matches);
        sorted.sort(Comparator.comparing(EndpointMatch::endpoint, BY_HEADING));
        for (EndpointMatch match : sorted) {
            text.append('\n').append(heading(match.endpoint())).append('\n');
            text.append("  Policies:\n");
            for (CompiledPolicy policy : match.compiledPolicies()) {
                text.append("    ").append(policyLine(policy, options.hideSelectors())).append('\n');
            }
            if (!match.profiles().isEmpty()) {
                text.append("  Profiles:\n");
                for (String profile : match.profiles()) {
                    text.append("    Profile ").append(profile).append('\n');
                }
            }
            if (!options.hideRuleMatches() && !match.ruleMatches().isEmpty()) {
                text.append("  Rule matches:\n");
                for (RuleMatch rule : match.ruleMatches()) {
                    // No tier prefix here: calicoq prints the rule line as Policy "<name>" ... only.
                    text.append("    ").append("Policy \"")
                            .append(rule.policy().legacyName()).append("\" ").append(ruleText(rule, options.hideSelectors()))
                            .append('\n');
                }
            }
        }
        return text.toString();
    }

    /**
     * {@code calicoq eval <selector>}: {@code Endpoints matching selector <selector>:} (the selector as the
     * user typed it), then {@code   Workload endpoint <full name>} / {@code   Host endpoint <node>/<name>},
     * sorted.
     */
    public static String eval(String selector, List<? extends Endpoint> endpoints) {
        StringBuilder text = new StringBuilder("Endpoints matching selector ").append(selector).append(":\n");
        endpoints.stream().map(CalicoqText::fullHeading).sorted()
                .forEach(line -> text.append("  ").append(line).append('\n'));
        return text.toString();
    }

    /**
     * {@code calicoq policy <name>}, the layout of calicoq's {@code EvalPolicySelectorsPrint}:
     * <pre>
     * [Tier "t" ]Policy "name" applies to these endpoints:
     *   Workload endpoint node/k8s/ns.pod/eth0; selector "role == 'db'"
     *
     * Endpoints matching [Tier "t" ]Policy "name" rules:
     *   Workload endpoint node/k8s/ns.pod/eth0
     *     inbound rule 1 source match; selector "app == 'api'"
     * </pre>
     * Endpoints are named by full name (as {@code eval} names them) in both lists; an endpoint appears in the
     * second list only when one of the policy's rule selectors matches it, with those rule selectors in rule
     * order (inbound before outbound, rule number, side).
     */
    public static String policy(PolicyMatch match, QueryOptions options) {
        Policy policy = match.policy();
        String name = tierPrefix(policy) + "Policy \"" + policy.legacyName() + "\"";
        StringBuilder text = new StringBuilder(name).append(" applies to these endpoints:\n");
        List<Endpoint> appliesTo = new ArrayList<>(match.appliesTo());
        appliesTo.sort(Comparator.comparing(CalicoqText::fullHeading));
        for (Endpoint endpoint : appliesTo) {
            text.append("  ").append(fullHeading(endpoint));
            if (!options.hideSelectors()) {
                text.append("; selector \"").append(match.compiled().writtenSelector()).append('"');
            }
            text.append('\n');
        }
        if (!options.hideRuleMatches()) {
            text.append("\nEndpoints matching ").append(name).append(" rules:\n");
            List<Map.Entry<EndpointKey, List<RuleMatch>>> entries = new ArrayList<>(match.ruleMatches().entrySet());
            entries.sort(Comparator.comparing(entry -> fullHeading(entry.getKey())));
            for (Map.Entry<EndpointKey, List<RuleMatch>> entry : entries) {
                text.append("  ").append(fullHeading(entry.getKey())).append('\n');
                for (RuleMatch rule : entry.getValue()) {
                    text.append("    ").append(ruleText(rule, options.hideSelectors())).append('\n');
                }
            }
        }
        return text.toString();
    }

    /** {@code Workload endpoint <orchestrator>/<workload>/<endpoint>} or {@code Host endpoint <name>}. */
    public static String heading(Endpoint endpoint) {
        if (endpoint instanceof WorkloadEndpoint workload) {
            return "Workload endpoint " + workload.shortName();
        }
        return "Host endpoint " + ((HostEndpoint) endpoint).name();
    }

    /** {@code Workload endpoint <node>/<orchestrator>/<workload>/<endpoint>} or {@code Host endpoint <node>/<name>}. */
    public static String fullHeading(Endpoint endpoint) {
        return fullHeading(endpoint.key());
    }

    public static String fullHeading(EndpointKey key) {
        return switch (key.kind()) {
            case WORKLOAD -> "Workload endpoint " + key.fullName();
            case HOST -> "Host endpoint " + key.fullName();
        };
    }

    /** {@code [Tier "t" ]Policy "name" (order 500; selector "...")[ [untracked]]}. */
    static String policyLine(CompiledPolicy compiled, boolean hideSelectors) {
        Policy policy = compiled.policy();
        StringBuilder line = new StringBuilder(tierPrefix(policy)).append("Policy \"").append(policy.legacyName())
                .append("\" (order ").append(PolicyOrder.text(policy.order()));
        if (!hideSelectors) {
            line.append("; selector \"").append(compiled.writtenSelector()).append('"');
        }
        line.append(')');
        if (policy.doNotTrack()) {
            line.append(" [untracked]");
        }
        return line.toString();
    }

    /**
     * {@code inbound rule 1 !source match; selector "..."}: the part after the policy name, with the selector
     * Calico evaluates as libcalico-go's {@code rules.go} spells it (a namespaced policy's rule selector scoped to
     * its namespace), as calicoq prints it.
     */
    static String ruleText(RuleMatch rule, boolean hideSelectors) {
        String text = rule.direction().label() + " rule " + rule.ruleNumber() + " " + rule.side().label() + " match";
        return hideSelectors ? text : text + "; selector \"" + rule.calicoSelector() + "\"";
    }

    /** calicoq names the tier only when it is not {@code default}. */
    static String tierPrefix(Policy policy) {
        return Tier.DEFAULT.equals(policy.tier()) ? "" : "Tier \"" + policy.tier() + "\" ";
    }
}
