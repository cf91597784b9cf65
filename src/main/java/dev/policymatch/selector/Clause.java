package dev.policymatch.selector;

import java.util.List;

/**
 * One clause of a selector as evaluated against one set of labels, for explaining why a selector does or does
 * not match: its canonical text, its value, and, for a clause that reads a label ({@code has(k)},
 * {@code k == "v"}, {@code k in {...}}), the label's key and the value found ({@code null} when absent). A
 * negation, conjunction or disjunction holds its operands' clauses, every one evaluated (no short-circuit), so
 * an explanation shows all that fails, not only the first.
 */
public record Clause(String text, boolean value, String label, String labelValue, List<Clause> operands) {

    public Clause {
        operands = List.copyOf(operands);
    }

    static Clause leaf(Node node, boolean value) {
        return new Clause(canonical(node), value, null, null, List.of());
    }

    static Clause onLabel(Node node, boolean value, String label, String labelValue) {
        return new Clause(canonical(node), value, label, labelValue, List.of());
    }

    static Clause group(Node node, boolean value, List<Clause> operands) {
        return new Clause(canonical(node), value, null, null, operands);
    }

    /** Whether this clause reads a label. */
    public boolean readsLabel() {
        return label != null;
    }

    private static String canonical(Node node) {
        StringBuilder out = new StringBuilder();
        node.appendCanonical(out);
        return out.toString();
    }
}
