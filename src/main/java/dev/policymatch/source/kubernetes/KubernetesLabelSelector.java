package dev.policymatch.source.kubernetes;

import static dev.policymatch.model.CalicoVocabulary.KUBERNETES_POD_CLAUSE;

import com.fasterxml.jackson.databind.JsonNode;
import dev.policymatch.source.document.Fields;
import dev.policymatch.source.document.ResourceFormatException;
import dev.policymatch.text.Quoted;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Kubernetes {@code LabelSelector} ({@code matchLabels}, {@code matchExpressions}) as the Calico
 * selector text that libcalico-go's {@code k8sSelectorToCalico} (conversion.go) writes, character
 * for character, because calicoq prints policy and rule selectors as stored:
 *
 * <ul>
 *   <li>a pod selector starts with {@code projectcalico.org/orchestrator == 'k8s'} (so it never
 *       selects host endpoints or non-Kubernetes workloads); a namespace selector does not;</li>
 *   <li>then one clause per requirement, joined by {@code " && "}: {@code matchLabels} sorted by key
 *       as {@code k == 'v'}, then {@code matchExpressions} in the order written, values in the order
 *       written: {@code k in { 'a', 'b' }}, {@code k not in { 'a', 'b' }}, {@code has(k)},
 *       {@code ! has(k)};</li>
 *   <li>an absent selector gives only the prefix (so an absent namespace selector is empty: no
 *       namespace selector at all); a present but empty namespace selector ({@code {}}) is
 *       {@code all()}, every namespace; an empty pod selector is just the prefix, every pod.</li>
 * </ul>
 */
final class KubernetesLabelSelector {

    private KubernetesLabelSelector() {
    }

    /** A pod selector ({@code spec.podSelector}, a peer's {@code podSelector}); missing means absent. */
    static String pods(Fields f, JsonNode selector, String path) throws ResourceFormatException {
        return convert(f, selector, path, true);
    }

    /** A peer's {@code namespaceSelector}; empty text (no selector) when absent. */
    static String namespaces(Fields f, JsonNode selector, String path)
            throws ResourceFormatException {
        return convert(f, selector, path, false);
    }

    private static String convert(Fields f, JsonNode selector, String path, boolean pods)
            throws ResourceFormatException {
        List<String> clauses = new ArrayList<>();
        if (pods) {
            clauses.add(KUBERNETES_POD_CLAUSE);
        }
        if (selector.isMissingNode() || selector.isNull()) {
            return String.join(" && ", clauses);
        }
        // stringMap sorts by key, as Calico's sort.Strings does (byte order; keys are ASCII).
        Map<String, String> matchLabels = f.stringMap(selector, "matchLabels", path + ".matchLabels");
        List<JsonNode> expressions = f.objects(selector, "matchExpressions", path + ".matchExpressions");
        if (!pods && matchLabels.isEmpty() && expressions.isEmpty()) {
            return "all()";
        }
        matchLabels.forEach((key, value) -> clauses.add(key + " == '" + value + "'"));
        for (int i = 0; i < expressions.size(); i++) {
            JsonNode expression = expressions.get(i);
            String at = path + ".matchExpressions[" + i + "]";
            String key = f.text(expression, "key", at + ".key");
            String operator = f.text(expression, "operator", at + ".operator");
            String values = "'" + String.join("', '", f.texts(expression, "values", at + ".values")) + "'";
            clauses.add(switch (operator == null ? "" : operator) {
                case "In" -> key + " in { " + values + " }";
                case "NotIn" -> key + " not in { " + values + " }";
                case "Exists" -> "has(" + key + ")";
                case "DoesNotExist" -> "! has(" + key + ")";
                // Calico skips an unknown operator, which widens the selector; the API server never
                // admits one, so in a manifest it is a mistake (a lowercase "in") worth reporting.
                default -> throw f.problem(at + ".operator",
                        "expected In, NotIn, Exists or DoesNotExist, got "
                                + (operator == null ? "nothing" : Quoted.of(operator)));
            });
        }
        return String.join(" && ", clauses);
    }
}
