package dev.policymatch.selector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Input → canonical form, as Calico's {@code String()} prints it (the first rows are Calico's own
 * canonicalisation cases), and the canonical form parses back to an equal selector.
 */
class SelectorCanonicalTest {

    @ParameterizedTest(name = "[{index}] {0}  →  {1}")
    @CsvSource(delimiterString = " -> ", quoteCharacter = '`', textBlock = """
            ``                                           -> all()
            `  \t `                                      -> all()
            ` all() `                                    -> all()
            ` (all() )`                                  -> all()
            all(\t)                                      -> all()
            global( )                                    -> global()
            ! (has( b)||! has(a ))                       -> !(has(b) || !has(a))
            ! (a == "b"&&! c != "d")                     -> !(a == "b" && !c != "d")
            a == "'"                                     -> a == "'"
            a == '"'                                     -> a == '"'
            a contains '"'                               -> a contains '"'
            a contains "'"                               -> a contains "'"
            a!='"'                                       -> a != '"'
            a=='b'                                       -> a == "b"
            a starts  with 'x'                           -> a starts with "x"
            a ends\twith 'x'                             -> a ends with "x"
            a  not\tin {'x'}                             -> a not in {"x"}
            a notin {'x'}                                -> a not in {"x"}
            a startswith "b"                             -> a starts with "b"
            a endswith 'b'                               -> a ends with "b"
            has( a )                                     -> has(a)
            ! has(a)                                     -> !has(a)
            !!has(a)                                     -> has(a)
            !!!has(a)                                    -> !has(a)
            !(!has(a))                                   -> has(a)
            !(!(!has(a)))                                -> !has(a)
            !(a == "b")                                  -> !a == "b"
            ((a == "b"))                                 -> a == "b"
            a == "b" && c == "d"                         -> (a == "b" && c == "d")
            a == "b" || c == "d"                         -> (a == "b" || c == "d")
            a == "1" || b == "1" && c == "1"             -> (a == "1" || (b == "1" && c == "1"))
            (a == "1" || b == "1") && c == "1"           -> ((a == "1" || b == "1") && c == "1")
            has(a) && has(b) && has(c)                   -> (has(a) && has(b) && has(c))
            (has(a) && has(b)) && has(c)                 -> ((has(a) && has(b)) && has(c))
            has(a) || (has(b) || has(c))                 -> (has(a) || (has(b) || has(c)))
            !(has(a) && has(b)) || !has(c)               -> (!(has(a) && has(b)) || !has(c))
            a in {"d"}                                   -> a in {"d"}
            a in {"d", "a", "b"}                         -> a in {"a", "b", "d"}
            a in {"z", "z", "x", "y", "x", "a"}          -> a in {"a", "x", "y", "z"}
            a in {}                                      -> a in {}
            a not in { }                                 -> a not in {}
            a in {'x', "y",}                             -> a in {"x", "y"}
            a in {"'", '"', "c"}                         -> a in {'"', "'", "c"}
            a in {"b", "B", "_", "a", "1"}               -> a in {"1", "B", "_", "a", "b"}
            a in {"\uD83D\uDE00", "\uFFFD", "é"}          -> a in {"é", "\uFFFD", "\uD83D\uDE00"}
            a in {"b", "a"} && has(c) || !d == "e"       -> ((a in {"a", "b"} && has(c)) || !d == "e")
            has(a) && all()                              -> (has(a) && all())
            !all()                                       -> !all()
            !global()                                    -> !global()
            role == 'db' && env in {'staging', 'prod'}   -> (role == "db" && env in {"prod", "staging"})
            """)
    void printsTheCanonicalForm(String input, String canonical) {
        Selector selector = Selector.parse(input);

        assertThat(selector).hasToString(canonical);
        Selector reparsed = Selector.parse(canonical);
        assertThat(reparsed).isEqualTo(selector).hasSameHashCodeAs(selector).hasToString(canonical);
    }

    @Test
    void equalityFollowsTheCanonicalForm() {
        assertThat(Selector.parse("a in {'y', 'x'}")).isEqualTo(Selector.parse("a in {\"x\",\"y\",\"x\"}"));
        assertThat(Selector.parse("!!has(a)")).isEqualTo(Selector.parse("has(a)"));
        assertThat(Selector.parse("a == 'b'")).isNotEqualTo(Selector.parse("a == 'c'"));
        assertThat(Selector.parse("has(a) && has(b)")).isNotEqualTo(Selector.parse("has(b) && has(a)"));
        assertThat(Selector.parse("  ")).isSameAs(Selector.ALL);
        assertThat(Selector.parse(null)).isSameAs(Selector.ALL);
        assertThat(Selector.parse("all()").isAll()).isTrue();
        assertThat(Selector.parse("global()").isAll()).isFalse();
        assertThat(Selector.parse("!all()").isAll()).isFalse();
    }

    @Test
    void conjunctionLeavesOutAllAndGroupsTheRest() {
        Selector app = Selector.parse("app == 'x'");
        Selector namespace = Selector.parse("projectcalico.org/namespace == 'ns'");

        assertThat(Selector.and(app, namespace))
                .hasToString("(app == \"x\" && projectcalico.org/namespace == \"ns\")")
                .isEqualTo(Selector.parse("(app == 'x') && projectcalico.org/namespace == 'ns'"));
        assertThat(Selector.and(Selector.ALL, app, Selector.ALL)).isEqualTo(app);
        assertThat(Selector.and(Selector.ALL, Selector.ALL)).isSameAs(Selector.ALL);
        assertThat(Selector.and()).isSameAs(Selector.ALL);
        Selector nested = Selector.and(Selector.parse("has(a) && has(b)"), Selector.parse("has(c)"));
        assertThat(nested).hasToString("((has(a) && has(b)) && has(c))");
        assertThat(Selector.parse(nested.toString())).isEqualTo(nested);
    }

    @Test
    void keyPrefixReachesEveryKeyAndKeepsAllAndGlobal() {
        Selector selector = Selector.parse(
                "!(!(k == 'v' && has(t) || all()) && (a in {'b', 'c'})) || global() || x not in {'y'}"
                        + " || s starts with 'p' || e ends with 'q' || c contains 'r' || n != 'm'");

        Selector prefixed = selector.withKeyPrefix("pcns.");

        assertThat(prefixed).hasToString("(!(!((pcns.k == \"v\" && has(pcns.t)) || all()) && pcns.a in {\"b\", \"c\"})"
                + " || global() || pcns.x not in {\"y\"} || pcns.s starts with \"p\" || pcns.e ends with \"q\""
                + " || pcns.c contains \"r\" || pcns.n != \"m\")");
        assertThat(Selector.parse(prefixed.toString())).isEqualTo(prefixed);
        assertThat(Selector.ALL.withKeyPrefix("pcns.")).isEqualTo(Selector.ALL);

        Selector namespaceSelector = Selector.parse("team != 'ops' && has(tier)").withKeyPrefix("pcns.");
        assertThat(namespaceSelector.matches(Map.of("pcns.tier", "1"))).isTrue();
        assertThat(namespaceSelector.matches(Map.of("tier", "1"))).isFalse();
        assertThat(namespaceSelector.matches(Map.of("pcns.tier", "1", "pcns.team", "ops"))).isFalse();
        assertThat(namespaceSelector.matches(Map.of("pcns.tier", "1", "team", "ops"))).isTrue();
    }
}
