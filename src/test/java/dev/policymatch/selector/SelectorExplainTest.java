package dev.policymatch.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The clause-by-clause evaluation that explains a match or a miss. */
class SelectorExplainTest {

    @Test
    void everyOperandIsEvaluatedAndEachLabelClauseNamesTheValueFound() {
        Selector selector = Selector.parse("role == 'db' && env in {'prod', 'staging'} && has(owner)");

        Clause clause = selector.explain(TestLabels.parse("role=web, env=prod")::get);

        assertThat(clause.value()).isFalse();
        assertThat(clause.text()).isEqualTo(selector.toString());
        assertThat(clause.operands()).extracting(Clause::text, Clause::value, Clause::label, Clause::labelValue)
                .containsExactly(
                        tuple("role == \"db\"", false, "role", "web"),
                        tuple("env in {\"prod\", \"staging\"}", true, "env", "prod"),
                        tuple("has(owner)", false, "owner", null));
    }

    @Test
    void aNegationAndADisjunctionHoldTheirOperands() {
        Selector selector = Selector.parse("!(tier == 'frontend' || app starts with 'web')");

        Clause clause = selector.explain(TestLabels.parse("app=webshop")::get);

        assertThat(clause.value()).isFalse();
        Clause or = clause.operands().get(0);
        assertThat(or.value()).isTrue();
        assertThat(or.operands()).extracting(Clause::value).containsExactly(false, true);
        assertThat(or.operands().get(0).labelValue()).isNull();
        assertThat(or.operands().get(1).labelValue()).isEqualTo("webshop");
    }

    @Test
    void allAndGlobalReadNoLabel() {
        assertThat(Selector.ALL.explain(key -> null)).isEqualTo(new Clause("all()", true, null, null, List.of()));
        assertThat(Selector.parse("global()").explain(key -> null).readsLabel()).isFalse();
    }

    /** Random selectors and label maps: every clause's value is what evaluating that clause alone gives. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 20_261_202})
    void everyClauseAgreesWithTheEvaluationOfItsText(long seed) {
        Random random = new Random(seed);
        RandomSelectors generator = new RandomSelectors(random);
        int misses = 0;
        for (int i = 0; i < 300; i++) {
            Selector selector = Selector.parse(generator.print(generator.expression(1 + random.nextInt(4))));
            for (int j = 0; j < 20; j++) {
                Map<String, String> labels = generator.labels();
                Clause clause = selector.explain(labels::get);
                assertThat(clause.value()).as("%s on %s", selector, labels).isEqualTo(selector.matches(labels));
                misses += clause.value() ? 0 : 1;
                for (Clause each : flatten(clause)) {
                    assertThat(Selector.parse(each.text()).matches(labels)).as("clause %s of %s on %s", each.text(),
                            selector, labels).isEqualTo(each.value());
                    if (each.readsLabel()) {
                        assertThat(each.labelValue()).isEqualTo(labels.get(each.label()));
                    }
                }
            }
        }
        assertThat(misses).as("label maps a selector misses").isGreaterThan(300);
    }

    private static List<Clause> flatten(Clause clause) {
        List<Clause> all = new ArrayList<>(List.of(clause));
        clause.operands().forEach(operand -> all.addAll(flatten(operand)));
        return all;
    }
}
