package dev.policymatch.render;

import dev.policymatch.api.AppliedPolicy;
import dev.policymatch.api.DirectionSummary;
import dev.policymatch.api.MatchingRule;
import dev.policymatch.api.PolicyMatchReportStatus;
import dev.policymatch.api.Reasons;
import dev.policymatch.api.ReportCondition;
import dev.policymatch.api.ReportedRuleMatch;
import dev.policymatch.api.ReportedTier;
import dev.policymatch.api.ReportedViolation;
import dev.policymatch.api.TierSummary;
import dev.policymatch.api.UndecidedTraffic;
import dev.policymatch.match.CompiledPolicy;
import dev.policymatch.match.Direction;
import dev.policymatch.match.EffectiveTier;
import dev.policymatch.match.EndpointMatch;
import dev.policymatch.match.EnforcementPath;
import dev.policymatch.match.EnforcementPath.TierPath;
import dev.policymatch.match.RuleMatch;
import dev.policymatch.model.Policy;
import dev.policymatch.model.PolicyType;
import dev.policymatch.validation.Violation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The status a report should have, from the endpoint's match and its violations: a pure function, so
 * the same inputs give an equal status and the operator can tell "nothing changed" by {@code equals}.
 * Transition times are not set here (they depend on the stored status; see
 * {@link PolicyMatchReportStatus#carryTransitionTimes}).
 */
public final class ReportComposer {

    private ReportComposer() {
    }

    /**
     * @param match         empty when the endpoint could not be read at all (a malformed field)
     * @param violations    everything wrong with the endpoint, in the validator's order
     * @param generation    the report's {@code metadata.generation}, which the status was computed for
     * @param invalidReason the reason of a {@code Valid=False} condition: {@link Reasons#INVALID_HOST_ENDPOINT}
     *                      for a host endpoint, {@link Reasons#INVALID_WORKLOAD_ENDPOINT} for a pod's
     */
    public static PolicyMatchReportStatus status(Optional<EndpointMatch> match, List<Violation> violations,
            Long generation, String invalidReason) {
        PolicyMatchReportStatus status = new PolicyMatchReportStatus();
        status.setObservedGeneration(generation);
        match.ifPresent(m -> {
            status.setLabels(m.effectiveLabels());
            status.setPolicies(m.enforcedPolicies().stream().map(ReportComposer::applied).toList());
            status.setStagedPolicies(m.stagedPolicies().stream().map(ReportComposer::applied).toList());
            status.setTiers(m.tiers().values().stream().sorted(EffectiveTier.FELIX_ORDER).map(ReportComposer::tier).toList());
            status.setProfiles(m.profiles());
            List<EnforcementPath> paths = EnforcementPath.ofBothDirections(m);
            status.setIngress(summary(paths.get(Direction.INBOUND.ordinal())));
            status.setEgress(summary(paths.get(Direction.OUTBOUND.ordinal())));
            status.setRuleMatches(ruleMatches(m.ruleMatches()));
        });
        status.setViolations(violations.stream()
                .map(v -> new ReportedViolation(v.field(), v.value(), v.reason())).toList());
        status.withCountsFromLists();
        status.setConditions(List.of(valid(violations, generation, invalidReason), matched(match, status, generation),
                new ReportCondition(ReportCondition.READY, ReportCondition.TRUE, Reasons.RECONCILED,
                        "report is current", generation)));
        return status;
    }

    /** The Valid condition; its message lists every violation. */
    private static ReportCondition valid(List<Violation> violations, Long generation, String invalidReason) {
        if (violations.isEmpty()) {
            return new ReportCondition(ReportCondition.VALID, ReportCondition.TRUE, Reasons.VALID, "no violations",
                    generation);
        }
        return new ReportCondition(ReportCondition.VALID, ReportCondition.FALSE, invalidReason,
                violationsMessage(violations, violations.size()), generation);
    }

    /** {@code 2 violations: <first>; <second>}, and how many more when {@code shown} are not all of them. */
    static String violationsMessage(List<Violation> shown, int total) {
        String message = total + (total == 1 ? " violation" : " violations");
        if (shown.isEmpty()) {
            return message + " (not listed: the report is over its size budget)";
        }
        message += ": " + shown.stream().map(Violation::message).collect(Collectors.joining("; "));
        return shown.size() < total ? message + "; and " + (total - shown.size()) + " more" : message;
    }

    /**
     * {@link #violationsMessage} with as many violations, from the first, as fit in {@code maxBytes} of
     * UTF-8, and how many more there are; at least one (a caller with a hard limit cuts that one).
     * The same violations give the same message.
     */
    public static String violationsMessageWithin(List<Violation> violations, int maxBytes) {
        int shown = 1;
        while (shown < violations.size() && utf8Length(violationsMessage(violations.subList(0, shown + 1),
                violations.size())) <= maxBytes) {
            shown++;
        }
        return violationsMessage(violations.subList(0, Math.min(shown, violations.size())), violations.size());
    }

    private static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static ReportCondition matched(Optional<EndpointMatch> match, PolicyMatchReportStatus status,
            Long generation) {
        if (match.isEmpty()) {
            return new ReportCondition(ReportCondition.MATCHED, ReportCondition.UNKNOWN, Reasons.NOT_EVALUATED,
                    "the endpoint could not be read, so it was not matched", generation);
        }
        if (!match.get().isMatched()) {
            return new ReportCondition(ReportCondition.MATCHED, ReportCondition.FALSE, Reasons.NOTHING_APPLIES,
                    "no policy or profile applies", generation);
        }
        int policies = status.getPolicies().size();
        int profiles = status.getProfiles().size();
        return new ReportCondition(ReportCondition.MATCHED, ReportCondition.TRUE, Reasons.POLICIES_APPLY,
                plural(policies, "policy", "policies") + " and " + plural(profiles, "profile", "profiles") + " apply",
                generation);
    }

    private static String plural(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    /**
     * The policy as calicoq -o yaml shows it (the selector as written, {@code all()} when it has none), its tier by
     * name only: {@code status.tiers} describes the tier.
     */
    private static AppliedPolicy applied(CompiledPolicy compiled) {
        Policy policy = compiled.policy();
        AppliedPolicy applied = new AppliedPolicy();
        applied.setName(policy.name());
        applied.setKind(policy.kind().kindName());
        applied.setNamespace(policy.namespace());
        applied.setTier(policy.tier());
        applied.setOrderValue(policy.order());
        applied.setStagedAction(policy.stagedAction() == null ? null : policy.stagedAction().value());
        applied.setSelector(compiled.writtenSelector());
        applied.setUntracked(policy.doNotTrack());
        applied.setPreDNAT(policy.preDNAT());
        applied.setApplyOnForward(policy.applyOnForward());
        applied.setTypes(policy.types().stream().sorted().map(PolicyType::calicoName).toList());
        return applied;
    }

    /** The normal stage of one direction: its tiers and where undecided traffic ends ({@link EnforcementPath}). */
    private static DirectionSummary summary(EnforcementPath path) {
        return new DirectionSummary(undecided(path.undecided()),
                path.normal().tiers().stream().map(ReportComposer::tierSummary).toList());
    }

    private static UndecidedTraffic undecided(EnforcementPath.Undecided undecided) {
        return switch (undecided.action()) {
            case DENY_AT_END_OF_TIER -> new UndecidedTraffic(UndecidedTraffic.DENY, undecided.tier().name());
            case PROFILES -> new UndecidedTraffic(UndecidedTraffic.PROFILES, null);
            case DENY_NO_PROFILE -> new UndecidedTraffic(UndecidedTraffic.DENY, null);
        };
    }

    private static TierSummary tierSummary(TierPath path) {
        EffectiveTier tier = path.tier();
        int staged = (int) path.policies().stream().filter(compiled -> compiled.policy().isStaged()).count();
        TierSummary summary = new TierSummary();
        summary.setName(tier.name());
        summary.setPolicies(path.policies().size() - staged);
        summary.setStagedPolicies(staged);
        summary.setEndOfTier(switch (path.end()) {
            case DENY -> TierSummary.END_DENY;
            case PASS -> TierSummary.END_PASS;
            case NONE -> TierSummary.END_NONE;
            case NEXT_STAGE -> throw new IllegalStateException("a normal-stage tier never ends in the next stage");
        });
        return summary;
    }

    private static ReportedTier tier(EffectiveTier tier) {
        return new ReportedTier(tier.name(), tier.order(), tier.defaultAction().value(), tier.source().label());
    }

    /**
     * The rule matches grouped by what they share ({@link ReportedRuleMatch.Key}), each group where its first rule
     * is in the match's order, its rules in that order. Rules are numbered from 1 within their direction, as
     * calicoq prints them, so report and CLI agree.
     */
    private static List<ReportedRuleMatch> ruleMatches(List<RuleMatch> rules) {
        Map<ReportedRuleMatch.Key, List<MatchingRule>> groups = new LinkedHashMap<>();
        for (RuleMatch rule : rules) {
            Policy policy = rule.policy();
            ReportedRuleMatch.Key key = new ReportedRuleMatch.Key(rule.direction().label(), rule.side().label(),
                    rule.selector(), rule.calicoSelector(), policy.kind().kindName(), policy.namespace(),
                    policy.isStaged());
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(new MatchingRule(policy.name(), rule.ruleNumber()));
        }
        return groups.entrySet().stream().map(group -> new ReportedRuleMatch(group.getKey(), group.getValue()))
                .toList();
    }
}
