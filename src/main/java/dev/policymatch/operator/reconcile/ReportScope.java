package dev.policymatch.operator.reconcile;

import dev.policymatch.model.CalicoVocabulary;
import dev.policymatch.model.EndpointKind;
import dev.policymatch.selector.Selector;
import dev.policymatch.selector.SelectorParseException;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Which endpoints get a report ({@code --reports}, {@code --report-namespace-selector}): the kinds, and
 * for pods a Calico selector over their Namespace's own labels. Every endpoint is matched and counted in
 * the metrics all the same; only the report is left out (and withdrawn when one exists).
 *
 * <p>The namespace selector sees the Namespace's labels plus {@code projectcalico.org/name: <namespace>},
 * as a policy's {@code namespaceSelector} does (Calico's conversion.go {@code NamespaceToProfile}).
 *
 * @param kinds      the kinds of endpoint that get reports
 * @param namespaces the namespaces whose pods get reports; empty: every namespace
 */
public record ReportScope(Set<EndpointKind> kinds, Optional<Selector> namespaces) {

    public static final String REPORTS_OPTION = "--reports";
    public static final String NAMESPACE_SELECTOR_OPTION = "--report-namespace-selector";
    public static final String EVERY_KIND = "host,workload";
    public static final String NO_KIND = "none";

    /** Every endpoint gets a report (the default). */
    public static final ReportScope ALL = new ReportScope(EnumSet.allOf(EndpointKind.class), Optional.empty());

    public ReportScope {
        kinds = Set.copyOf(kinds);
    }

    /**
     * The scope of the two options' values: {@code reports} is {@code host,workload}, {@code host},
     * {@code workload} or {@code none} (null: the default, {@value #EVERY_KIND}); {@code namespaceSelector} is a
     * Calico selector, null or blank for every namespace.
     *
     * @throws IllegalArgumentException with one line naming the option and the value
     */
    public static ReportScope parse(String reports, String namespaceSelector) {
        Optional<Selector> namespaces;
        try {
            namespaces = namespaceSelector == null || namespaceSelector.isBlank() ? Optional.empty()
                    : Optional.of(Selector.parse(namespaceSelector));
        } catch (SelectorParseException e) {
            throw new IllegalArgumentException(NAMESPACE_SELECTOR_OPTION + " \"" + namespaceSelector + "\": "
                    + e.getMessage(), e);
        }
        return new ReportScope(parseKinds(reports), namespaces);
    }

    private static Set<EndpointKind> parseKinds(String reports) {
        String value = reports == null ? EVERY_KIND : reports.strip();
        if (value.equals(NO_KIND)) {
            return Set.of();
        }
        Set<EndpointKind> kinds = EnumSet.noneOf(EndpointKind.class);
        for (String part : value.split(",", -1)) {
            kinds.add(kindLabelled(part.strip().toLowerCase(Locale.ROOT)).orElseThrow(() ->
                    new IllegalArgumentException(REPORTS_OPTION + " \"" + reports + "\": expected " + EVERY_KIND
                            + ", " + EndpointKind.HOST_LABEL + ", " + EndpointKind.WORKLOAD_LABEL + " or " + NO_KIND)));
        }
        return kinds;
    }

    private static Optional<EndpointKind> kindLabelled(String label) {
        for (EndpointKind kind : EndpointKind.values()) {
            if (kind.label().equals(label)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    public boolean covers(EndpointKind kind) {
        return kinds.contains(kind);
    }

    /** Whether the pods of the namespace {@code name}, labelled {@code labels}, get reports. */
    public boolean coversNamespace(String name, Map<String, String> labels) {
        if (namespaces.isEmpty()) {
            return true;
        }
        Map<String, String> seen = new HashMap<>(labels);
        seen.put(CalicoVocabulary.NAME_LABEL, name);
        return namespaces.get().matches(seen);
    }

    /**
     * Whether an endpoint of {@code kind} gets a report; a workload endpoint's namespace is
     * {@code namespace}, whose labels {@code namespaceLabels} gives.
     */
    public boolean covers(EndpointKind kind, String namespace, Function<String, Map<String, String>> namespaceLabels) {
        if (!covers(kind)) {
            return false;
        }
        return kind != EndpointKind.WORKLOAD || coversNamespace(namespace, namespaceLabels.apply(namespace));
    }

    /** Whether a namespace selector is set, so that a namespace's labels can change what is covered. */
    public boolean dependsOnNamespaceLabels() {
        return covers(EndpointKind.WORKLOAD) && namespaces.isPresent();
    }

    /** As the options would give it, for logs: {@code host,workload}, {@code host} (namespaces ...). */
    public String describe() {
        String kindList = kinds.isEmpty() ? NO_KIND : String.join(",", EnumSet.copyOf(kinds).stream()
                .map(EndpointKind::label).toList());
        return namespaces.map(selector -> kindList + " (pods of namespaces matching " + selector + ")")
                .orElse(kindList);
    }
}
