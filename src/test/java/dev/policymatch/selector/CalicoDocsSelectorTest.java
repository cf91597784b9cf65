package dev.policymatch.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The selectors Calico's documentation uses, with what the documentation says they match: the
 * selector table and precedence example of the NetworkPolicy/GlobalNetworkPolicy reference, the
 * policy samples ({@code allow-tcp-6379}), the calicoq {@code eval} examples and the
 * "default app policy" namespace selector from the policy tutorials.
 */
class CalicoDocsSelectorTest {

    @ParameterizedTest(name = "[{index}] {0}  on  {1}  → {2}")
    @CsvSource(delimiterString = " -> ", quoteCharacter = '`', textBlock = """
            # the selector reference table ("k == 'v'", "k != 'v'", "has(k)", ...)
            all()                          -> {}                       -> true
            !all()                         -> role=db                  -> false
            global()                       -> role=db                  -> true
            k == 'v'                       -> k=v                      -> true
            k == 'v'                       -> k=w                      -> false
            k != 'v'                       -> {}                       -> true
            k != 'v'                       -> k=w                      -> true
            k != 'v'                       -> k=v                      -> false
            has(k)                         -> k=anything               -> true
            has(k)                         -> j=v                      -> false
            !has(k)                        -> j=v                      -> true
            !has(k)                        -> k=v                      -> false
            k in { 'v1', 'v2' }            -> k=v2                     -> true
            k in { 'v1', 'v2' }            -> k=v3                     -> false
            k in { 'v1', 'v2' }            -> {}                       -> false
            k not in { 'v1', 'v2' }        -> {}                       -> true
            k not in { 'v1', 'v2' }        -> k=v3                     -> true
            k not in { 'v1', 'v2' }        -> k=v1                     -> false
            k contains 's'                 -> k=xsx                    -> true
            k contains 's'                 -> k=xx                     -> false
            k starts with 's'              -> k=sx                     -> true
            k starts with 's'              -> k=xs                     -> false
            k ends with 's'                -> k=xs                     -> true
            k ends with 's'                -> k=sx                     -> false
            # the precedence example: matches resources without my-label, or with a prod my-label and a frontend/business role
            ! has(my-label) || my-label starts with 'prod' && role in {'frontend','business'} -> {}                                   -> true
            ! has(my-label) || my-label starts with 'prod' && role in {'frontend','business'} -> role=frontend                        -> true
            ! has(my-label) || my-label starts with 'prod' && role in {'frontend','business'} -> my-label=production, role=business   -> true
            ! has(my-label) || my-label starts with 'prod' && role in {'frontend','business'} -> my-label=production, role=db         -> false
            ! has(my-label) || my-label starts with 'prod' && role in {'frontend','business'} -> my-label=dev, role=frontend          -> false
            ! has(my-label) || my-label starts with 'prod' && role in {'frontend','business'} -> my-label=production                  -> false
            # NetworkPolicy sample allow-tcp-6379
            role == 'database'             -> role=database            -> true
            role == 'frontend'             -> role=frontend, app=web   -> true
            role == 'frontend'             -> role=database            -> false
            # calicoq eval examples
            role=='frontend'               -> role=frontend            -> true
            has(app)                       -> app=frontend             -> true
            has(app)                       -> role=frontend            -> false
            # the default app policy of the policy tutorials
            has(projectcalico.org/name) && projectcalico.org/name not in {"kube-system", "calico-system", "calico-apiserver"} -> projectcalico.org/name=default     -> true
            has(projectcalico.org/name) && projectcalico.org/name not in {"kube-system", "calico-system", "calico-apiserver"} -> projectcalico.org/name=calico-system -> false
            has(projectcalico.org/name) && projectcalico.org/name not in {"kube-system", "calico-system", "calico-apiserver"} -> {}                                 -> false
            k8s-app == "kube-dns"          -> k8s-app=kube-dns         -> true
            k8s-app == "kube-dns"          -> k8s-app=coredns          -> false
            """)
    void matchesWhatTheDocumentationSays(String selector, String labels, boolean expected) {
        assertThat(Selector.parse(selector).matches(TestLabels.parse(labels))).isEqualTo(expected);
    }

    @Test
    void precedenceExampleGroupsAsDocumented() {
        assertThat(Selector.parse("! has(my-label) || my-label starts with 'prod' && role in {'frontend','business'}"))
                .hasToString("(!has(my-label) || (my-label starts with \"prod\" && role in {\"business\", \"frontend\"}))");
    }

    /**
     * The reference shows that example "bracketed"; as printed there it has two more "(" than ")",
     * so it is an illustration, not a selector. Balanced, it is the same selector.
     */
    @Test
    void bracketedIllustrationIsUnbalancedButItsBalancedFormIsTheSameSelector() {
        assertThatThrownBy(() -> Selector.parse(
                "((!(has(my-label)) || ((my-label starts with 'prod') && (role in {'frontend','business'}))"))
                .isInstanceOf(SelectorParseException.class)
                .hasMessageEndingWith("expected &&, || or )");
        assertThat(Selector.parse(
                "((!(has(my-label))) || ((my-label starts with 'prod') && (role in {'frontend','business'})))"))
                .isEqualTo(Selector.parse("! has(my-label) || my-label starts with 'prod' && role in {'frontend','business'}"));
    }
}
