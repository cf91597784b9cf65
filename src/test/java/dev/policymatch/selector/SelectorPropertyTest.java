package dev.policymatch.selector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random selectors from an independent model of the grammar ({@link RandomSelectors}), printed in
 * varied surface syntax. Seeded, so a failure names a reproducible seed and selector.
 */
class SelectorPropertyTest {
    private static final int SELECTORS_PER_SEED = 400;
    private static final int LABEL_MAPS_PER_SELECTOR = 60;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 20_260_101, -7})
    void parsingPrintingEvaluatingAndRestrictionsAgreeWithTheModel(long seed) {
        Random random = new Random(seed);
        RandomSelectors generator = new RandomSelectors(random);
        int matched = 0;
        int restricted = 0;
        for (int i = 0; i < SELECTORS_PER_SEED; i++) {
            RandomSelectors.Expr expr = generator.expression(1 + random.nextInt(4));
            String surface = generator.print(expr);
            String canonical = RandomSelectors.canonical(expr);

            Selector selector = Selector.parse(surface);

            // (a) printing: the engine's canonical form is the model's, and it parses back to an equal selector
            assertThat(selector.toString()).as("canonical form of %s (seed %d)", surface, seed).isEqualTo(canonical);
            assertThat(Selector.parse(canonical)).as("re-parsed %s", canonical).isEqualTo(selector);

            Map<String, LabelRestriction> restrictions = selector.labelRestrictions();
            restricted += restrictions.isEmpty() ? 0 : 1;
            for (int j = 0; j < LABEL_MAPS_PER_SELECTOR; j++) {
                Map<String, String> labels = generator.labels();
                boolean expected = RandomSelectors.evaluate(expr, labels);

                // (b) evaluation agrees with the reference evaluation, through both overloads
                assertThat(selector.matches(labels)).as("%s on %s (seed %d)", surface, labels, seed).isEqualTo(expected);
                assertThat(selector.matches((LabelLookup) labels::get)).as("%s on %s via lookup", surface, labels)
                        .isEqualTo(expected);

                // (c) restriction soundness: whatever matches satisfies every restriction
                if (expected) {
                    matched++;
                    restrictions.forEach((key, restriction) -> {
                        assertThat(labels).as("%s matched %s, restricts %s", canonical, labels, key).containsKey(key);
                        if (restriction.hasAllowedValues()) {
                            assertThat(restriction.allowedValues()).as("%s matched %s", canonical, labels)
                                    .contains(labels.get(key));
                        }
                    });
                }
            }
        }
        // the generator must exercise both sides, or the checks above prove little
        assertThat(matched).as("matching label maps").isGreaterThan(SELECTORS_PER_SEED * LABEL_MAPS_PER_SELECTOR / 10);
        assertThat(restricted).as("selectors with restrictions").isGreaterThan(SELECTORS_PER_SEED / 10);
    }
}
