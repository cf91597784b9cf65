package dev.policymatch.selector;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A parsed Calico label selector. Immutable and thread-safe; equal when the canonical forms are
 * equal, which is also how Calico identifies selectors.
 *
 * <pre>{@code
 * Selector selector = Selector.parse("role == 'db' && env in {'prod', 'staging'}");
 * selector.matches(Map.of("role", "db", "env", "prod"));   // true
 * selector.toString();   // (role == "db" && env in {"prod", "staging"})
 * }</pre>
 */
public final class Selector {
    /** The selector that matches everything; what a blank selector means. */
    public static final Selector ALL = new Selector(new Node.All());

    private final Node root;
    private final String canonical;
    private volatile Map<String, LabelRestriction> restrictions;

    private Selector(Node root) {
        this.root = root;
        StringBuilder out = new StringBuilder();
        root.appendCanonical(out);
        this.canonical = out.toString();
    }

    /**
     * Parses a selector. A null or empty selector, or one of only spaces and tabs, is {@code all()};
     * other whitespace (a line break, say) is an error, as in Calico.
     *
     * @throws SelectorParseException when the text is not a valid selector
     */
    public static Selector parse(String text) {
        if (text == null) {
            return ALL;
        }
        Node root = Parser.parse(text);
        return root instanceof Node.All ? ALL : new Selector(root);
    }

    /**
     * The conjunction of selectors, as Calico builds a policy's effective selector from its parts
     * (for example the selector and the namespace scope). {@code all()} operands are left out.
     */
    public static Selector and(Selector... selectors) {
        List<Node> operands = new ArrayList<>();
        for (Selector selector : selectors) {
            if (!selector.isAll()) {
                operands.add(selector.root);
            }
        }
        if (operands.isEmpty()) {
            return ALL;
        }
        return operands.size() == 1 ? new Selector(operands.get(0)) : new Selector(new Node.And(operands));
    }

    /**
     * This selector with {@code prefix} put before every label key, as Calico turns a
     * {@code namespaceSelector} into a selector on the {@code pcns.}-prefixed labels that namespaces
     * give their endpoints. {@code all()} and {@code global()} are kept as they are.
     */
    public Selector withKeyPrefix(String prefix) {
        return new Selector(root.withKeyPrefix(prefix));
    }

    /** Whether the selector matches a label map. */
    public boolean matches(Map<String, String> labels) {
        return root.evaluate(labels::get);
    }

    /** Whether the selector matches the labels a lookup gives (null for an absent label). */
    public boolean matches(LabelLookup labels) {
        return root.evaluate(labels);
    }

    /**
     * The evaluation clause by clause, for explaining a match or a miss: every operand of a conjunction or
     * disjunction is evaluated, and each clause that reads a label names it and the value found. Its value is
     * always that of {@link #matches(LabelLookup)}; the match path does not use it.
     */
    public Clause explain(LabelLookup labels) {
        return root.explain(labels);
    }

    /**
     * For each label key the selector needs, what it needs of it. A label matched by the selector
     * always satisfies every restriction; keys not in the map are unconstrained.
     */
    public Map<String, LabelRestriction> labelRestrictions() {
        Map<String, LabelRestriction> computed = restrictions;
        if (computed == null) {
            computed = root.restrictions();
            restrictions = computed;
        }
        return computed;
    }

    /** Whether this is {@code all()}: it matches every set of labels. */
    public boolean isAll() {
        return root instanceof Node.All;
    }

    /** The canonical form, as Calico prints selectors; parsing it gives back an equal selector. */
    @Override
    public String toString() {
        return canonical;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Selector selector && canonical.equals(selector.canonical);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(canonical);
    }
}
