package dev.policymatch.devcluster.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * kube-apiserver's authorization chain as a cluster with {@code --authorization-mode=RBAC} has it:
 * members of {@code system:masters} may do everything (the privileged-group authorizer comes
 * first), everyone else what the RBAC objects in the store give them
 * ({@code plugin/pkg/auth/authorizer/rbac/rbac.go}). Every decision about a request is recorded in
 * the {@link AuthorizationLog}; {@link #check} answers access reviews without recording.
 */
public final class RbacAuthorizer {

    private static final PolicyRule EVERY_RESOURCE = PolicyRule.resources(List.of("*"), List.of("*"), List.of("*"));
    private static final PolicyRule EVERY_URL = PolicyRule.urls(List.of("*"), List.of("*"));

    private final Supplier<RbacPolicy> policy;
    private final AuthorizationLog log;

    public RbacAuthorizer(Supplier<RbacPolicy> policy, AuthorizationLog log) {
        this.policy = policy;
        this.log = log;
    }

    /** Decides a request and records the decision. */
    public Decision authorize(User user, RequestAttributes request) {
        Decision decision = check(user, request);
        log.record(user, request, decision);
        return decision;
    }

    /** Decides without recording: what an access review asks. */
    public Decision check(User user, RequestAttributes request) {
        if (user.isPrivileged()) {
            return new Decision(true, "");
        }
        List<String> errors = new ArrayList<>();
        String[] allowedBy = {null};
        policy.get().visitRulesFor(user, request.namespace(), new RbacPolicy.RuleVisitor() {
            @Override
            public boolean visit(String source, PolicyRule rule) {
                if (rule.allows(request)) {
                    allowedBy[0] = source;
                    return false;
                }
                return true;
            }

            @Override
            public void error(String message) {
                errors.add(message);
            }
        });
        if (allowedBy[0] != null) {
            return new Decision(true, "RBAC: allowed by " + allowedBy[0]);
        }
        return new Decision(false, errors.isEmpty() ? "" : "RBAC: " + aggregate(errors));
    }

    /** The rules of {@code user} in {@code namespace}, split as a SelfSubjectRulesReview shows them. */
    public RulesReview rulesFor(User user, String namespace) {
        if (user.isPrivileged()) {
            return new RulesReview(List.of(EVERY_RESOURCE), List.of(EVERY_URL), "");
        }
        List<PolicyRule> resourceRules = new ArrayList<>();
        List<PolicyRule> nonResourceRules = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        policy.get().visitRulesFor(user, namespace, new RbacPolicy.RuleVisitor() {
            @Override
            public boolean visit(String source, PolicyRule rule) {
                if (!rule.resources().isEmpty()) {
                    resourceRules.add(rule);
                }
                if (!rule.nonResourceURLs().isEmpty()) {
                    nonResourceRules.add(rule);
                }
                return true;
            }

            @Override
            public void error(String message) {
                errors.add(message);
            }
        });
        return new RulesReview(resourceRules, nonResourceRules, aggregate(errors));
    }

    /** As {@code utilerrors.NewAggregate}: one error alone, several in brackets. */
    private static String aggregate(List<String> errors) {
        if (errors.size() <= 1) {
            return errors.isEmpty() ? "" : errors.get(0);
        }
        return "[" + String.join(", ", errors) + "]";
    }
}
