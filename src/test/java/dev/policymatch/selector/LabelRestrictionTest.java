package dev.policymatch.selector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What each selector requires of the labels, written {@code key∈{values}} or {@code key present},
 * keys in order, {@code none} when nothing is required. These follow Felix's label restrictions,
 * except that a negation yields nothing (Calico records "must be absent" for {@code !has(k)}) and an
 * empty set yields an empty set of allowed values.
 */
class LabelRestrictionTest {

    @ParameterizedTest(name = "[{index}] {0}  →  {1}")
    @CsvSource(delimiterString = " -> ", quoteCharacter = '`', textBlock = """
            a == "x" && b in {"y","z"}                        -> a∈{x}; b∈{y,z}
            a == "x"                                          -> a∈{x}
            a in {"y", "x", "y"}                              -> a∈{x,y}
            has(a)                                            -> a present
            a contains "x"                                    -> a present
            a starts with "x"                                 -> a present
            a ends with "x"                                   -> a present
            a != "x"                                          -> none
            a not in {"x"}                                    -> none
            !a == "x"                                         -> none
            !has(a)                                           -> none
            !(a == "x" && has(b))                             -> none
            !!a == "x"                                        -> a∈{x}
            a == "x" || a == "y"                              -> a∈{x,y}
            a == "x" || b == "y"                              -> none
            (a == "x" && b == "y") || (a == "z" && c == "w")  -> a∈{x,z}
            a == "x" || has(a)                                -> a present
            has(a) || a in {"x"}                              -> a present
            a == "x" || a != "y"                              -> none
            a in {}                                           -> a∈{}
            a in {} || a == "x"                               -> a∈{x}
            a == "x" && a == "y"                              -> a∈{}
            a == "x" && a in {"x", "y"}                       -> a∈{x}
            has(a) && a == "x"                                -> a∈{x}
            a == "x" && has(a)                                -> a∈{x}
            a contains "x" && has(b)                          -> a present; b present
            a in {"x","y"} && a not in {"x"}                  -> a∈{x,y}
            a == "x" && (b == "y" || b == "z")                -> a∈{x}; b∈{y,z}
            (a == "x")                                        -> a∈{x}
            all()                                             -> none
            global()                                          -> none
            ``                                                -> none
            a == "x" && all()                                 -> a∈{x}
            a == "x" || all()                                 -> none
            projectcalico.org/namespace == "ns" && app in {"web", "api"} -> app∈{api,web}; projectcalico.org/namespace∈{ns}
            """)
    void restrictionsFollowFromTheSelector(String selector, String expected) {
        assertThat(describe(Selector.parse(selector).labelRestrictions())).isEqualTo(expected);
    }

    @Test
    void restrictionsSayWhetherValuesAreKnown() {
        Map<String, LabelRestriction> restrictions =
                Selector.parse("a == 'x' && has(b) && c in {}").labelRestrictions();

        assertThat(restrictions.get("a").mustBePresent()).isTrue();
        assertThat(restrictions.get("a").hasAllowedValues()).isTrue();
        assertThat(restrictions.get("b").mustBePresent()).isTrue();
        assertThat(restrictions.get("b").hasAllowedValues()).isFalse();
        assertThat(restrictions.get("b").allowedValues()).isNull();
        assertThat(restrictions.get("c").allowedValues()).isEmpty();
        assertThat(restrictions).doesNotContainKey("d");
    }

    private static String describe(Map<String, LabelRestriction> restrictions) {
        if (restrictions.isEmpty()) {
            return "none";
        }
        return new TreeMap<>(restrictions).entrySet().stream()
                .map(entry -> {
                    LabelRestriction restriction = entry.getValue();
                    assertThat(restriction.mustBePresent()).as("every restriction requires the key").isTrue();
                    if (!restriction.hasAllowedValues()) {
                        return entry.getKey() + " present";
                    }
                    return entry.getKey() + "∈{" + restriction.allowedValues().stream().sorted()
                            .collect(Collectors.joining(",")) + "}";
                })
                .collect(Collectors.joining("; "));
    }
}
