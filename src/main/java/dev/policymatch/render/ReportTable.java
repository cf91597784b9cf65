package dev.policymatch.render;

import dev.policymatch.api.PolicyMatchReport;
import dev.policymatch.api.ReportCondition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The reports as a table with the columns of kubectl's {@code get -A} (without AGE), for the embedded run's output. */
public final class ReportTable {

    static final List<String> HEADER =
            List.of("NAMESPACE", "NAME", "ENDPOINT", "NODE", "POLICIES", "PROFILES", "RULE MATCHES", "MATCHED", "VALID");

    private ReportTable() {
    }

    public static String render(List<PolicyMatchReport> reports) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        reports.stream().sorted(Comparator.comparing((PolicyMatchReport r) -> text(r.getMetadata().getNamespace()))
                .thenComparing(r -> r.getMetadata().getName())).forEach(r -> rows.add(List.of(
                text(r.getMetadata().getNamespace()),
                r.getMetadata().getName(),
                text(r.getSpec().getEndpoint().getFullName()),
                text(r.getSpec().getEndpoint().getNode()),
                r.getStatus() == null ? "" : String.valueOf(r.getStatus().getCounts().getPolicies()),
                r.getStatus() == null ? "" : String.valueOf(r.getStatus().getCounts().getProfiles()),
                r.getStatus() == null ? "" : String.valueOf(r.getStatus().getCounts().getRuleMatches()),
                condition(r, ReportCondition.MATCHED),
                condition(r, ReportCondition.VALID))));
        int[] widths = new int[HEADER.size()];
        rows.forEach(row -> {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        });
        StringBuilder out = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(row.get(i));
                if (i < row.size() - 1) {
                    line.append(" ".repeat(widths[i] - row.get(i).length() + 3));
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private static String condition(PolicyMatchReport report, String type) {
        ReportCondition condition = report.getStatus() == null ? null : report.getStatus().condition(type);
        return condition == null ? "" : condition.getStatus();
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
