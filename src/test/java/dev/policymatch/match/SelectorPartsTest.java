package dev.policymatch.match;

import static dev.policymatch.match.Fixtures.gnp;
import static dev.policymatch.match.Fixtures.np;
import static dev.policymatch.match.Fixtures.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.policymatch.match.SelectorParts.Part;
import dev.policymatch.match.SelectorParts.Role;
import dev.policymatch.model.EntityMatch;
import dev.policymatch.model.Policy;
import dev.policymatch.model.Rule;
import dev.policymatch.model.ServiceAccountMatch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The parts of effective selectors, which {@code calicoq explain} shows one by one: compiling folds them, so
 * the fold is the compiled selector by construction; what these tests guard is that the parts, evaluated
 * each on its own as explain does, give the compiled selector's verdict, and that each part is the field as
 * written and as Calico rewrites it.
 */
class SelectorPartsTest {

    private static final String[] KEYS = {"app", "role", "env", "zone", "projectcalico.org/namespace",
        "projectcalico.org/serviceaccount", "pcns.team", "pcns.projectcalico.org/name", "pcsa.app", "has"};
    private static final String[] VALUES = {"web", "api", "db", "frontend", "backend", "prod", "a", "ns0", "ns2",
        "blue", "sa1", "shop"};

    @Test
    void aGlobalPolicysPartsAreItsFieldsWithCalicosAllRewrite() {
        Policy policy = gnp("p").selector("all()").namespaceSelector("all()").serviceAccountSelector("app == 'api'")
                .build();
        assertThat(SelectorParts.ofPolicy(policy)).extracting(Part::role, Part::asWritten, Part::text).containsExactly(
                tuple(Role.SELECTOR, "all()", "has(projectcalico.org/namespace)"),
                tuple(Role.NAMESPACE_SELECTOR, "all()", "has(projectcalico.org/namespace)"),
                tuple(Role.SERVICE_ACCOUNT_SELECTOR, "app == 'api'", "pcsa.app == \"api\""));
        assertThat(SelectorParts.foldPolicy(SelectorParts.ofPolicy(policy)))
                .isEqualTo(CompiledPolicy.compile(policy).selector());
    }

    @Test
    void aGlobalPolicyWithoutSelectorButANamespaceSelectorHasNoSelectorPart() {
        Policy policy = gnp("p").namespaceSelector("team == 'blue'").build();
        assertThat(SelectorParts.ofPolicy(policy)).extracting(Part::role, Part::text)
                .containsExactly(tuple(Role.NAMESPACE_SELECTOR, "pcns.team == \"blue\""));
        assertThat(SelectorParts.ofPolicy(gnp("q").build())).extracting(Part::role, Part::text)
                .containsExactly(tuple(Role.SELECTOR, "all()"));
    }

    @Test
    void aNetworkPolicysPartsAreSelectorNamespaceAndServiceAccounts() {
        Policy policy = np("shop", "p").selector("app == 'api'").serviceAccountSelector("app == 'api'").build();
        assertThat(SelectorParts.ofPolicy(policy)).extracting(Part::role, Part::asWritten, Part::text).containsExactly(
                tuple(Role.SELECTOR, "app == 'api'", "app == \"api\""),
                tuple(Role.NAMESPACE, null, "projectcalico.org/namespace == \"shop\""),
                tuple(Role.SERVICE_ACCOUNT_SELECTOR, "app == 'api'", "pcsa.app == \"api\""));
    }

    @Test
    void aRuleSidesPartsAreScopeServiceAccountsAndSelector() {
        EntityMatch source = new EntityMatch("app == 'api'", "role == 'x'", "projectcalico.org/name == 'shop'",
                new ServiceAccountMatch(List.of("sa2", "sa1"), "team == 'a'"), null, null, null, null);
        Policy policy = gnp("p").ingress(rule(source, null)).build();
        List<Part> parts = SelectorParts.ofRuleSide(policy, Direction.INBOUND, 1, RuleSide.SOURCE);
        assertThat(parts).extracting(Part::role, Part::asWritten, Part::text).containsExactly(
                tuple(Role.NAMESPACE_SELECTOR, "projectcalico.org/name == 'shop'",
                        "pcns.projectcalico.org/name == \"shop\""),
                tuple(Role.SERVICE_ACCOUNT_SELECTOR, "team == 'a'", "pcsa.team == \"a\""),
                tuple(Role.SERVICE_ACCOUNT_NAMES, "sa2, sa1", "projectcalico.org/serviceaccount in {\"sa1\", \"sa2\"}"),
                tuple(Role.SELECTOR, "app == 'api'", "app == 'api'"));
        assertThat(SelectorParts.foldRule(parts)).isEqualTo("(pcns.projectcalico.org/name == \"shop\") && "
                + "(((pcsa.team == \"a\") && (projectcalico.org/serviceaccount in {\"sa1\", \"sa2\"})) && (app == 'api'))");
        assertThat(SelectorParts.ofRuleSide(policy, Direction.INBOUND, 1, RuleSide.NOT_SOURCE))
                .extracting(Part::role, Part::text).containsExactly(tuple(Role.NOT_SELECTOR, "role == 'x'"));
        assertThat(SelectorParts.ofRuleSide(policy, Direction.INBOUND, 1, RuleSide.DESTINATION)).isEmpty();
    }

    /** Calico's own table ({@code rules_test.go}, ported in {@link RuleSelectorTest}): the fold gives its strings. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.policymatch.match.RuleSelectorTest#rulesTest")
    void foldingARuleSidesPartsGivesCalicosSelector(String line, String namespace, EntityMatch side, String expected) {
        assertThat(SelectorParts.foldRule(SelectorParts.entity("ingress rule 1 source", side, namespace, null)))
                .isEqualTo(expected);
    }

    @Test
    void partsEvaluatedOneByOneGiveTheCompiledVerdictOnRandomPolicies() {
        Random random = new Random(13);
        int policies = 0;
        int sides = 0;
        for (int i = 0; i < 2_000; i++) {
            Policy policy = RandomEstates.policy(random);
            CompiledPolicy compiled;
            try {
                compiled = CompiledPolicy.compile(policy);
            } catch (CompiledPolicy.InvalidPolicyException e) {
                continue;
            }
            policies++;
            List<Part> parts = CompiledPolicy.parts(policy);
            assertThat(SelectorParts.foldPolicy(parts)).as("%s", policy).isEqualTo(compiled.selector());
            List<RuleMatch> fromParts = new ArrayList<>();
            for (Direction direction : Direction.values()) {
                List<Rule> rules = direction == Direction.INBOUND ? policy.ingress() : policy.egress();
                for (int number = 1; number <= rules.size(); number++) {
                    for (RuleSide side : RuleSide.values()) {
                        List<Part> ruleParts = CompiledPolicy.ruleParts(policy, direction, number, side);
                        if (!ruleParts.isEmpty()) {
                            fromParts.add(new RuleMatch(policy, direction, number, side, null,
                                    SelectorParts.foldRule(ruleParts), null));
                        }
                    }
                }
            }
            assertThat(fromParts).extracting(RuleMatch::direction, RuleMatch::ruleNumber, RuleMatch::side,
                    RuleMatch::calicoSelector).containsExactlyElementsOf(compiled.ruleMatchers().stream()
                    .map(rule -> tuple(rule.direction(), rule.ruleNumber(), rule.side(), rule.calicoSelector()))
                    .toList());
            for (int j = 0; j < 10; j++) {
                Map<String, String> labels = labels(random);
                assertThat(parts.stream().allMatch(part -> part.effective().matches(labels)))
                        .as("parts of %s on %s", compiled.selector(), labels)
                        .isEqualTo(compiled.selector().matches(labels));
                for (RuleMatch rule : compiled.ruleMatchers()) {
                    sides++;
                    List<Part> ruleParts = CompiledPolicy.ruleParts(policy, rule.direction(), rule.ruleNumber(),
                            rule.side());
                    assertThat(ruleParts.stream().allMatch(part -> part.effective().matches(labels)))
                            .as("parts of %s on %s", rule.calicoSelector(), labels)
                            .isEqualTo(rule.effectiveSelector().matches(labels));
                }
            }
        }
        assertThat(policies).isGreaterThan(700);
        assertThat(sides).isGreaterThan(3_000);
    }

    private static Map<String, String> labels(Random random) {
        Map<String, String> labels = new HashMap<>();
        for (String key : KEYS) {
            if (random.nextInt(3) > 0) {
                labels.put(key, VALUES[random.nextInt(VALUES.length)]);
            }
        }
        return labels;
    }
}
