package dev.policymatch.operator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.policymatch.api.PolicyMatchReport;
import dev.policymatch.api.ReportCondition;
import dev.policymatch.api.SampleReports;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.jse.JsePlatform;

/** deploy/argocd's health check, run as Argo CD runs it: the resource as the global {@code obj}. */
class ArgoCdHealthCheckTest {

    static final Path SCRIPT = Path.of("deploy/argocd/policymatchreport-health.lua");
    static final Path CONFIG_MAP = Path.of("deploy/argocd/argocd-cm-patch.yaml");

    @Test
    void healthyWhenReadyAndValid() throws IOException {
        assertThat(health(SampleReports.matchedHostEndpoint()))
                .containsEntry("status", "Healthy").containsEntry("message", "report is current");
    }

    @Test
    void degradedWhenInvalidWithTheViolationInTheMessage() throws IOException {
        assertThat(health(SampleReports.invalidHostEndpoint()))
                .containsEntry("status", "Degraded")
                .containsEntry("message", "1 violation: spec.node must be set");
    }

    /** Cut to its size budget, a report is still current and exact in its counts: Healthy, and says so. */
    @Test
    void aTruncatedReportStaysHealthyWithTheTruncationInTheMessage() throws IOException {
        PolicyMatchReport report = SampleReports.matchedHostEndpoint();
        List<ReportCondition> conditions = new ArrayList<>(report.getStatus().getConditions());
        conditions.add(new ReportCondition(ReportCondition.TRUNCATED, ReportCondition.TRUE, "OverSizeBudget",
                "over its size budget of 512 KiB, the report leaves out 16000 of 16000 rule matches", 1L));
        report.getStatus().setConditions(conditions);
        assertThat(health(report)).containsEntry("status", "Healthy").containsEntry("message",
                "report is current; truncated: over its size budget of 512 KiB, the report leaves out "
                        + "16000 of 16000 rule matches");
    }

    @Test
    void anInvalidTruncatedReportIsDegraded() throws IOException {
        PolicyMatchReport report = SampleReports.invalidHostEndpoint();
        List<ReportCondition> conditions = new ArrayList<>(report.getStatus().getConditions());
        conditions.add(new ReportCondition(ReportCondition.TRUNCATED, ReportCondition.TRUE, "OverSizeBudget",
                "over its size budget of 512 KiB, the report leaves out 2 of 3 violations", 1L));
        report.getStatus().setConditions(conditions);
        assertThat(health(report)).containsEntry("status", "Degraded");
    }

    @Test
    void progressingBeforeTheStatusIsWritten() throws IOException {
        PolicyMatchReport report = SampleReports.matchedHostEndpoint();
        report.setStatus(null);
        assertThat(health(report)).containsEntry("status", "Progressing");
    }

    @Test
    void progressingWhileNotReady() throws IOException {
        PolicyMatchReport report = SampleReports.matchedHostEndpoint();
        report.getStatus().condition(ReportCondition.READY).setStatus(ReportCondition.FALSE);
        assertThat(health(report)).containsEntry("status", "Progressing");
    }

    @Test
    void progressingWhileTheStatusIsForAnOlderGeneration() throws IOException {
        PolicyMatchReport report = SampleReports.matchedHostEndpoint();
        report.getMetadata().setGeneration(2L);
        assertThat(health(report)).containsEntry("status", "Progressing")
                .containsEntry("message", "Waiting for the operator to catch up with the latest change");
    }

    @Test
    void theConfigMapSnippetCarriesTheSameScript() throws IOException {
        JsonNode configMap = DeployManifests.readAll(CONFIG_MAP).get(0);
        String embedded = configMap.path("data")
                .path("resource.customizations.health.policymatch.dev_PolicyMatchReport").asText();
        assertThat(embedded).isEqualTo(Files.readString(SCRIPT));
    }

    static Map<String, String> health(PolicyMatchReport report) throws IOException {
        Globals globals = JsePlatform.standardGlobals();
        globals.set("obj", toLua(Serialization.jsonMapper().readTree(Serialization.asJson(report))));
        LuaValue result = globals.load(Files.readString(SCRIPT), SCRIPT.toString()).call();
        return Map.of("status", result.get("status").tojstring(), "message", result.get("message").tojstring());
    }

    /** JSON as Argo CD hands it to Lua: objects and arrays as tables (arrays from 1), numbers as numbers. */
    static LuaValue toLua(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return LuaValue.NIL;
        }
        if (node.isObject()) {
            LuaTable table = new LuaTable();
            node.fields().forEachRemaining(e -> table.set(e.getKey(), toLua(e.getValue())));
            return table;
        }
        if (node.isArray()) {
            LuaTable table = new LuaTable();
            for (int i = 0; i < node.size(); i++) {
                table.set(i + 1, toLua(node.get(i)));
            }
            return table;
        }
        if (node.isBoolean()) {
            return LuaValue.valueOf(node.booleanValue());
        }
        if (node.isNumber()) {
            return LuaValue.valueOf(node.doubleValue());
        }
        return LuaValue.valueOf(node.asText());
    }
}
