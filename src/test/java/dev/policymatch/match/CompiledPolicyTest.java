package dev.policymatch.match;

import static dev.policymatch.match.Fixtures.allowFrom;
import static dev.policymatch.match.Fixtures.gnp;
import static dev.policymatch.match.Fixtures.np;
import static org.assertj.core.api.Assertions.assertThat;

import dev.policymatch.model.Policy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class CompiledPolicyTest {

    @ParameterizedTest(name = "\"{0}\"")
    @NullSource
    @ValueSource(strings = {"", "  ", "\t"})
    void aPolicyWithoutASelectorIsWrittenAsAll(String selector) {
        assertThat(CompiledPolicy.compile(gnp("g").selector(selector).build()).writtenSelector()).isEqualTo("all()");
        assertThat(CompiledPolicy.compile(np("ns1", "n").selector(selector).build()).writtenSelector())
                .isEqualTo("all()");
    }

    @Test
    void aWrittenSelectorIsShownAsWrittenNotInItsEffectiveForm() {
        CompiledPolicy compiled = CompiledPolicy.compile(np("ns1", "n").selector("role=='db'").build());
        assertThat(compiled.writtenSelector()).isEqualTo("role=='db'");
        assertThat(compiled.selector()).hasToString("(role == \"db\" && projectcalico.org/namespace == \"ns1\")");
    }

    @Test
    void compiledPoliciesAreEqualWhenTheirPoliciesAre() {
        CompiledPolicy once = CompiledPolicy.compile(web("app == 'web'"));
        CompiledPolicy again = CompiledPolicy.compile(web("app == 'web'"));
        CompiledPolicy changed = CompiledPolicy.compile(web("app == 'api'"));

        assertThat(again).isNotSameAs(once).isEqualTo(once).hasSameHashCodeAs(once);
        assertThat(changed).isNotEqualTo(once);
        assertThat(changed.key()).isEqualTo(once.key());
    }

    private static Policy web(String selector) {
        return gnp("g").selector(selector).ingress(allowFrom("a == 'b'")).build();
    }
}
