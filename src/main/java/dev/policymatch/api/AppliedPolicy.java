package dev.policymatch.api;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One policy that applies to the endpoint, in the report's enforcement order. {@code order} is a
 * {@link BigDecimal} kept as {@link PolicyOrder} writes it, so that Calico's {@code 500} prints as
 * {@code 500} and {@code 500.5} as {@code 500.5} (a {@code Double} would print {@code 500.0}); it is
 * null when the policy has none (Calico then orders it last within its tier).
 */
public class AppliedPolicy {

    private String name;
    private String namespace;
    private String tier;
    private BigDecimal order;
    private String selector;
    private Boolean untracked;
    private Boolean preDNAT;
    private Boolean applyOnForward;
    private List<String> types = new ArrayList<>();

    public AppliedPolicy() {
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = SharedStrings.of(name);
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
        this.untracked = untracked;
    }

    public Boolean getPreDNAT() {
        return preDNAT;
    }

    public void setPreDNAT(Boolean preDNAT) {
        this.preDNAT = preDNAT;
    }

    public Boolean getApplyOnForward() {
        return applyOnForward;
    }

    public void setApplyOnForward(Boolean applyOnForward) {
        this.applyOnForward = applyOnForward;
    }

    public List<String> getTypes() {
        return types;
    }

    public void setTypes(List<String> types) {
        this.types = SharedStrings.of(types);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AppliedPolicy other
                && Objects.equals(name, other.name)
                && Objects.equals(namespace, other.namespace)
                && Objects.equals(tier, other.tier)
                && Objects.equals(order, other.order)
                && Objects.equals(selector, other.selector)
                && Objects.equals(untracked, other.untracked)
                && Objects.equals(preDNAT, other.preDNAT)
                && Objects.equals(applyOnForward, other.applyOnForward)
                && Objects.equals(types, other.types);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, namespace, tier, order, selector, untracked, preDNAT, applyOnForward, types);
    }

    @Override
    public String toString() {
        return "AppliedPolicy{name=" + name + ", namespace=" + namespace + ", tier=" + tier + ", order=" + order
                + ", selector=" + selector + ", untracked=" + untracked + ", preDNAT=" + preDNAT
                + ", applyOnForward=" + applyOnForward + ", types=" + types + "}";
    }
}
