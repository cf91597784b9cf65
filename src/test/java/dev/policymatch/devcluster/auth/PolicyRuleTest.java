package dev.policymatch.devcluster.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Kubernetes' {@code TestRuleMatches} table ({@code plugin/pkg/auth/authorizer/rbac/rbac_test.go}), plus resource names. */
class PolicyRuleTest {

    static Stream<Arguments> rules() {
        return Stream.of(
                // star verb, exact match other
                row(rule("*", "group1", "resource1"), resource("verb1", "group1", "resource1"), true),
                row(rule("*", "group1", "resource1"), resource("verb1", "group2", "resource1"), false),
                row(rule("*", "group1", "resource1"), resource("verb1", "group1", "resource2"), false),
                row(rule("*", "group1", "resource1"), resource("verb2", "group1", "resource1"), true),
                // star group
                row(rule("verb1", "*", "resource1"), resource("verb1", "group2", "resource1"), true),
                row(rule("verb1", "*", "resource1"), resource("verb1", "group1", "resource2"), false),
                row(rule("verb1", "*", "resource1"), resource("verb2", "group1", "resource1"), false),
                // star resource
                row(rule("verb1", "group1", "*"), resource("verb1", "group1", "resource2"), true),
                row(rule("verb1", "group1", "*"), resource("verb1", "group2", "resource2"), false),
                // tuple expansion
                row(rule("verb1,verb2", "group1,group2", "resource1,resource2"), resource("verb2", "group2", "resource2"), true),
                // subresources: named exactly, or */subresource; a resource rule does not cover them
                row(rule("*", "*", "resource1/subresource1"), sub("verb1", "group1", "resource1", "subresource1"), true),
                row(rule("*", "*", "resource1/subresource1"), sub("verb1", "group1", "resource1", "subresource2"), false),
                row(rule("*", "*", "resource1/subresource1"), sub("verb1", "group1", "resource2", "subresource1"), false),
                row(rule("*", "*", "resource1/subresource1"), resource("verb1", "group1", "resource1"), false),
                row(rule("*", "*", "resource1"), sub("verb1", "group1", "resource1", "status"), false),
                row(rule("update", "policymatch.dev", "*/status"), sub("update", "policymatch.dev", "policymatchreports", "status"), true),
                row(rule("update", "policymatch.dev", "*/status"), resource("update", "policymatch.dev", "policymatchreports"), false),
                row(rule("update", "policymatch.dev", "*/status"), sub("update", "policymatch.dev", "policymatchreports", "scale"), false),
                // the core group is the empty string
                row(rule("list", "", "pods"), resource("list", "", "pods"), true),
                row(rule("list", "", "pods"), resource("list", "apps", "pods"), false),
                // resource names: only requests that name an object; a create or a list names none
                row(named(rule("get,patch", "coordination.k8s.io", "leases"), "lease-a"), object("patch", "coordination.k8s.io", "leases", "lease-a"), true),
                row(named(rule("get,patch", "coordination.k8s.io", "leases"), "lease-a"), object("patch", "coordination.k8s.io", "leases", "lease-b"), false),
                row(named(rule("create,list", "coordination.k8s.io", "leases"), "lease-a"), resource("create", "coordination.k8s.io", "leases"), false),
                row(named(rule("create,list", "coordination.k8s.io", "leases"), "lease-a"), resource("list", "coordination.k8s.io", "leases"), false),
                row(rule("create", "coordination.k8s.io", "leases"), resource("create", "coordination.k8s.io", "leases"), true),
                // a resource rule never allows a path and a URL rule never a resource
                row(rule("get", "*", "*"), RequestAttributes.nonResource("get", "/apis"), false),
                row(urls("get", "/apis"), resource("get", "", "apis"), false),
                // star nonresource
                row(urls("verb1", "*"), RequestAttributes.nonResource("verb1", "/foo/bar/one"), true),
                row(urls("verb1", "*"), RequestAttributes.nonResource("verb2", "/foo"), false),
                // star nonresource subpath
                row(urls("verb1", "/foo/*"), RequestAttributes.nonResource("verb1", "/foo"), false),
                row(urls("verb1", "/foo/*"), RequestAttributes.nonResource("verb1", "/foo/bar"), true),
                row(urls("verb1", "/foo/*"), RequestAttributes.nonResource("verb1", "/foo/baz/one"), true),
                row(urls("verb1", "/foo/*"), RequestAttributes.nonResource("verb1", "/notfoo/bar"), false),
                // star verb, exact nonresource
                row(urls("*", "/foo,/foo/bar/one"), RequestAttributes.nonResource("verb2", "/foo"), true),
                row(urls("*", "/foo,/foo/bar/one"), RequestAttributes.nonResource("verb1", "/foo/bar"), false),
                row(urls("*", "/foo,/foo/bar/one"), RequestAttributes.nonResource("verb1", "/foo/bar/one"), true));
    }

    @ParameterizedTest(name = "{0} allows {1}: {2}")
    @MethodSource("rules")
    void matchesAsKubernetesDoes(PolicyRule rule, RequestAttributes request, boolean allowed) {
        assertThat(rule.allows(request)).isEqualTo(allowed);
    }

    private static Arguments row(PolicyRule rule, RequestAttributes request, boolean allowed) {
        return Arguments.of(rule, request, allowed);
    }

    static PolicyRule rule(String verbs, String groups, String resources) {
        return PolicyRule.resources(list(verbs), list(groups), list(resources));
    }

    static PolicyRule named(PolicyRule rule, String... names) {
        return new PolicyRule(rule.verbs(), rule.apiGroups(), rule.resources(), List.of(names), List.of());
    }

    static PolicyRule urls(String verbs, String urls) {
        return PolicyRule.urls(list(verbs), list(urls));
    }

    static RequestAttributes resource(String verb, String group, String resource) {
        return RequestAttributes.resource(verb, group, resource, "", "ns", "");
    }

    static RequestAttributes sub(String verb, String group, String resource, String subresource) {
        return RequestAttributes.resource(verb, group, resource, subresource, "ns", "name");
    }

    static RequestAttributes object(String verb, String group, String resource, String name) {
        return RequestAttributes.resource(verb, group, resource, "", "ns", name);
    }

    private static List<String> list(String commaSeparated) {
        return Arrays.asList(commaSeparated.split(",", -1));
    }
}
