package dev.policymatch.render;

import dev.policymatch.api.DirectionSummary;
import dev.policymatch.api.MatchingRule;
import dev.policymatch.api.PolicyMatchReportStatus;
import dev.policymatch.api.Reasons;
import dev.policymatch.api.ReportCondition;
import dev.policymatch.api.ReportOmissions;
import dev.policymatch.api.ReportedRuleMatch;
import dev.policymatch.api.ReportedTier;
import dev.policymatch.api.ReportedViolation;
import dev.policymatch.api.TierSummary;
import dev.policymatch.validation.Violation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

/**
 * A status cut down to the first entries of its lists, saying what it left out: pure, so the same cut
 * of the same status is an equal status and a resync writes nothing. The operator's
 * {@code ReportBudget} decides how much to keep.
 */
public final class ReportTruncation {

    /**
     * The lists of a status, in the order they are cut: the least telling per byte first. Rule matches
     * (which policies name the endpoint in a rule) are secondary to what applies, and the longest list
     * (every rule of every such policy), counted and cut by rule, groups kept whole but the last; staged
     * policies do not act on traffic; labels are a copy of what the endpoint and its profiles carry;
     * then policies, from the end of the enforcement order, so the first ones evaluated stay; the tiers of
     * {@code ingress} then {@code egress}, from the end (where undecided traffic ends is never cut); profiles,
     * a handful that come from the endpoint itself; violations last, since they say what to fix.
     */
    public enum Part {
        RULE_MATCHES("rule matches", ReportOmissions::setRuleMatches),
        STAGED_POLICIES("staged policies", ReportOmissions::setStagedPolicies),
        LABELS("labels", ReportOmissions::setLabels),
        POLICIES("policies", ReportOmissions::setPolicies),
        TIERS("tiers", ReportOmissions::setTiers),
        PROFILES("profiles", ReportOmissions::setProfiles),
        VIOLATIONS("violations", ReportOmissions::setViolations);

        private final String words;
        private final BiConsumer<ReportOmissions, Integer> omit;

        Part(String words, BiConsumer<ReportOmissions, Integer> omit) {
            this.words = words;
            this.omit = omit;
        }

        public int sizeIn(PolicyMatchReportStatus status) {
            return switch (this) {
                case RULE_MATCHES -> status.ruleMatchCount();
                case STAGED_POLICIES -> status.getStagedPolicies().size();
                case LABELS -> status.getLabels().size();
                case POLICIES -> status.getPolicies().size();
                case TIERS -> tierCount(status.getIngress()) + tierCount(status.getEgress());
                case PROFILES -> status.getProfiles().size();
                case VIOLATIONS -> status.getViolations().size();
            };
        }
    }

    private ReportTruncation() {
    }

    private static int tierCount(DirectionSummary direction) {
        return direction == null ? 0 : direction.getTiers().size();
    }

    /** How many entries of each part {@code status} has: the starting point of a cut. */
    public static EnumMap<Part, Integer> sizes(PolicyMatchReportStatus status) {
        EnumMap<Part, Integer> sizes = new EnumMap<>(Part.class);
        for (Part part : Part.values()) {
            sizes.put(part, part.sizeIn(status));
        }
        return sizes;
    }

    /**
     * {@code full} with only the first {@code kept} entries of each part, {@code status.omitted} saying
     * how many of each were left out, and a {@code Truncated} condition naming them and the budget.
     * Counts stay those of {@code full}; so does the {@code Matched} message, which gives them. {@code tiers}
     * keeps the tiers that what is kept names.
     */
    public static PolicyMatchReportStatus cut(PolicyMatchReportStatus full, Map<Part, Integer> kept, String budget) {
        PolicyMatchReportStatus cut = new PolicyMatchReportStatus();
        cut.setObservedGeneration(full.getObservedGeneration());
        cut.setRuleMatches(firstRules(full.getRuleMatches(), kept.get(Part.RULE_MATCHES)));
        cut.setLabels(full.getLabels().entrySet().stream().limit(kept.get(Part.LABELS))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new)));
        cut.setPolicies(full.getPolicies().subList(0, kept.get(Part.POLICIES)));
        cut.setStagedPolicies(full.getStagedPolicies().subList(0, kept.get(Part.STAGED_POLICIES)));
        int ingressTiers = tierCount(full.getIngress());
        cut.setIngress(withFirstTiers(full.getIngress(), kept.get(Part.TIERS)));
        cut.setEgress(withFirstTiers(full.getEgress(), Math.max(0, kept.get(Part.TIERS) - ingressTiers)));
        cut.setTiers(tiersNamedIn(cut, full.getTiers()));
        cut.setProfiles(full.getProfiles().subList(0, kept.get(Part.PROFILES)));
        cut.setViolations(full.getViolations().subList(0, kept.get(Part.VIOLATIONS)));
        cut.setCounts(full.getCounts());

        ReportOmissions omitted = new ReportOmissions();
        List<String> leftOut = new ArrayList<>();
        for (Part part : Part.values()) {
            int all = part.sizeIn(full);
            int shown = kept.get(part);
            if (shown < all) {
                part.omit.accept(omitted, all - shown);
                leftOut.add((all - shown) + " of " + all + " " + part.words);
            }
        }
        cut.setOmitted(omitted);

        List<ReportCondition> conditions = new ArrayList<>();
        for (ReportCondition condition : full.getConditions()) {
            boolean violationsCut = kept.get(Part.VIOLATIONS) < full.getViolations().size();
            conditions.add(violationsCut && ReportCondition.VALID.equals(condition.getType())
                    ? validWithout(condition, full.getViolations(), kept.get(Part.VIOLATIONS)) : copy(condition));
        }
        conditions.add(new ReportCondition(ReportCondition.TRUNCATED, ReportCondition.TRUE, Reasons.OVER_SIZE_BUDGET,
                "over its size budget of " + budget + ", the report leaves out " + String.join(", ", leftOut)
                        + " (status.omitted; status.counts has the totals, and calicoq endpoint gives them all)",
                full.getObservedGeneration()));
        cut.setConditions(conditions);
        return cut;
    }

    /** The groups of the first {@code kept} rules: whole groups, then the first rules of the next one. */
    private static List<ReportedRuleMatch> firstRules(List<ReportedRuleMatch> groups, int kept) {
        List<ReportedRuleMatch> first = new ArrayList<>();
        int left = kept;
        for (Iterator<ReportedRuleMatch> it = groups.iterator(); it.hasNext() && left > 0; ) {
            ReportedRuleMatch group = it.next();
            List<MatchingRule> rules = group.getRules();
            first.add(rules.size() <= left ? group : group.withRules(rules.subList(0, left)));
            left -= Math.min(left, rules.size());
        }
        return first;
    }

    /** The tiers of {@code all} that {@code status}'s policies, staged policies and directions name. */
    private static List<ReportedTier> tiersNamedIn(PolicyMatchReportStatus status, List<ReportedTier> all) {
        Set<String> named = new HashSet<>();
        status.getPolicies().forEach(policy -> named.add(policy.getTier()));
        status.getStagedPolicies().forEach(policy -> named.add(policy.getTier()));
        for (DirectionSummary direction : Arrays.asList(status.getIngress(), status.getEgress())) {
            if (direction != null) {
                direction.getTiers().forEach(tier -> named.add(tier.getName()));
                if (direction.getUndecided() != null) {
                    named.add(direction.getUndecided().getTier());
                }
            }
        }
        return all.stream().filter(tier -> named.contains(tier.getName())).toList();
    }

    /** {@code direction} with only its first {@code kept} tiers; its undecided traffic is kept whole. */
    private static DirectionSummary withFirstTiers(DirectionSummary direction, int kept) {
        if (direction == null) {
            return null;
        }
        List<TierSummary> tiers = direction.getTiers();
        return new DirectionSummary(direction.getUndecided(), tiers.subList(0, Math.min(kept, tiers.size())));
    }

    /** The Valid condition listing only the violations shown, and how many more there are. */
    private static ReportCondition validWithout(ReportCondition valid, List<ReportedViolation> all, int shown) {
        List<Violation> violations = all.stream().limit(shown)
                .map(v -> new Violation(v.getField(), v.getValue(), v.getReason())).toList();
        return new ReportCondition(valid.getType(), valid.getStatus(), valid.getReason(),
                ReportComposer.violationsMessage(violations, all.size()), valid.getObservedGeneration());
    }

    private static ReportCondition copy(ReportCondition condition) {
        return new ReportCondition(condition.getType(), condition.getStatus(), condition.getReason(),
                condition.getMessage(), condition.getObservedGeneration());
    }
}
