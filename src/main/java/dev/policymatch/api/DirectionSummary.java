package dev.policymatch.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How one direction's normal stage ends for the endpoint (Felix's filter chain of normal policy, as
 * {@code calicoq explain} walks it): the tiers with a policy governing the direction, in enforcement order,
 * and where undecided traffic ends. Untracked, pre-DNAT and forwarded traffic are left to {@code explain}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public class DirectionSummary {

    private UndecidedTraffic undecided;
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    private List<TierSummary> tiers = new ArrayList<>();

    public DirectionSummary() {
    }

    public DirectionSummary(UndecidedTraffic undecided, List<TierSummary> tiers) {
        this.undecided = undecided;
        setTiers(tiers);
    }

    public UndecidedTraffic getUndecided() {
        return undecided;
    }

    public void setUndecided(UndecidedTraffic undecided) {
        this.undecided = undecided;
    }

    public List<TierSummary> getTiers() {
        return tiers;
    }

    public void setTiers(List<TierSummary> tiers) {
        this.tiers = tiers == null ? new ArrayList<>() : new ArrayList<>(tiers);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DirectionSummary other
                && Objects.equals(undecided, other.undecided)
                && Objects.equals(tiers, other.tiers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(undecided, tiers);
    }

    @Override
    public String toString() {
        return "DirectionSummary{undecided=" + undecided + ", tiers=" + tiers + "}";
    }
}
