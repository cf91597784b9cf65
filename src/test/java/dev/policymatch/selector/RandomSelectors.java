package dev.policymatch.selector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A small, independent model of Calico's selector grammar for property and fuzz tests: random
 * expressions, a printer that varies the surface syntax (quotes, spaces and tabs, redundant
 * parentheses, folded double negations, trailing commas, duplicate set values), the canonical
 * form Calico would print, and a reference evaluation written straight from the documentation.
 */
final class RandomSelectors {
    static final List<String> KEYS = List.of("a", "b", "c", "app", "k8s-app", "projectcalico.org/namespace",
            "in", "not", "has", "all", "contains", "ends", "with", "_x.y/z-1");
    static final List<String> VALUES = List.of("", "a", "b", "ab", "ba", "x'y", "x\"y", "é", "\uD83D\uDE00",
            "\uFFFD", "a b", "&&", "(", "in");
    private static final List<String> OPERATORS = List.of("==", "!=", "contains", "starts with", "ends with");
    /** Go sorts Calico's string sets by UTF-8 bytes, which is code point order. */
    private static final Comparator<String> CODE_POINT_ORDER =
            (x, y) -> Arrays.compare(x.codePoints().toArray(), y.codePoints().toArray());

    sealed interface Expr permits Has, Compare, InSet, All, Global, Not, And, Or {
    }

    record Has(String key) implements Expr {
    }

    record Compare(String key, String operator, String value) implements Expr {
    }

    /** Values as written: maybe unsorted, maybe with duplicates. */
    record InSet(String key, boolean negated, List<String> values) implements Expr {
    }

    record All() implements Expr {
    }

    record Global() implements Expr {
    }

    /** Never directly around another Not: Calico folds "!!" away. */
    record Not(Expr operand) implements Expr {
    }

    record And(List<Expr> operands) implements Expr {
    }

    record Or(List<Expr> operands) implements Expr {
    }

    private final Random random;

    RandomSelectors(Random random) {
        this.random = random;
    }

    // ---- generation ----

    Expr expression(int depth) {
        int choice = random.nextInt(depth <= 0 ? 6 : 9);
        return switch (choice) {
            case 0 -> new Has(key());
            case 1, 2 -> new Compare(key(), pick(OPERATORS), value());
            case 3 -> new InSet(key(), random.nextBoolean(), values());
            case 4 -> random.nextInt(4) == 0 ? new Global() : new All();
            case 5 -> new Compare(key(), "==", value());
            case 6 -> {
                Expr operand = expression(depth - 1);
                yield operand instanceof Not not ? not.operand() : new Not(operand);
            }
            case 7 -> new And(operands(depth));
            default -> new Or(operands(depth));
        };
    }

    private List<Expr> operands(int depth) {
        List<Expr> operands = new ArrayList<>();
        int count = 2 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            operands.add(expression(depth - 1));
        }
        return operands;
    }

    Map<String, String> labels() {
        Map<String, String> labels = new HashMap<>();
        for (String key : KEYS) {
            if (random.nextInt(3) == 0) {
                labels.put(key, random.nextInt(8) == 0 ? "zzz" : value());
            }
        }
        return labels;
    }

    private String key() {
        return pick(KEYS);
    }

    private String value() {
        return pick(VALUES);
    }

    private List<String> values() {
        List<String> values = new ArrayList<>();
        int count = random.nextInt(4);
        for (int i = 0; i < count; i++) {
            values.add(value());
        }
        if (count > 0 && random.nextInt(4) == 0) {
            values.add(values.get(0));
        }
        return values;
    }

    private <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    // ---- the canonical form, as Calico's String() prints it ----

    static String canonical(Expr expr) {
        if (expr instanceof Has has) {
            return "has(" + has.key() + ")";
        }
        if (expr instanceof Compare compare) {
            return compare.key() + " " + compare.operator() + " " + quoted(compare.value());
        }
        if (expr instanceof InSet set) {
            TreeSet<String> sorted = new TreeSet<>(CODE_POINT_ORDER);
            sorted.addAll(set.values());
            return set.key() + (set.negated() ? " not in {" : " in {")
                    + sorted.stream().map(RandomSelectors::quoted).collect(Collectors.joining(", ")) + "}";
        }
        if (expr instanceof All) {
            return "all()";
        }
        if (expr instanceof Global) {
            return "global()";
        }
        if (expr instanceof Not not) {
            return "!" + canonical(not.operand());
        }
        if (expr instanceof And and) {
            return and.operands().stream().map(RandomSelectors::canonical).collect(Collectors.joining(" && ", "(", ")"));
        }
        Or or = (Or) expr;
        return or.operands().stream().map(RandomSelectors::canonical).collect(Collectors.joining(" || ", "(", ")"));
    }

    private static String quoted(String value) {
        return value.contains("\"") ? "'" + value + "'" : "\"" + value + "\"";
    }

    // ---- the reference evaluation, from the documentation's table ----

    static boolean evaluate(Expr expr, Map<String, String> labels) {
        if (expr instanceof Has has) {
            return labels.containsKey(has.key());
        }
        if (expr instanceof Compare compare) {
            String actual = labels.get(compare.key());
            if (actual == null) {
                return compare.operator().equals("!=");
            }
            return switch (compare.operator()) {
                case "==" -> actual.equals(compare.value());
                case "!=" -> !actual.equals(compare.value());
                case "contains" -> actual.contains(compare.value());
                case "starts with" -> actual.startsWith(compare.value());
                case "ends with" -> actual.endsWith(compare.value());
                default -> throw new IllegalStateException(compare.operator());
            };
        }
        if (expr instanceof InSet set) {
            String actual = labels.get(set.key());
            return actual == null ? set.negated() : set.values().contains(actual) != set.negated();
        }
        if (expr instanceof All || expr instanceof Global) {
            return true;
        }
        if (expr instanceof Not not) {
            return !evaluate(not.operand(), labels);
        }
        if (expr instanceof And and) {
            return and.operands().stream().allMatch(operand -> evaluate(operand, labels));
        }
        return ((Or) expr).operands().stream().anyMatch(operand -> evaluate(operand, labels));
    }

    // ---- printing in varied surface syntax ----

    /** Where an expression is printed decides which parentheses it needs to keep its structure. */
    private enum Position { TOP, OR_OPERAND, AND_OPERAND, NEGATED }

    String print(Expr expr) {
        return ws() + print(expr, Position.TOP) + ws();
    }

    private String print(Expr expr, Position position) {
        boolean compound = expr instanceof And || expr instanceof Or;
        boolean needsParentheses = switch (position) {
            case TOP -> false;
            case OR_OPERAND -> expr instanceof Or;
            case AND_OPERAND -> compound;
            case NEGATED -> compound;
        };
        int style = random.nextInt(12);
        if (style == 0) {
            // a double negation through parentheses: !(!x) is x
            return "!" + ws() + "(" + ws() + "!" + ws() + print(expr, Position.NEGATED) + ws() + ")";
        }
        if (style == 1 && !compound) {
            // a run of two "!" folds away
            return "!" + ws() + "!" + ws() + print(expr, Position.NEGATED);
        }
        String text = bare(expr);
        if (needsParentheses || style == 2) {
            return "(" + ws() + text + ws() + ")";
        }
        return text;
    }

    private String bare(Expr expr) {
        if (expr instanceof Has has) {
            return "has(" + ws() + has.key() + ws() + ")";
        }
        if (expr instanceof Compare compare) {
            return compare.key() + operator(compare.operator()) + ws() + literal(compare.value());
        }
        if (expr instanceof InSet set) {
            return set.key() + operator(set.negated() ? "not in" : "in") + ws() + set(set.values());
        }
        if (expr instanceof All) {
            return "all(" + ws() + ")";
        }
        if (expr instanceof Global) {
            return "global(" + ws() + ")";
        }
        if (expr instanceof Not not) {
            return "!" + ws() + print(not.operand(), Position.NEGATED);
        }
        if (expr instanceof And and) {
            return join(and.operands(), "&&", Position.AND_OPERAND);
        }
        return join(((Or) expr).operands(), "||", Position.OR_OPERAND);
    }

    private String join(List<Expr> operands, String operator, Position position) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < operands.size(); i++) {
            if (i > 0) {
                out.append(ws()).append(operator).append(ws());
            }
            out.append(print(operands.get(i), position));
        }
        return out.toString();
    }

    /** Word operators need a space or tab after the key; symbols need none. */
    private String operator(String operator) {
        return switch (operator) {
            case "==", "!=" -> ws() + operator;
            case "not in" -> ws1() + "not" + ws1() + "in";
            case "starts with" -> ws1() + "starts" + ws1() + "with";
            case "ends with" -> ws1() + "ends" + ws1() + "with";
            default -> ws1() + operator;
        };
    }

    private String set(List<String> values) {
        StringBuilder out = new StringBuilder("{").append(ws());
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(ws()).append(',').append(ws());
            }
            out.append(literal(values.get(i)));
        }
        if (!values.isEmpty() && random.nextInt(5) == 0) {
            out.append(ws()).append(',');
        }
        return out.append(ws()).append('}').toString();
    }

    private String literal(String value) {
        char quote;
        if (value.contains("\"")) {
            quote = '\'';
        } else if (value.contains("'")) {
            quote = '"';
        } else {
            quote = random.nextBoolean() ? '"' : '\'';
        }
        return quote + value + quote;
    }

    private String ws() {
        return switch (random.nextInt(6)) {
            case 0, 1 -> "";
            case 2 -> " ";
            case 3 -> "\t";
            case 4 -> "  ";
            default -> " \t ";
        };
    }

    private String ws1() {
        return random.nextBoolean() ? " " : (random.nextBoolean() ? "\t" : " \t");
    }
}
