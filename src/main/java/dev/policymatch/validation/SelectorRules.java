package dev.policymatch.validation;

import dev.policymatch.selector.Selector;
import dev.policymatch.selector.SelectorParseException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Calico's rules for selectors in policies and rules: each must parse, and {@code global()} has its one place,
 * a rule's {@code namespaceSelector}, where it must stand alone (libcalico-go
 * {@code lib/validator/v3/validator.go}: {@code validateEntityRule}, {@code validateNetworkPolicySpec},
 * {@code validateGlobalNetworkPolicySpec}).
 */
final class SelectorRules {
    private static final String GLOBAL = "global()";
    /** What Calico's selector tokenizer reads as the single token {@code global()} and nothing else. */
    private static final Pattern GLOBAL_ALONE = Pattern.compile("\\s*global\\(\\s*\\)\\s*");

    private SelectorRules() {
    }

    /** A selector that must parse; null (absent) is fine. */
    static void parses(List<Violation> violations, String field, String selector) {
        if (selector == null) {
            return;
        }
        try {
            Selector.parse(selector);
        } catch (SelectorParseException e) {
            // The selector engine's message quotes the selector and points at the column.
            violations.add(new Violation(field, null, e.getMessage()));
        }
    }

    /**
     * A policy's selectors and a rule's {@code selector}: Calico refuses any text containing {@code global()}
     * there (a substring test, as Calico's). A rule's {@code notSelector} and {@code serviceAccounts.selector}
     * are not checked, as in Calico.
     */
    static void withoutGlobal(List<Violation> violations, String field, String selector) {
        parses(violations, field, selector);
        if (selector != null && selector.contains(GLOBAL)) {
            violations.add(new Violation(field, selector,
                    "is not allowed: global() can only be used in a rule's namespaceSelector"));
        }
    }

    /** A rule's {@code namespaceSelector}: {@code global()} is allowed only as the whole selector. */
    static void globalAlone(List<Violation> violations, String field, String selector) {
        parses(violations, field, selector);
        if (selector != null && selector.contains("global(") && !GLOBAL_ALONE.matcher(selector).matches()) {
            violations.add(new Violation(field, selector,
                    "is not allowed: global() cannot be combined with other selectors"));
        }
    }
}
