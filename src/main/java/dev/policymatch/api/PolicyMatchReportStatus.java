package dev.policymatch.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What applies to the endpoint. Value equality (with {@link ReportCondition}'s, which ignores
 * transition times) lets the operator skip the write when a resync computes the stored status again.
 * Lists are never null so that an empty list and a missing one compare equal after a round trip; empty ones
 * are not written. Each fact is stated once (issue 15): a tier's order, default action and source in
 * {@link #getTiers()}, a rule selector once for all the rules that share it ({@link ReportedRuleMatch}).
 * Fields it does not know are ignored, here and in its parts, so that a report written in the form before
 * issue 15 (an alpha API changed in place) is read, found different and rewritten, not refused by the informer.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public class PolicyMatchReportStatus {

    private Long observedGeneration;
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    private Map<String, String> labels = new LinkedHashMap<>();
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    private List<AppliedPolicy> policies = new ArrayList<>();
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    private List<AppliedPolicy> stagedPolicies = new ArrayList<>();
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    private List<ReportedTier> tiers = new ArrayList<>();
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    private List<String> profiles = new ArrayList<>();
    private DirectionSummary ingress;
    private DirectionSummary egress;
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    private List<ReportedRuleMatch> ruleMatches = new ArrayList<>();
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    private List<ReportedViolation> violations = new ArrayList<>();
    private ReportCounts counts;
    private ReportOmissions omitted;
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    private List<ReportCondition> conditions = new ArrayList<>();

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    /** The endpoint's effective labels (its own plus those its profiles contribute). */
    public Map<String, String> getLabels() {
        return labels;
    }

    public void setLabels(Map<String, String> labels) {
        this.labels = SharedStrings.of(labels);
    }

    public List<AppliedPolicy> getPolicies() {
        return policies;
    }

    public void setPolicies(List<AppliedPolicy> policies) {
        this.policies = copy(policies);
    }

    /**
     * Staged policies that would apply (Calico 3.30+), in enforcement order; never enforced, so not in
     * {@link #getPolicies()} and not counted by the {@code Matched} condition.
     */
    public List<AppliedPolicy> getStagedPolicies() {
        return stagedPolicies;
    }

    public void setStagedPolicies(List<AppliedPolicy> stagedPolicies) {
        this.stagedPolicies = copy(stagedPolicies);
    }

    /**
     * Every tier the report names (in {@code policies}, {@code stagedPolicies}, {@code ingress} and
     * {@code egress}), each once, in the order Felix sorts tiers: those a Tier resource or Calico stands behind
     * first, by order (none last), then by name.
     */
    public List<ReportedTier> getTiers() {
        return tiers;
    }

    public void setTiers(List<ReportedTier> tiers) {
        this.tiers = copy(tiers);
    }

    public List<String> getProfiles() {
        return profiles;
    }

    public void setProfiles(List<String> profiles) {
        this.profiles = SharedStrings.of(profiles);
    }

    /**
     * Ingress (traffic to the endpoint) in the normal stage: its tiers and where undecided traffic ends; null
     * when the endpoint could not be read.
     */
    public DirectionSummary getIngress() {
        return ingress;
    }

    public void setIngress(DirectionSummary ingress) {
        this.ingress = ingress;
    }

    /** Egress (traffic from the endpoint), as {@link #getIngress()}. */
    public DirectionSummary getEgress() {
        return egress;
    }

    public void setEgress(DirectionSummary egress) {
        this.egress = egress;
    }

    /** Rule matches grouped by the selector they match with; {@link #ruleMatchCount()} counts the rules. */
    public List<ReportedRuleMatch> getRuleMatches() {
        return ruleMatches;
    }

    public void setRuleMatches(List<ReportedRuleMatch> ruleMatches) {
        this.ruleMatches = copy(ruleMatches);
    }

    public List<ReportedViolation> getViolations() {
        return violations;
    }

    public void setViolations(List<ReportedViolation> violations) {
        this.violations = copy(violations);
    }

    public ReportCounts getCounts() {
        return counts;
    }

    public void setCounts(ReportCounts counts) {
        this.counts = counts;
    }

    /** What the lists leave out to keep the report under its size budget; null when nothing is left out. */
    public ReportOmissions getOmitted() {
        return omitted;
    }

    public void setOmitted(ReportOmissions omitted) {
        this.omitted = omitted;
    }

    public List<ReportCondition> getConditions() {
        return conditions;
    }

    public void setConditions(List<ReportCondition> conditions) {
        this.conditions = copy(conditions);
    }

    /** The condition of that type, or null. */
    public ReportCondition condition(String type) {
        return conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
    }

    /** How many rule matches {@link #getRuleMatches()} lists: the rules of all its groups. */
    public int ruleMatchCount() {
        return ruleMatches.stream().mapToInt(match -> match.getRules().size()).sum();
    }

    /** Sets {@code counts} from the list sizes. */
    public PolicyMatchReportStatus withCountsFromLists() {
        this.counts = new ReportCounts(policies.size(), stagedPolicies.size(), profiles.size(), ruleMatchCount());
        return this;
    }

    /**
     * Gives each condition its {@code lastTransitionTime}: the stored one when the condition's status
     * did not change, {@code now} when it did or is new. Kubernetes defines the time as that of the
     * last status change, not of the last write.
     */
    public PolicyMatchReportStatus carryTransitionTimes(PolicyMatchReportStatus previous, Instant now) {
        String nowText = now.truncatedTo(ChronoUnit.SECONDS).toString();
        for (ReportCondition condition : conditions) {
            ReportCondition before = previous == null ? null : previous.condition(condition.getType());
            boolean unchanged = before != null && Objects.equals(before.getStatus(), condition.getStatus())
                    && before.getLastTransitionTime() != null;
            condition.setLastTransitionTime(unchanged ? before.getLastTransitionTime() : nowText);
        }
        return this;
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? new ArrayList<>() : new ArrayList<>(list);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PolicyMatchReportStatus other
                && Objects.equals(observedGeneration, other.observedGeneration)
                && Objects.equals(labels, other.labels)
                && Objects.equals(policies, other.policies)
                && Objects.equals(stagedPolicies, other.stagedPolicies)
                && Objects.equals(tiers, other.tiers)
                && Objects.equals(profiles, other.profiles)
                && Objects.equals(ingress, other.ingress)
                && Objects.equals(egress, other.egress)
                && Objects.equals(ruleMatches, other.ruleMatches)
                && Objects.equals(violations, other.violations)
                && Objects.equals(counts, other.counts)
                && Objects.equals(omitted, other.omitted)
                && Objects.equals(conditions, other.conditions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(observedGeneration, labels, policies, stagedPolicies, tiers, profiles, ingress, egress,
                ruleMatches, violations, counts, omitted, conditions);
    }

    @Override
    public String toString() {
        return "PolicyMatchReportStatus{observedGeneration=" + observedGeneration + ", labels=" + labels
                + ", policies=" + policies + ", stagedPolicies=" + stagedPolicies + ", tiers=" + tiers
                + ", profiles=" + profiles + ", ingress=" + ingress + ", egress=" + egress
                + ", ruleMatches=" + ruleMatches + ", violations=" + violations + ", counts=" + counts
                + ", omitted=" + omitted + ", conditions=" + conditions + "}";
    }
}
