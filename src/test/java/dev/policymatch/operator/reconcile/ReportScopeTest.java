package dev.policymatch.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.policymatch.model.EndpointKind;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReportScopeTest {

    private static final Map<String, Map<String, String>> NAMESPACES = Map.of(
            "shop", Map.of("policymatch-reports", "on"),
            "lab", Map.of("policymatch-reports", "off"),
            "bare", Map.of());

    @ParameterizedTest(name = "--reports \"{0}\": host {1}, workload {2}")
    @CsvSource(delimiter = '|', value = {
        "host,workload  | true  | true",
        "workload,host  | true  | true",
        "host           | true  | false",
        " workload      | false | true",
        "Host, Workload | true  | true",
        "none           | false | false"})
    void theKindsOption(String reports, boolean host, boolean workload) {
        ReportScope scope = ReportScope.parse(reports, "");
        assertThat(scope.covers(EndpointKind.HOST)).isEqualTo(host);
        assertThat(scope.covers(EndpointKind.WORKLOAD)).isEqualTo(workload);
        assertThat(scope.namespaces()).isEmpty();
    }

    @ParameterizedTest(name = "--reports \"{0}\"")
    @ValueSource(strings = {"", "hosts", "host,", "none,host", "all", "pod"})
    void aKindOptionThatIsNotOneOfTheFourIsOneLineNamingTheOptionAndValue(String reports) {
        assertThatThrownBy(() -> ReportScope.parse(reports, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--reports \"" + reports + "\": expected host,workload, host, workload or none");
    }

    @Test
    void aNamespaceSelectorThatDoesNotParseIsOneLineNamingTheOptionValueAndProblem() {
        assertThatThrownBy(() -> ReportScope.parse("host,workload", "a =="))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--report-namespace-selector \"a ==\": ")
                .hasMessageContaining("at column")
                .hasMessageNotContaining("\n");
    }

    @Test
    void withoutANamespaceSelectorEveryPodIsCoveredAndHostsByKindOnly() {
        ReportScope all = ReportScope.parse(null, null);
        assertThat(all).isEqualTo(ReportScope.ALL);
        assertThat(all.dependsOnNamespaceLabels()).isFalse();
        for (String namespace : NAMESPACES.keySet()) {
            assertThat(all.covers(EndpointKind.WORKLOAD, namespace, NAMESPACES::get)).isTrue();
        }
        assertThat(all.covers(EndpointKind.HOST, "policymatch-system", ns -> {
            throw new AssertionError("a host endpoint's coverage does not depend on a namespace");
        })).isTrue();
    }

    @Test
    void theNamespaceSelectorSeesTheNamespaceLabelsAndItsName() {
        ReportScope on = ReportScope.parse("host,workload", "policymatch-reports == 'on'");
        assertThat(on.dependsOnNamespaceLabels()).isTrue();
        assertThat(on.covers(EndpointKind.WORKLOAD, "shop", NAMESPACES::get)).isTrue();
        assertThat(on.covers(EndpointKind.WORKLOAD, "lab", NAMESPACES::get)).isFalse();
        assertThat(on.covers(EndpointKind.WORKLOAD, "bare", NAMESPACES::get)).isFalse();
        assertThat(on.covers(EndpointKind.HOST, "policymatch-system", NAMESPACES::get))
                .as("the selector is about pods").isTrue();

        ReportScope byName = ReportScope.parse("workload", "projectcalico.org/name in {'lab', 'bare'}");
        assertThat(byName.covers(EndpointKind.WORKLOAD, "lab", NAMESPACES::get)).isTrue();
        assertThat(byName.covers(EndpointKind.WORKLOAD, "bare", NAMESPACES::get)).isTrue();
        assertThat(byName.covers(EndpointKind.WORKLOAD, "shop", NAMESPACES::get)).isFalse();
        assertThat(byName.covers(EndpointKind.HOST, "policymatch-system", NAMESPACES::get)).isFalse();

        ReportScope notOff = ReportScope.parse("workload", "policymatch-reports != 'off'");
        assertThat(notOff.covers(EndpointKind.WORKLOAD, "unseen", ns -> Map.of()))
                .as("a namespace not seen yet has no labels").isTrue();
    }

    @Test
    void hostsOnlyMakesTheNamespaceSelectorIrrelevant() {
        ReportScope scope = ReportScope.parse("host", "policymatch-reports == 'on'");
        assertThat(scope.dependsOnNamespaceLabels()).isFalse();
        assertThat(scope.covers(EndpointKind.WORKLOAD, "shop", NAMESPACES::get)).isFalse();
        assertThat(scope.kinds()).isEqualTo(Set.of(EndpointKind.HOST));
    }

    @Test
    void describeSaysWhatTheOptionsSaid() {
        assertThat(ReportScope.ALL.describe()).isEqualTo("host,workload");
        assertThat(ReportScope.parse("none", "").describe()).isEqualTo("none");
        assertThat(ReportScope.parse("workload", "a == 'b'").describe())
                .isEqualTo("workload (pods of namespaces matching a == \"b\")");
    }
}
