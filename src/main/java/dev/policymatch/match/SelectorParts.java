package dev.policymatch.match;

import static dev.policymatch.model.CalicoVocabulary.LABEL_NAMESPACE;
import static dev.policymatch.model.CalicoVocabulary.LABEL_SERVICE_ACCOUNT;
import static dev.policymatch.model.CalicoVocabulary.NAMESPACE_LABEL_PREFIX;
import static dev.policymatch.model.CalicoVocabulary.SERVICE_ACCOUNT_LABEL_PREFIX;

import dev.policymatch.match.CompiledPolicy.InvalidPolicyException;
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
 * The parts Calico builds an effective selector from, each as written and as Calico rewrites it, and the
 * folds that join them into the selector {@link CompiledPolicy} matches with. Compiling goes through these
 * parts, so what {@code calicoq explain} shows part by part is what matching evaluates.
 *
 * <p>A policy ({@code networkpolicyprocessor.go}, {@code globalnetworkpolicyprocessor.go}): its
 * {@code selector}; a NetworkPolicy's own namespace; a GlobalNetworkPolicy's {@code namespaceSelector}
 * ({@code pcns.}) and either kind's {@code serviceAccountSelector} ({@code pcsa.}), with Calico's {@code all()}
 * rewrites. A rule side ({@code rules.go}): the namespace scope, the {@code serviceAccounts} selector and
 * names, the {@code selector}; a {@code notSelector} is a side of its own.
 */
public final class SelectorParts {

    /** What a part is, named by the spec field it comes from. */
    public enum Role {
        SELECTOR("selector"),
        /** A namespaced policy's (or its rules') own namespace. */
        NAMESPACE("namespace"),
        NAMESPACE_SELECTOR("namespaceSelector"),
        SERVICE_ACCOUNT_SELECTOR("serviceAccountSelector"),
        SERVICE_ACCOUNT_NAMES("serviceAccounts.names"),
        NOT_SELECTOR("notSelector");

        private final String field;

        Role(String field) {
            this.field = field;
        }

        /** The spec field, as a user wrote it. */
        public String field() {
            return field;
        }
    }

    /**
     * One part.
     *
     * @param asWritten the field's value as written; null for {@link Role#NAMESPACE} (no field holds it)
     * @param text      the part as Calico spells it in the effective selector it builds
     * @param effective {@code text} parsed: what is evaluated
     */
    public record Part(Role role, String asWritten, String text, Selector effective) {

        /** Whether Calico's form differs from the written one by more than spelling (a prefix, a rewrite). */
        public boolean rewritten() {
            return switch (role) {
                case NAMESPACE -> false;
                case SERVICE_ACCOUNT_NAMES -> true;
                default -> asWritten != null && !Selector.parse(asWritten).equals(effective);
            };
        }
    }

    private SelectorParts() {
    }

    /**
     * The parts of a policy's effective selector, in the order Calico appends them.
     *
     * @throws InvalidPolicyException when a selector does not parse
     */
    public static List<Part> ofPolicy(Policy policy) {
        return policy.isNamespaced() ? namespacedPolicy(policy, namespaceIs(policy.namespace()))
                : globalPolicy(policy);
    }

    /** The policy's effective selector: its parts ANDed left to right, {@code all()} for none. */
    public static Selector foldPolicy(List<Part> parts) {
        Selector folded = null;
        for (Part part : parts) {
            folded = folded == null ? part.effective() : Selector.and(folded, part.effective());
        }
        return folded == null ? Selector.ALL : folded;
    }

    /**
     * The parts of one rule side's effective selector; empty when the side selects no endpoint by label.
     *
     * @param rule 1-based within its direction
     * @throws InvalidPolicyException when a selector does not parse
     */
    public static List<Part> ofRuleSide(Policy policy, Direction direction, int rule, RuleSide side) {
        Rule written = (direction == Direction.INBOUND ? policy.ingress() : policy.egress()).get(rule - 1);
        boolean source = side == RuleSide.SOURCE || side == RuleSide.NOT_SOURCE;
        EntityMatch entity = source ? written.source() : written.destination();
        String where = ruleWhere(direction, rule) + (source ? "source" : "destination");
        if (side == RuleSide.NOT_SOURCE || side == RuleSide.NOT_DESTINATION) {
            return notSelector(where, entity);
        }
        Selector namespace = policy.isNamespaced() ? namespaceIs(policy.namespace()) : null;
        return entity(where, entity, policy.namespace(), namespace);
    }

    /**
     * A rule side's effective selector as libcalico-go's {@code rules.go} composes the string, which calicoq
     * prints: {@code (<scope>) && (<body>)}, the body {@code (<service accounts>) && (<selector>)}, the service
     * accounts {@code (<selector>) && (<names>)}; a part alone is not parenthesised. Empty for no parts.
     */
    public static String foldRule(List<Part> parts) {
        String scope = "";
        String accountSelector = "";
        String accountNames = "";
        String selector = "";
        for (Part part : parts) {
            switch (part.role()) {
                case NAMESPACE, NAMESPACE_SELECTOR -> scope = part.text();
                case SERVICE_ACCOUNT_SELECTOR -> accountSelector = part.text();
                case SERVICE_ACCOUNT_NAMES -> accountNames = part.text();
                case SELECTOR, NOT_SELECTOR -> selector = part.text();
            }
        }
        return both(scope, both(both(accountSelector, accountNames), selector));
    }

    static String ruleWhere(Direction direction, int rule) {
        return (direction == Direction.INBOUND ? "ingress" : "egress") + " rule " + rule + " ";
    }

    /** NetworkPolicy: {@code (<selector>) && projectcalico.org/namespace == '<ns>'}, then the pcsa. selector. */
    private static List<Part> namespacedPolicy(Policy policy, Selector namespace) {
        List<Part> parts = new ArrayList<>(3);
        Selector selector = parse("selector", policy.selector());
        parts.add(new Part(Role.SELECTOR, policy.selector(), selector.toString(), selector));
        parts.add(new Part(Role.NAMESPACE, null, namespace.toString(), namespace));
        if (present(policy.serviceAccountSelector())) {
            // Appended pcsa.-prefixed, without the all() rewrite the global processor does.
            Selector accounts = parse("serviceAccountSelector", policy.serviceAccountSelector())
                    .withKeyPrefix(SERVICE_ACCOUNT_LABEL_PREFIX);
            parts.add(new Part(Role.SERVICE_ACCOUNT_SELECTOR, policy.serviceAccountSelector(), accounts.toString(),
                    accounts));
        }
        return parts;
    }

    /**
     * GlobalNetworkPolicy: the namespaceSelector is appended pcns.-prefixed ("(<selector>) && <ns>", or just
     * <ns> when there is no selector) and then every all() in the result becomes
     * has(projectcalico.org/namespace) (a plain string replace in Calico, so all() means "any namespaced
     * endpoint"); likewise serviceAccountSelector with pcsa. and has(projectcalico.org/serviceaccount). The
     * first rewrite leaves no all() for the second, so each part takes the rewrite of the first part appended
     * at or after it. global() is not rewritten here (only in rules), and Calico evaluates global() as true.
     */
    private static List<Part> globalPolicy(Policy policy) {
        Selector selector = parse("selector", policy.selector());
        boolean namespaces = present(policy.namespaceSelector());
        boolean accounts = present(policy.serviceAccountSelector());
        String namespaceAll = "has(" + LABEL_NAMESPACE + ")";
        String accountAll = "has(" + LABEL_SERVICE_ACCOUNT + ")";
        List<Part> parts = new ArrayList<>(3);
        if (present(policy.selector()) || !namespaces && !accounts) {
            Selector rewritten = namespaces ? replaceAll(selector, namespaceAll)
                    : accounts ? replaceAll(selector, accountAll) : selector;
            parts.add(new Part(Role.SELECTOR, policy.selector(), rewritten.toString(), rewritten));
        }
        if (namespaces) {
            Selector prefixed = replaceAll(parse("namespaceSelector", policy.namespaceSelector())
                    .withKeyPrefix(NAMESPACE_LABEL_PREFIX), namespaceAll);
            parts.add(new Part(Role.NAMESPACE_SELECTOR, policy.namespaceSelector(), prefixed.toString(), prefixed));
        }
        if (accounts) {
            Selector prefixed = replaceAll(parse("serviceAccountSelector", policy.serviceAccountSelector())
                    .withKeyPrefix(SERVICE_ACCOUNT_LABEL_PREFIX), accountAll);
            parts.add(new Part(Role.SERVICE_ACCOUNT_SELECTOR, policy.serviceAccountSelector(), prefixed.toString(),
                    prefixed));
        }
        return parts;
    }

    /**
     * A source or destination ({@code GetEntityRuleSelector}, {@code getEndpointSelector},
     * {@code parseServiceAccounts}). The namespace scope is the pcns.-prefixed {@code namespaceSelector} (with
     * all() → {@code has(projectcalico.org/namespace)} and global() → {@code !has(projectcalico.org/namespace)}),
     * else, in a namespaced policy, the policy's own namespace; it applies as soon as any selector field is used,
     * {@code notSelector} included.
     *
     * @param namespace the namespace scope of a namespaced policy, parsed; null for a global one
     */
    static List<Part> entity(String where, EntityMatch entity, String policyNamespace, Selector namespace) {
        List<Part> parts = new ArrayList<>(4);
        Part scope = null;
        if (present(entity.namespaceSelector())) {
            Selector prefixed = parse(where + " namespaceSelector", entity.namespaceSelector())
                    .withKeyPrefix(NAMESPACE_LABEL_PREFIX);
            String text = prefixed.toString()
                    .replace("all()", "has(" + LABEL_NAMESPACE + ")")
                    .replace("global()", "!has(" + LABEL_NAMESPACE + ")");
            scope = new Part(Role.NAMESPACE_SELECTOR, entity.namespaceSelector(), text,
                    text.equals(prefixed.toString()) ? prefixed : parse(where + " namespaceSelector", text));
        } else if (policyNamespace != null) {
            Selector parsed = namespace != null ? namespace : namespaceIs(policyNamespace);
            scope = new Part(Role.NAMESPACE, null, LABEL_NAMESPACE + " == '" + policyNamespace + "'", parsed);
        }
        serviceAccounts(where, entity.serviceAccounts(), parts);
        if (present(entity.selector())) {
            parts.add(new Part(Role.SELECTOR, entity.selector(), entity.selector(),
                    parse(where + " selector", entity.selector())));
        }
        boolean scoped = !parts.isEmpty() || present(entity.notSelector()) || present(entity.namespaceSelector());
        if (scope != null && scoped) {
            parts.add(0, scope);
        }
        return parts;
    }

    static List<Part> notSelector(String where, EntityMatch entity) {
        if (!present(entity.notSelector())) {
            return List.of();
        }
        // Used as written: Calico copies it to NotSrcSelector/NotDstSelector unscoped.
        return List.of(new Part(Role.NOT_SELECTOR, entity.notSelector(), entity.notSelector(),
                parse(where + " notSelector", entity.notSelector())));
    }

    /** {@code rules.go} {@code parseServiceAccounts}: the pcsa.-prefixed selector, then the names. */
    private static void serviceAccounts(String where, ServiceAccountMatch accounts, List<Part> parts) {
        if (accounts == null) {
            return;
        }
        if (present(accounts.selector())) {
            Selector prefixed = parse(where + " serviceAccounts selector", accounts.selector())
                    .withKeyPrefix(SERVICE_ACCOUNT_LABEL_PREFIX);
            parts.add(new Part(Role.SERVICE_ACCOUNT_SELECTOR, accounts.selector(), prefixed.toString(), prefixed));
        }
        if (!accounts.names().isEmpty()) {
            Selector names = oneOf(LABEL_SERVICE_ACCOUNT, accounts.names());
            parts.add(new Part(Role.SERVICE_ACCOUNT_NAMES, String.join(", ", accounts.names()), names.toString(),
                    names));
        }
    }

    /** {@code (a) && (b)}, or the one that is not empty. */
    private static String both(String first, String second) {
        if (first.isEmpty() || second.isEmpty()) {
            return first.isEmpty() ? second : first;
        }
        return "(" + first + ") && (" + second + ")";
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

    /** Calico's {@code strings.Replace(selector, "all()", ...)} on the canonical form. */
    private static Selector replaceAll(Selector selector, String replacement) {
        String text = selector.toString();
        return text.contains("all()") ? Selector.parse(text.replace("all()", replacement)) : selector;
    }

    static boolean present(String selector) {
        return selector != null && !selector.isBlank();
    }

    static Selector parse(String where, String text) {
        try {
            return Selector.parse(text);
        } catch (SelectorParseException e) {
            throw new InvalidPolicyException(where + ": " + e.getMessage(), e);
        }
    }
}
