package dev.policymatch.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One policy that applies to the endpoint, in the report's enforcement order: its own {@code name} (a
 * Kubernetes NetworkPolicy's {@code x}, not {@code knp.default.x}), {@code kind} as Calico 3.32 names it, the
 * name of its tier (whose order, default action and source {@code status.tiers} gives once, {@link ReportedTier}),
 * and {@code stagedAction} for a staged policy. {@code untracked}, {@code preDNAT} and {@code applyOnForward}
 * are true or left out: a false one is kept as null, so that it is not written. {@code order} is a
 * {@link BigDecimal} kept as {@link PolicyOrder} writes it, so that Calico's {@code 500} prints as
 * {@code 500} and {@code 500.5} as {@code 500.5} (a {@code Double} would print {@code 500.0}); it is
 * null when the policy has none (Calico then orders it last within its tier).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public class AppliedPolicy {

    private String name;
    private String kind;
    private String namespace;
    private String tier;
    private BigDecimal order;
    private String stagedAction;
    private String selector;
    private Boolean untracked;
    private Boolean preDNAT;
    private Boolean applyOnForward;
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    private List<String> types = new ArrayList<>();

    public AppliedPolicy() {
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = SharedStrings.of(name);
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = SharedStrings.of(kind);
    }

    public String getNamespace() {
        return namespace;
    }

    public void setNamespace(String namespace) {
        this.namespace = SharedStrings.of(namespace);
    }

    public String getTier() {
        return tier;
    }

    public void setTier(String tier) {
        this.tier = SharedStrings.of(tier);
    }

    public BigDecimal getOrder() {
        return order;
    }

    public void setOrder(BigDecimal order) {
        this.order = PolicyOrder.decimal(order);
    }

    /** The model's {@code Double} order, as {@link PolicyOrder#decimal(Double)} writes it. */
    public void setOrderValue(Double order) {
        this.order = PolicyOrder.decimal(order);
    }

    /** A staged policy's {@code stagedAction} ({@code Set}, {@code Learn} or {@code Ignore}); null otherwise. */
    public String getStagedAction() {
        return stagedAction;
    }

    public void setStagedAction(String stagedAction) {
        this.stagedAction = SharedStrings.of(stagedAction);
    }

    public String getSelector() {
        return selector;
    }

    public void setSelector(String selector) {
        this.selector = SharedStrings.of(selector);
    }

    /** Calico's {@code doNotTrack}: the policy applies in the untracked (raw table) stage. */
    public Boolean getUntracked() {
        return untracked;
    }

    public void setUntracked(Boolean untracked) {
        this.untracked = trueOrNull(untracked);
    }

    public Boolean getPreDNAT() {
        return preDNAT;
    }

    public void setPreDNAT(Boolean preDNAT) {
        this.preDNAT = trueOrNull(preDNAT);
    }

    public Boolean getApplyOnForward() {
        return applyOnForward;
    }

    public void setApplyOnForward(Boolean applyOnForward) {
        this.applyOnForward = trueOrNull(applyOnForward);
    }

    public List<String> getTypes() {
        return types;
    }

    public void setTypes(List<String> types) {
        this.types = SharedStrings.of(types);
    }

    private static Boolean trueOrNull(Boolean flag) {
        return Boolean.TRUE.equals(flag) ? Boolean.TRUE : null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AppliedPolicy other
                && Objects.equals(name, other.name)
                && Objects.equals(kind, other.kind)
                && Objects.equals(namespace, other.namespace)
                && Objects.equals(tier, other.tier)
                && Objects.equals(order, other.order)
                && Objects.equals(stagedAction, other.stagedAction)
                && Objects.equals(selector, other.selector)
                && Objects.equals(untracked, other.untracked)
                && Objects.equals(preDNAT, other.preDNAT)
                && Objects.equals(applyOnForward, other.applyOnForward)
                && Objects.equals(types, other.types);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, kind, namespace, tier, order, stagedAction, selector, untracked, preDNAT,
                applyOnForward, types);
    }

    @Override
    public String toString() {
        return "AppliedPolicy{name=" + name + ", kind=" + kind + ", namespace=" + namespace + ", tier=" + tier
                + ", order=" + order + ", stagedAction=" + stagedAction + ", selector=" + selector + ", untracked=" + untracked + ", preDNAT=" + preDNAT
                + ", applyOnForward=" + applyOnForward + ", types=" + types + "}";
    }
}
