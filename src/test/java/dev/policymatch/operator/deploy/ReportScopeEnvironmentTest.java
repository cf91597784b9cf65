package dev.policymatch.operator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.policymatch.model.EndpointKind;
import dev.policymatch.operator.inputs.ListPageSize;
import dev.policymatch.operator.reconcile.ReportScope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * deploy/deployment.yaml's commented-out variables (report scope, list page size) are, uncommented, valid values
 * of the options.
 */
class ReportScopeEnvironmentTest {

    private static final String COMMENTED = "        # ";

    @Test
    void theCommentedOutVariablesAreValidOnceUncommented() throws Exception {
        String commented = Files.readAllLines(DeployManifests.DEPLOY.resolve("deployment.yaml")).stream()
                .filter(line -> line.startsWith(COMMENTED + "- name: POLICYMATCH_")
                        || line.startsWith(COMMENTED + "  value: "))
                .map(line -> line.substring(COMMENTED.length()))
                .collect(Collectors.joining("\n"));
        JsonNode env = new YAMLMapper().readTree(commented);
        Map<String, String> variables = new TreeMap<>();
        env.forEach(variable -> variables.put(variable.path("name").asText(), variable.path("value").asText()));

        assertThat(variables).containsOnlyKeys("POLICYMATCH_REPORTS", "POLICYMATCH_REPORT_NAMESPACE_SELECTOR",
                "POLICYMATCH_LIST_PAGE_SIZE");
        assertThat(new ListPageSize(Long.parseLong(variables.get("POLICYMATCH_LIST_PAGE_SIZE"))))
                .isEqualTo(ListPageSize.DEFAULT);
        ReportScope scope = ReportScope.parse(variables.get("POLICYMATCH_REPORTS"),
                variables.get("POLICYMATCH_REPORT_NAMESPACE_SELECTOR"));
        assertThat(scope.kinds()).containsExactlyInAnyOrder(EndpointKind.HOST, EndpointKind.WORKLOAD);
        assertThat(scope.coversNamespace("shop", Map.of("policymatch-reports", "on"))).isTrue();
        assertThat(scope.coversNamespace("lab", Map.of())).isFalse();
    }
}
