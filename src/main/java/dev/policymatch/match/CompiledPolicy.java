package dev.policymatch.match;

import static dev.policymatch.model.CalicoVocabulary.LABEL_NAMESPACE;
import static dev.policymatch.model.CalicoVocabulary.LABEL_SERVICE_ACCOUNT;
import static dev.policymatch.model.CalicoVocabulary.NAMESPACE_LABEL_PREFIX;
import static dev.policymatch.model.CalicoVocabulary.SERVICE_ACCOUNT_LABEL_PREFIX;

import dev.policymatch.model.EntityMatch;
import dev.policymatch.model.Policy;
import dev.policymatch.model.Rule;
import dev.policymatch.model.ServiceAccountMatch;
import dev.policymatch.selector.Selector;
import dev.policymatch.selector.SelectorParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A policy with the selectors Calico really evaluates, built the way libcalico-go's update processors
 * ({@code networkpolicyprocessor.go}, {@code globalnetworkpolicyprocessor.go}, {@code rules.go}) turn a v3
 * policy into the v1 model Felix and calicoq work on.
 *
 * <p>Two compiled policies are equal when their policies are: everything else here is a function of
 * the policy. That keeps comparing match results as cheap as comparing the policies they hold, and
 * {@link #hashCode()} reads only the key (equal policies have equal keys), not the whole policy.
 *
 * @param selector     the policy's effective selector: which endpoints it applies to
 * @param ruleMatchers every rule side with an effective selector and every notSelector, in rule-match order (inbound before outbound, rule
 *                     number, then side); each is the {@link RuleMatch} reported for an endpoint it matches
 */
public record CompiledPolicy(PolicyKey key, Policy policy, Selector selector, List<RuleMatch> ruleMatchers) {

    public CompiledPolicy {
        ruleMatchers = List.copyOf(ruleMatchers);
    }

    /**
     * The policy's {@code selector} as written, {@code all()} when it has none: Calico defaults an empty
     * selector to {@code all()} (as calicoq prints it), so every rendering of a policy shows this.
     */
    public String writtenSelector() {
        return present(policy.selector()) ? policy.selector() : Selector.ALL.toString();
    }

    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof CompiledPolicy compiled && policy.equals(compiled.policy);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    /**
     * Compiles a policy.
     *
     * @throws InvalidPolicyException when a selector does not parse; the message says which one and why
     */
    public static CompiledPolicy compile(Policy policy) {
        Selector selector = parse("selector", policy.selector());
        if (policy.isNamespaced()) {
            // NetworkPolicy: "(<selector>) && projectcalico.org/namespace == '<ns>'"; the service account
            // selector is appended pcsa.-prefixed, without the all() rewrite the global processor does.
            selector = Selector.and(selector, namespaceIs(policy.namespace()));
            if (present(policy.serviceAccountSelector())) {
                selector = Selector.and(selector, parse("serviceAccountSelector", policy.serviceAccountSelector())
                        .withKeyPrefix(SERVICE_ACCOUNT_LABEL_PREFIX));
            }
        } else {
            // GlobalNetworkPolicy: the namespaceSelector is appended pcns.-prefixed ("(<selector>) && <ns>",
            // or just <ns> when there is no selector) and then every all() in the result becomes
            // has(projectcalico.org/namespace) (a plain string replace in Calico, so all() means "any
            // namespaced endpoint"); likewise serviceAccountSelector with pcsa. and
            // has(projectcalico.org/serviceaccount). global() is not rewritten here (only in rules), and
            // Calico evaluates global() as true.
            Selector written = present(policy.selector()) ? selector : null;
            if (present(policy.namespaceSelector())) {
                Selector namespaces = parse("namespaceSelector", policy.namespaceSelector())
                        .withKeyPrefix(NAMESPACE_LABEL_PREFIX);
                written = append(written, namespaces, "has(" + LABEL_NAMESPACE + ")");
            }
            if (present(policy.serviceAccountSelector())) {
                Selector accounts = parse("serviceAccountSelector", policy.serviceAccountSelector())
                        .withKeyPrefix(SERVICE_ACCOUNT_LABEL_PREFIX);
                written = append(written, accounts, "has(" + LABEL_SERVICE_ACCOUNT + ")");
            }
            selector = written == null ? Selector.ALL : written;
        }
        List<RuleMatch> matchers = new ArrayList<>();
        addRules(policy, Direction.INBOUND, policy.ingress(), matchers);
        addRules(policy, Direction.OUTBOUND, policy.egress(), matchers);
        return new CompiledPolicy(PolicyKey.of(policy), policy, selector, matchers);
    }

    private static void addRules(Policy policy, Direction direction, List<Rule> rules, List<RuleMatch> out) {
        String ruleType = direction == Direction.INBOUND ? "ingress" : "egress";
        for (int i = 0; i < rules.size(); i++) {
            int number = i + 1;
            String where = ruleType + " rule " + number + " ";
            Rule rule = rules.get(i);
            addSide(policy, direction, number, RuleSide.SOURCE, where + "source", rule.source(), out);
            addSide(policy, direction, number, RuleSide.DESTINATION, where + "destination", rule.destination(), out);
            // notSelector is used as written: Calico copies it to NotSrcSelector/NotDstSelector unscoped.
            addNot(policy, direction, number, RuleSide.NOT_SOURCE, where + "source", rule.source(), out);
            addNot(policy, direction, number, RuleSide.NOT_DESTINATION, where + "destination", rule.destination(),
                    out);
        }
    }

    /** A rule side matches through its effective selector whenever Calico builds a non-empty one. */
    private static void addSide(Policy policy, Direction direction, int number, RuleSide side, String where,
            EntityMatch entity, List<RuleMatch> out) {
        String effective = entitySelector(where, entity, policy.namespace());
        if (!effective.isEmpty()) {
            out.add(new RuleMatch(policy, direction, number, side, blankToNull(entity.selector()), effective,
                    parse(where + " effective selector", effective)));
        }
    }

    private static void addNot(Policy policy, Direction direction, int number, RuleSide side, String where,
            EntityMatch entity, List<RuleMatch> out) {
        if (present(entity.notSelector())) {
            out.add(new RuleMatch(policy, direction, number, side, entity.notSelector(), entity.notSelector(),
                    parse(where + " notSelector", entity.notSelector())));
        }
    }

    /**
     * The effective {@code selector} of a rule side, the string libcalico-go's {@code rules.go}
     * ({@code GetEntityRuleSelector}, {@code getEndpointSelector}, {@code parseServiceAccounts}) builds and
     * calicoq prints; empty when the side selects no endpoints by label. The namespace scope is the
     * pcns.-prefixed {@code namespaceSelector} (with all() → {@code has(projectcalico.org/namespace)} and
     * global() → {@code !has(projectcalico.org/namespace)}), else, in a namespaced policy, the policy's own
     * namespace; the endpoint part is the {@code serviceAccounts} selector (pcsa.-prefixed, ANDed with
     * {@code projectcalico.org/serviceaccount in {names}}) and {@code selector} as written. The scope applies
     * as soon as any selector field is used, {@code notSelector} included.
     */
    static String entitySelector(String where, EntityMatch entity, String policyNamespace) {
        String scope = "";
        if (present(entity.namespaceSelector())) {
            scope = parse(where + " namespaceSelector", entity.namespaceSelector())
                    .withKeyPrefix(NAMESPACE_LABEL_PREFIX).toString()
                    .replace("all()", "has(" + LABEL_NAMESPACE + ")")
                    .replace("global()", "!has(" + LABEL_NAMESPACE + ")");
        } else if (policyNamespace != null) {
            scope = LABEL_NAMESPACE + " == '" + policyNamespace + "'";
        }
        List<String> parts = new ArrayList<>(2);
        String accounts = serviceAccounts(where, entity.serviceAccounts());
        if (!accounts.isEmpty()) {
            parts.add(accounts);
        }
        if (present(entity.selector())) {
            parse(where + " selector", entity.selector());
            parts.add(entity.selector());
        }
        String body = parts.size() == 2 ? "(" + parts.get(0) + ") && (" + parts.get(1) + ")"
                : parts.isEmpty() ? "" : parts.get(0);
        boolean scoped = !body.isEmpty() || present(entity.notSelector()) || present(entity.namespaceSelector());
        if (scope.isEmpty() || !scoped) {
            return body;
        }
        return body.isEmpty() ? scope : "(" + scope + ") && (" + body + ")";
    }

    /** {@code rules.go} {@code parseServiceAccounts}: the pcsa.-prefixed selector ANDed with the names. */
    private static String serviceAccounts(String where, ServiceAccountMatch serviceAccounts) {
        if (serviceAccounts == null) {
            return "";
        }
        String selector = present(serviceAccounts.selector())
                ? parse(where + " serviceAccounts selector", serviceAccounts.selector())
                        .withKeyPrefix(SERVICE_ACCOUNT_LABEL_PREFIX).toString()
                : "";
        if (serviceAccounts.names().isEmpty()) {
            return selector;
        }
        String names = oneOf(LABEL_SERVICE_ACCOUNT, serviceAccounts.names()).toString();
        return selector.isEmpty() ? names : "(" + selector + ") && (" + names + ")";
    }

    private static Selector namespaceIs(String namespace) {
        return Selector.parse(LABEL_NAMESPACE + " == " + quote(namespace));
    }

    private static Selector oneOf(String key, List<String> values) {
        StringBuilder text = new StringBuilder(key).append(" in {");
        String separator = "";
        for (String value : new TreeSet<>(values)) {
            text.append(separator).append(quote(value));
            separator = ", ";
        }
        return Selector.parse(text.append('}').toString());
    }

    private static String quote(String value) {
        return value.indexOf('\'') < 0 ? "'" + value + "'" : '"' + value + '"';
    }

    /**
     * Calico's {@code prefixAndAppendSelector} followed by {@code strings.Replace(selector, "all()", ...)}:
     * {@code current} null stands for Calico's empty selector string.
     */
    private static Selector append(Selector current, Selector appended, String allReplacement) {
        return current == null ? replaceAll(appended, allReplacement)
                : Selector.and(replaceAll(current, allReplacement), replaceAll(appended, allReplacement));
    }

    /** Calico's {@code strings.Replace(selector, "all()", ...)} on the canonical form. */
    private static Selector replaceAll(Selector selector, String replacement) {
        String text = selector.toString();
        return text.contains("all()") ? Selector.parse(text.replace("all()", replacement)) : selector;
    }

    private static String blankToNull(String selector) {
        return present(selector) ? selector : null;
    }

    private static boolean present(String selector) {
        return selector != null && !selector.isBlank();
    }

    private static Selector parse(String where, String text) {
        try {
            return Selector.parse(text);
        } catch (SelectorParseException e) {
            throw new InvalidPolicyException(where + ": " + e.getMessage(), e);
        }
    }

    /** A policy with a selector that does not parse; it takes no part in matching. */
    public static final class InvalidPolicyException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        InvalidPolicyException(String message, SelectorParseException cause) {
            super(message, cause);
        }
    }
}
