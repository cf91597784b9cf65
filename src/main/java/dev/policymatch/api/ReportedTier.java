package dev.policymatch.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * A tier the report names (by a policy, a staged policy, a direction's tiers or its undecided traffic), stated
 * once: its {@code order} (as {@link PolicyOrder} writes it; null when it has none, and it then sorts after every
 * ordered tier), {@code defaultAction} ({@code Deny} or {@code Pass}: what the tier does with traffic none of its
 * policies decided) and {@code source}: {@code resource}, {@code built-in}, or {@code none} for a tier no Tier
 * resource stands behind.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public class ReportedTier {

    private String name;
    private BigDecimal order;
    private String defaultAction;
    private String source;

    public ReportedTier() {
    }

    public ReportedTier(String name, Double order, String defaultAction, String source) {
        setName(name);
        this.order = PolicyOrder.decimal(order);
        setDefaultAction(defaultAction);
        setSource(source);
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = SharedStrings.of(name);
    }

    public BigDecimal getOrder() {
        return order;
    }

    public void setOrder(BigDecimal order) {
        this.order = PolicyOrder.decimal(order);
    }

    public String getDefaultAction() {
        return defaultAction;
    }

    public void setDefaultAction(String defaultAction) {
        this.defaultAction = SharedStrings.of(defaultAction);
    }

    public String getSource() {
        return source;
    }

    public void setSource(String source) {
        this.source = SharedStrings.of(source);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReportedTier other
                && Objects.equals(name, other.name)
                && Objects.equals(order, other.order)
                && Objects.equals(defaultAction, other.defaultAction)
                && Objects.equals(source, other.source);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, order, defaultAction, source);
    }

    @Override
    public String toString() {
        return "ReportedTier{name=" + name + ", order=" + order + ", defaultAction=" + defaultAction + ", source="
                + source + "}";
    }
}
