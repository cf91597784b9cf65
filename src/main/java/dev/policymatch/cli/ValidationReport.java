package dev.policymatch.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.policymatch.source.Catalog;
import dev.policymatch.source.Located;
import dev.policymatch.source.ManifestProblem;
import dev.policymatch.source.SourceLocation;
import dev.policymatch.text.Quoted;
import dev.policymatch.validation.ResourceValidator;
import dev.policymatch.validation.Violation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The result of {@code calicoq validate}: every resource read, with its violations, and every
 * document that could not become a resource. Serialized as is for {@code -o json|yaml}.
 */
@JsonPropertyOrder({"checked", "invalid", "resources", "problems"})
public record ValidationReport(int checked, int invalid, List<Resource> resources, List<Problem> problems) {

    @JsonPropertyOrder({"file", "line", "kind", "name", "valid", "violations"})
    public record Resource(String file, int line, String kind, String name, boolean valid, List<Entry> violations) {
    }

    @JsonPropertyOrder({"field", "value", "reason", "message"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(String field, String value, String reason, String message) {
    }

    @JsonPropertyOrder({"file", "line", "resource", "message"})
    public record Problem(String file, int line, String resource, String message) {
    }

    public static ValidationReport of(Catalog catalog, ResourceValidator validator) {
        List<Resource> resources = new ArrayList<>();
        int invalid = 0;
        for (Located<?> located : catalog.all()) {
            List<Entry> entries = new ArrayList<>();
            for (Violation violation : validator.validate(located.resource())) {
                entries.add(new Entry(violation.field(), violation.value(), violation.reason(), violation.message()));
            }
            if (!entries.isEmpty()) {
                invalid++;
            }
            resources.add(new Resource(located.location().file(), located.location().line(),
                    located.kind().kindName(), located.name(), entries.isEmpty(), entries));
        }
        List<Problem> problems = catalog.problems().stream()
                .map(p -> new Problem(p.location().file(), p.location().line(), p.resource(), p.message()))
                .toList();
        // A document that could not be read counts as a resource checked and found invalid.
        return new ValidationReport(resources.size() + problems.size(), invalid + problems.size(), resources, problems);
    }

    public boolean valid() {
        return invalid == 0;
    }

    /**
     * calicoq's text: one line per violation or problem, in file and line order,
     * {@code <file>:<line>: <Kind> "<name>": <message>}, then {@code N resources checked, M invalid}.
     */
    public List<String> lines() {
        record Line(String file, int line, int order, String text) {
        }
        List<Line> lines = new ArrayList<>();
        int order = 0;
        for (Resource resource : resources) {
            for (Entry entry : resource.violations()) {
                lines.add(new Line(resource.file(), resource.line(), order++, resource.file() + ":" + resource.line()
                        + ": " + resource.kind() + " " + Quoted.of(resource.name()) + ": " + entry.message()));
            }
        }
        for (Problem problem : problems) {
            ManifestProblem asProblem = new ManifestProblem(
                    new SourceLocation(problem.file(), problem.line()), problem.resource(), problem.message());
            lines.add(new Line(problem.file(), problem.line(), order++, asProblem.describe()));
        }
        lines.sort(Comparator.comparing(Line::file).thenComparingInt(Line::line).thenComparingInt(Line::order));
        List<String> text = new ArrayList<>(lines.stream().map(Line::text).toList());
        text.add(checked + (checked == 1 ? " resource" : " resources") + " checked, " + invalid + " invalid");
        return text;
    }
}
