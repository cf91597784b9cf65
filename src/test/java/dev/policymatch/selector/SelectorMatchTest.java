package dev.policymatch.selector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Selector × labels → match, one row per case, in the spirit of Calico's own parser tests. Labels are
 * written {@code a=b, c=d} ({@code {}} for none); a value in backticks keeps its surrounding blanks.
 */
class SelectorMatchTest {

    @ParameterizedTest(name = "[{index}] {0}  on  {1}  → {2}")
    @CsvSource(delimiterString = " -> ", quoteCharacter = '`', textBlock = """
            # == : the label must be present with exactly that value
            a == "b"                          -> a=b                      -> true
            a == "b"                          -> a=b, c=d                 -> true
            a == "b"                          -> {}                       -> false
            a == "b"                          -> a=c                      -> false
            a == "b"                          -> c=b                      -> false
            a == "b"                          -> a=                       -> false
            a == "b"                          -> a=B                      -> false
            a == "b"                          -> a=bb                     -> false
            a == ""                           -> a=                       -> true
            a == ""                           -> {}                       -> false
            a == 'b'                          -> a=b                      -> true
            a=="b"                            -> a=b                      -> true
            a=='b'                            -> a=x                      -> false
            A == "b"                          -> a=b                      -> false
            # != : true when the label is absent (Calico: LabelNeValueNode)
            a != "b"                          -> a=c                      -> true
            a != "b"                          -> a=b                      -> false
            a != "b"                          -> {}                       -> true
            a != "b"                          -> c=b                      -> true
            a != ""                           -> a=                       -> false
            a != ""                           -> {}                       -> true
            a!='b'                            -> a=b                      -> false
            # in : the label must be present with one of the values
            a in {"x", "y"}                   -> a=x                      -> true
            a in {"x", "y"}                   -> a=y                      -> true
            a in {"x", "y"}                   -> a=z                      -> false
            a in {"x", "y"}                   -> {}                       -> false
            a in {"x", "y"}                   -> b=x                      -> false
            a in {}                           -> a=x                      -> false
            a in {}                           -> {}                       -> false
            a in {""}                         -> a=                       -> true
            a in {'x'}                        -> a=x                      -> true
            a in {"x",}                       -> a=x                      -> true
            a in{"x"}                         -> a=x                      -> true
            a in {"x", "x", "x"}              -> a=x                      -> true
            a in {  "x"  ,  "y"  }            -> a=y                      -> true
            a in {"x","y"}                    -> a=xy                     -> false
            # not in : true when the label is absent (Calico: LabelNotInSetNode)
            a not in {"x", "y"}               -> a=z                      -> true
            a not in {"x", "y"}               -> a=x                      -> false
            a not in {"x", "y"}               -> a=y                      -> false
            a not in {"x", "y"}               -> {}                       -> true
            a not in {}                       -> a=x                      -> true
            a not in {}                       -> {}                       -> true
            a not in {""}                     -> a=                       -> false
            a not \t in {"x"}                 -> a=y                      -> true
            a  not  in  {"x"}                 -> a=x                      -> false
            # contains
            a contains "b"                    -> a=abc                    -> true
            a contains "b"                    -> a=b                      -> true
            a contains "b"                    -> a=ac                     -> false
            a contains "b"                    -> {}                       -> false
            a contains "b"                    -> b=b                      -> false
            a contains ""                     -> a=                       -> true
            a contains ""                     -> a=x                      -> true
            a contains ""                     -> {}                       -> false
            a contains"b"                     -> a=b                      -> true
            a contains 'B'                    -> a=abc                    -> false
            # starts with
            a starts with "pro"               -> a=prod                   -> true
            a starts with "pro"               -> a=pro                    -> true
            a starts with "pro"               -> a=xprod                  -> false
            a starts with "pro"               -> a=pr                     -> false
            a starts with "pro"               -> {}                       -> false
            a starts with ""                  -> a=x                      -> true
            a starts with ""                  -> {}                       -> false
            a starts\twith "x"                -> a=xy                     -> true
            a starts   with 'x'               -> a=yx                     -> false
            # ends with
            a ends with "-db"                 -> a=orders-db              -> true
            a ends with "-db"                 -> a=-db                    -> true
            a ends with "-db"                 -> a=db                     -> false
            a ends with "-db"                 -> a=orders-db-1            -> false
            a ends with "-db"                 -> {}                       -> false
            a ends with ""                    -> a=                       -> true
            a ends\t\twith 'b'                -> a=ab                     -> true
            # has
            has(a)                            -> a=x                      -> true
            has(a)                            -> a=                       -> true
            has(a)                            -> b=x                      -> false
            has(a)                            -> {}                       -> false
            has( a )                          -> a=x                      -> true
            has(\ta\t)                        -> a=x                      -> true
            !has(a)                           -> {}                       -> true
            !has(a)                           -> a=x                      -> false
            !has(a)                           -> b=x                      -> true
            # all(), global() and the blank selector
            all()                             -> {}                       -> true
            all()                             -> a=b                      -> true
            all( )                            -> a=b                      -> true
            all(\t)                           -> {}                       -> true
            global()                          -> {}                       -> true
            global()                          -> a=b                      -> true
            ``                                -> {}                       -> true
            ``                                -> a=b                      -> true
            ` `                               -> a=b                      -> true
            `\t \t`                           -> {}                       -> true
            !all()                            -> {}                       -> false
            !all()                            -> a=b                      -> false
            !global()                         -> a=b                      -> false
            # keys: [a-zA-Z0-9_./-], case-sensitive
            projectcalico.org/namespace == "ns" -> projectcalico.org/namespace=ns -> true
            projectcalico.org/namespace == "ns" -> namespace=ns           -> false
            k8s-app == "kube-dns"             -> k8s-app=kube-dns         -> true
            app.kubernetes.io/name in {"web"} -> app.kubernetes.io/name=web -> true
            my_label-2.x/y == "1"             -> my_label-2.x/y=1         -> true
            has(calico/k8s_NS-.1/role)        -> calico/k8s_NS-.1/role=x  -> true
            has(calico/k8s_NS-.1/role)        -> calico/k8s_ns-.1/role=x  -> false
            -a == "x"                         -> -a=x                     -> true
            0 == "1"                          -> 0=1                      -> true
            ... == "x"                        -> ...=x                    -> true
            / == "x"                          -> /=x                      -> true
            _ != "x"                          -> {}                       -> true
            # operator words are label keys where a key is expected
            in == "x"                         -> in=x                     -> true
            in in {"in"}                      -> in=in                    -> true
            not in {"x"}                      -> not=x                    -> true
            not not in {"x"}                  -> not=y                    -> true
            not not in {"x"}                  -> not=x                    -> false
            contains contains "contains"      -> contains=xcontainsx      -> true
            has == "x"                        -> has=x                    -> true
            has != "x"                        -> {}                       -> true
            all == "x"                        -> all=x                    -> true
            global != "x"                     -> {}                       -> true
            starts starts with "s"            -> starts=sx                -> true
            ends ends with "s"                -> ends=xs                  -> true
            with == "x"                       -> with=x                   -> true
            # quotes: no escapes, either quote character, the other one is literal inside
            a == "it's"                       -> a=it's                   -> true
            a == 'say "hi"'                   -> a=say "hi"               -> true
            a == 'say "hi"'                   -> a=say hi                 -> false
            a in {"'", '"'}                   -> a='                      -> true
            a in {"'", '"'}                   -> a="                      -> true
            a in {"'", '"'}                   -> a=x                      -> false
            a == "a && b"                     -> a=a && b                 -> true
            a == "(x) || !y"                  -> a=(x) || !y              -> true
            a == "{}"                         -> a={}                     -> true
            a == "é"                          -> a=é                      -> true
            a == "😀"                         -> a=😀                     -> true
            a contains "😀"                   -> a=x😀y                   -> true
            a == "x\ty"                       -> a=x\ty                   -> true
            # precedence: ! binds tightest, then &&, then ||
            a == "1" || b == "1" && c == "1"  -> a=1                      -> true
            a == "1" || b == "1" && c == "1"  -> b=1                      -> false
            a == "1" || b == "1" && c == "1"  -> b=1, c=1                 -> true
            b == "1" && c == "1" || a == "1"  -> a=1                      -> true
            b == "1" && c == "1" || a == "1"  -> c=1                      -> false
            (a == "1" || b == "1") && c == "1" -> a=1                     -> false
            (a == "1" || b == "1") && c == "1" -> a=1, c=1                -> true
            (a == "1" || b == "1") && c == "1" -> b=1, c=1                -> true
            !a == "1" && b == "1"             -> b=1                      -> true
            !a == "1" && b == "1"             -> a=1, b=1                 -> false
            !a == "1" && b == "1"             -> {}                       -> false
            !(a == "1" && b == "1")           -> {}                       -> true
            !(a == "1" && b == "1")           -> a=1, b=1                 -> false
            !(a == "1" && b == "1")           -> a=1                      -> true
            !has(a) || has(b)                 -> {}                       -> true
            !has(a) || has(b)                 -> a=x                      -> false
            !has(a) || has(b)                 -> a=x, b=y                 -> true
            !(has(a) || has(b))               -> b=y                      -> false
            !(has(a) || has(b))               -> c=y                      -> true
            a == "1" && b == "1" || c == "1" && d == "1" -> c=1, d=1      -> true
            a == "1" && b == "1" || c == "1" && d == "1" -> a=1, d=1      -> false
            a == "1" && (b == "1" || c == "1") -> a=1, c=1                -> true
            a == "1" && (b == "1" || c == "1") -> c=1                     -> false
            has(a) && has(b) && has(c)        -> a=1, b=1, c=1            -> true
            has(a) && has(b) && has(c)        -> a=1, b=1                 -> false
            has(a) || has(b) || has(c)        -> c=1                      -> true
            has(a) || has(b) || has(c)        -> d=1                      -> false
            # negation of the operators that are true on absent labels
            !a != "x"                         -> a=x                      -> true
            !a != "x"                         -> {}                       -> false
            !a not in {"x"}                   -> a=x                      -> true
            !a not in {"x"}                   -> {}                       -> false
            !a in {"x"}                       -> {}                       -> true
            a != "1" && b != "1"              -> {}                       -> true
            a != "1" || b != "1"              -> a=1, b=1                 -> false
            a != "1" || b != "1"              -> a=1                      -> true
            # runs of ! fold as in Calico; parentheses group
            !!has(a)                          -> a=x                      -> true
            !!has(a)                          -> {}                       -> false
            !!!has(a)                         -> a=x                      -> false
            ! ! has(a)                        -> a=x                      -> true
            !\t!\t!has(a)                     -> {}                       -> true
            !(!has(a))                        -> a=x                      -> true
            !(!(!has(a)))                     -> a=x                      -> false
            ((((a == "1"))))                  -> a=1                      -> true
            ((a == "1") && ((b == "1")))      -> a=1, b=1                 -> true
            # whitespace: spaces and tabs anywhere between tokens, none needed around symbols
            `\ta\t==\t"b"\t`                  -> a=b                      -> true
            `   a == "b"   `                  -> a=b                      -> true
            a=="b"&&c=="d"                    -> a=b, c=d                 -> true
            a=="b"&&c=="d"                    -> a=b                      -> false
            a=="b"||c=="d"                    -> c=d                      -> true
            !has(a)&&!has(b)                  -> {}                       -> true
            !has(a)&&!has(b)                  -> b=1                      -> false
            (a=="b")||(!has(c))               -> c=1                      -> false
            # realistic policy selectors
            role == 'db' && env in {'prod', 'staging'} -> role=db, env=prod -> true
            role == 'db' && env in {'prod', 'staging'} -> role=db, env=dev -> false
            role == 'db' && env in {'prod', 'staging'} -> role=db          -> false
            (app == 'x') && projectcalico.org/namespace == 'ns' -> app=x, projectcalico.org/namespace=ns -> true
            (app == 'x') && projectcalico.org/namespace == 'ns' -> app=x, projectcalico.org/namespace=other -> false
            has(projectcalico.org/name) && projectcalico.org/name not in {"kube-system", "calico-system"} -> projectcalico.org/name=default -> true
            has(projectcalico.org/name) && projectcalico.org/name not in {"kube-system", "calico-system"} -> projectcalico.org/name=kube-system -> false
            has(projectcalico.org/name) && projectcalico.org/name not in {"kube-system", "calico-system"} -> {} -> false
            """)
    void evaluatesAsCalicoDoes(String selector, String labels, boolean expected) {
        Selector parsed = Selector.parse(selector);
        Map<String, String> labelMap = TestLabels.parse(labels);

        assertThat(parsed.matches(labelMap)).as("matches(Map)").isEqualTo(expected);
        assertThat(parsed.matches((LabelLookup) labelMap::get)).as("matches(LabelLookup)").isEqualTo(expected);
        assertThat(Selector.parse(parsed.toString()).matches(labelMap)).as("canonical form %s", parsed).isEqualTo(expected);
    }
}
