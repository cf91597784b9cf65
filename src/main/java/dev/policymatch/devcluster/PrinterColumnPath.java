package dev.policymatch.devcluster;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The subset of Kubernetes JSONPath that CRD printer columns use: {@code .a.b}, {@code [n]},
 * {@code [*]} and the equality filter {@code [?(@.key=="value")]} (single or double quotes). The
 * embedded API server evaluates it to answer kubectl's server-side table requests, as the real API
 * server does for {@code additionalPrinterColumns}.
 */
public final class PrinterColumnPath {

    private sealed interface Step permits Field, Index, Wildcard, Filter {
    }

    private record Field(String name) implements Step {
    }

    private record Index(int index) implements Step {
    }

    private record Wildcard() implements Step {
    }

    private record Filter(List<String> path, String value) implements Step {
    }

    private final String expression;
    private final List<Step> steps;

    private PrinterColumnPath(String expression, List<Step> steps) {
        this.expression = expression;
        this.steps = steps;
    }

    public static PrinterColumnPath parse(String expression) {
        String text = expression.trim();
        if (text.startsWith("{") && text.endsWith("}")) {
            text = text.substring(1, text.length() - 1);
        }
        if (text.startsWith("$")) {
            text = text.substring(1);
        }
        List<Step> steps = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '.') {
                int end = i + 1;
                while (end < text.length() && text.charAt(end) != '.' && text.charAt(end) != '[') {
                    end++;
                }
                if (end == i + 1) {
                    throw new IllegalArgumentException("empty field name at " + i + " in " + expression);
                }
                steps.add(new Field(text.substring(i + 1, end)));
                i = end;
            } else if (c == '[') {
                int close = closingBracket(text, i, expression);
                steps.add(bracket(text.substring(i + 1, close).trim(), expression));
                i = close + 1;
            } else {
                throw new IllegalArgumentException("unexpected '" + c + "' at " + i + " in " + expression);
            }
        }
        return new PrinterColumnPath(expression, List.copyOf(steps));
    }

    private static int closingBracket(String text, int open, String expression) {
        char quote = 0;
        for (int i = open + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == ']') {
                return i;
            }
        }
        throw new IllegalArgumentException("unclosed '[' at " + open + " in " + expression);
    }

    private static Step bracket(String inside, String expression) {
        if (inside.equals("*")) {
            return new Wildcard();
        }
        if (inside.startsWith("?(") && inside.endsWith(")")) {
            String condition = inside.substring(2, inside.length() - 1).trim();
            int eq = condition.indexOf("==");
            if (!condition.startsWith("@.") || eq < 0) {
                throw new IllegalArgumentException("only [?(@.field==\"value\")] filters are supported: " + expression);
            }
            List<String> path = List.of(condition.substring(2, eq).trim().split("\\."));
            String literal = condition.substring(eq + 2).trim();
            if (literal.length() < 2 || (literal.charAt(0) != '"' && literal.charAt(0) != '\'')
                    || literal.charAt(literal.length() - 1) != literal.charAt(0)) {
                throw new IllegalArgumentException("filter value must be a quoted string: " + expression);
            }
            return new Filter(path, literal.substring(1, literal.length() - 1));
        }
        try {
            return new Index(Integer.parseInt(inside));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("unsupported bracket [" + inside + "] in " + expression, e);
        }
    }

    /** Every node the path reaches, in document order; empty when it reaches none. */
    public List<JsonNode> evaluate(JsonNode root) {
        List<JsonNode> current = List.of(root);
        for (Step step : steps) {
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode node : current) {
                apply(step, node, next);
            }
            current = next;
        }
        return current;
    }

    private static void apply(Step step, JsonNode node, List<JsonNode> out) {
        if (step instanceof Field field) {
            JsonNode child = node.get(field.name());
            if (child != null && !child.isNull()) {
                out.add(child);
            }
        } else if (step instanceof Index index) {
            if (node.isArray()) {
                int i = index.index() < 0 ? node.size() + index.index() : index.index();
                if (i >= 0 && i < node.size()) {
                    out.add(node.get(i));
                }
            }
        } else if (step instanceof Wildcard) {
            node.elements().forEachRemaining(out::add);
        } else if (step instanceof Filter filter && node.isArray()) {
            for (JsonNode element : node) {
                JsonNode value = element;
                for (String key : filter.path()) {
                    value = value == null ? null : value.get(key);
                }
                if (value != null && value.isValueNode() && filter.value().equals(value.asText())) {
                    out.add(element);
                }
            }
        }
    }

    @Override
    public String toString() {
        return expression;
    }
}
