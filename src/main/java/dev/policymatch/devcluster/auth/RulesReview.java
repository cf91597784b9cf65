package dev.policymatch.devcluster.auth;

import java.util.List;

/** What a SelfSubjectRulesReview answers: the rules a user has in a namespace. */
public record RulesReview(List<PolicyRule> resourceRules, List<PolicyRule> nonResourceRules, String evaluationError) {

    public RulesReview {
        resourceRules = List.copyOf(resourceRules);
        nonResourceRules = List.copyOf(nonResourceRules);
    }
}
