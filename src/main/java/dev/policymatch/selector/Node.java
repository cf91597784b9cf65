package dev.policymatch.selector;

import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The selector AST. Each node evaluates itself, prints its canonical form (the form Calico's
 * {@code String()} gives) and states the label restrictions it implies.
 */
sealed interface Node {

    boolean evaluate(LabelLookup labels);

    /** The same evaluation, clause by clause; for explanations only, never on the match path. */
    Clause explain(LabelLookup labels);

    void appendCanonical(StringBuilder out);

    /** Keys that must be present (and their allowed values) for this node to be true. */
    Map<String, LabelRestriction> restrictions();

    /** The same node with {@code prefix} before every label key. */
    Node withKeyPrefix(String prefix);

    record All() implements Node {
        public Node withKeyPrefix(String prefix) {
            return this;
        }

        public boolean evaluate(LabelLookup labels) {
            return true;
        }

        public void appendCanonical(StringBuilder out) {
            out.append("all()");
        }

        public Clause explain(LabelLookup labels) {
            return Clause.leaf(this, true);
        }

        public Map<String, LabelRestriction> restrictions() {
            return Map.of();
        }
    }

    /** Calico's {@code global()}: selects non-namespaced resources; always true against labels. */
    record Global() implements Node {
        public Node withKeyPrefix(String prefix) {
            return this;
        }

        public boolean evaluate(LabelLookup labels) {
            return true;
        }

        public void appendCanonical(StringBuilder out) {
            out.append("global()");
        }

        public Clause explain(LabelLookup labels) {
            return Clause.leaf(this, true);
        }

        public Map<String, LabelRestriction> restrictions() {
            return Map.of();
        }
    }

    record Has(String key) implements Node {
        public Node withKeyPrefix(String prefix) {
            return new Has(prefix + key);
        }

        public boolean evaluate(LabelLookup labels) {
            return labels.get(key) != null;
        }

        public Clause explain(LabelLookup labels) {
            String actual = labels.get(key);
            return Clause.onLabel(this, actual != null, key, actual);
        }

        public void appendCanonical(StringBuilder out) {
            out.append("has(").append(key).append(')');
        }

        public Map<String, LabelRestriction> restrictions() {
            return Map.of(key, LabelRestriction.present());
        }
    }

    /** {@code key <op> "value"} for the operators whose right-hand side is one string. */
    record Compare(String key, Operator operator, String value) implements Node {
        public Node withKeyPrefix(String prefix) {
            return new Compare(prefix + key, operator, value);
        }

        public boolean evaluate(LabelLookup labels) {
            String actual = labels.get(key);
            if (actual == null) {
                return operator == Operator.NOT_EQUAL;
            }
            return switch (operator) {
                case EQUAL -> actual.equals(value);
                case NOT_EQUAL -> !actual.equals(value);
                case CONTAINS -> actual.contains(value);
                case STARTS_WITH -> actual.startsWith(value);
                case ENDS_WITH -> actual.endsWith(value);
            };
        }

        public Clause explain(LabelLookup labels) {
            return Clause.onLabel(this, evaluate(labels), key, labels.get(key));
        }

        public void appendCanonical(StringBuilder out) {
            out.append(key).append(' ').append(operator.symbol).append(' ');
            appendQuoted(out, value);
        }

        public Map<String, LabelRestriction> restrictions() {
            return switch (operator) {
                case EQUAL -> Map.of(key, LabelRestriction.oneOf(Set.of(value)));
                case NOT_EQUAL -> Map.of();
                case CONTAINS, STARTS_WITH, ENDS_WITH -> Map.of(key, LabelRestriction.present());
            };
        }
    }

    enum Operator {
        EQUAL("=="), NOT_EQUAL("!="), CONTAINS("contains"), STARTS_WITH("starts with"), ENDS_WITH("ends with");

        final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }
    }

    /**
     * {@code key in {...}} or, negated, {@code key not in {...}}; values sorted (in Calico's order)
     * and de-duplicated for printing, and also held in a hash set so that evaluation is one lookup.
     */
    record InSet(String key, boolean negated, SortedSet<String> values, Set<String> lookup) implements Node {
        InSet(String key, boolean negated, SortedSet<String> values) {
            this(key, negated, values, null);
        }

        public InSet {
            SortedSet<String> sorted = new TreeSet<>(Parser.CODE_POINT_ORDER);
            sorted.addAll(values);
            values = Collections.unmodifiableSortedSet(sorted);
            lookup = Set.copyOf(sorted);
        }

        public Node withKeyPrefix(String prefix) {
            return new InSet(prefix + key, negated, values);
        }

        public boolean evaluate(LabelLookup labels) {
            String actual = labels.get(key);
            if (actual == null) {
                return negated;
            }
            return lookup.contains(actual) != negated;
        }

        public Clause explain(LabelLookup labels) {
            return Clause.onLabel(this, evaluate(labels), key, labels.get(key));
        }

        public void appendCanonical(StringBuilder out) {
            out.append(key).append(negated ? " not in {" : " in {");
            boolean first = true;
            for (String value : values) {
                if (!first) {
                    out.append(", ");
                }
                appendQuoted(out, value);
                first = false;
            }
            out.append('}');
        }

        public Map<String, LabelRestriction> restrictions() {
            return negated ? Map.of() : Map.of(key, LabelRestriction.oneOf(values));
        }
    }

    record Not(Node operand) implements Node {
        public Node withKeyPrefix(String prefix) {
            return new Not(operand.withKeyPrefix(prefix));
        }

        public boolean evaluate(LabelLookup labels) {
            return !operand.evaluate(labels);
        }

        public Clause explain(LabelLookup labels) {
            Clause inner = operand.explain(labels);
            return Clause.group(this, !inner.value(), List.of(inner));
        }

        public void appendCanonical(StringBuilder out) {
            out.append('!');
            operand.appendCanonical(out);
        }

        /** Nothing is known for sure about the labels of something a negation matches. */
        public Map<String, LabelRestriction> restrictions() {
            return Map.of();
        }
    }

    record And(List<Node> operands) implements Node {
        public Node withKeyPrefix(String prefix) {
            return new And(operands.stream().map(operand -> operand.withKeyPrefix(prefix)).toList());
        }

        public And {
            operands = List.copyOf(operands);
        }

        public boolean evaluate(LabelLookup labels) {
            for (Node operand : operands) {
                if (!operand.evaluate(labels)) {
                    return false;
                }
            }
            return true;
        }

        public Clause explain(LabelLookup labels) {
            List<Clause> clauses = operands.stream().map(operand -> operand.explain(labels)).toList();
            return Clause.group(this, clauses.stream().allMatch(Clause::value), clauses);
        }

        public void appendCanonical(StringBuilder out) {
            appendGroup(out, operands, " && ");
        }

        /** Every operand's restriction holds; a key restricted twice keeps only the common values. */
        public Map<String, LabelRestriction> restrictions() {
            Map<String, LabelRestriction> combined = new HashMap<>();
            for (Node operand : operands) {
                operand.restrictions().forEach((key, restriction) -> combined.merge(key, restriction, And::both));
            }
            return Map.copyOf(combined);
        }

        private static LabelRestriction both(LabelRestriction a, LabelRestriction b) {
            if (!a.hasAllowedValues()) {
                return b;
            }
            if (!b.hasAllowedValues()) {
                return a;
            }
            Set<String> common = new HashSet<>(a.allowedValues());
            common.retainAll(b.allowedValues());
            return LabelRestriction.oneOf(common);
        }
    }

    record Or(List<Node> operands) implements Node {
        public Node withKeyPrefix(String prefix) {
            return new Or(operands.stream().map(operand -> operand.withKeyPrefix(prefix)).toList());
        }

        public Or {
            operands = List.copyOf(operands);
        }

        public boolean evaluate(LabelLookup labels) {
            for (Node operand : operands) {
                if (operand.evaluate(labels)) {
                    return true;
                }
            }
            return false;
        }

        public Clause explain(LabelLookup labels) {
            List<Clause> clauses = operands.stream().map(operand -> operand.explain(labels)).toList();
            return Clause.group(this, clauses.stream().anyMatch(Clause::value), clauses);
        }

        public void appendCanonical(StringBuilder out) {
            appendGroup(out, operands, " || ");
        }

        /** Only keys every alternative restricts; their allowed values are the union. */
        public Map<String, LabelRestriction> restrictions() {
            Map<String, LabelRestriction> common = new HashMap<>(operands.get(0).restrictions());
            for (Node operand : operands.subList(1, operands.size())) {
                Map<String, LabelRestriction> next = operand.restrictions();
                common.keySet().retainAll(next.keySet());
                common.replaceAll((key, restriction) -> either(restriction, next.get(key)));
            }
            return Map.copyOf(common);
        }

        private static LabelRestriction either(LabelRestriction a, LabelRestriction b) {
            if (!a.hasAllowedValues() || !b.hasAllowedValues()) {
                return LabelRestriction.present();
            }
            Set<String> union = new HashSet<>(a.allowedValues());
            union.addAll(b.allowedValues());
            return LabelRestriction.oneOf(union);
        }
    }

    private static void appendGroup(StringBuilder out, List<Node> operands, String separator) {
        out.append('(');
        for (int i = 0; i < operands.size(); i++) {
            if (i > 0) {
                out.append(separator);
            }
            operands.get(i).appendCanonical(out);
        }
        out.append(')');
    }

    /** Calico quotes with double quotes unless the value itself contains one (there are no escapes). */
    private static void appendQuoted(StringBuilder out, String value) {
        char quote = value.indexOf('"') >= 0 ? '\'' : '"';
        out.append(quote).append(value).append(quote);
    }
}
