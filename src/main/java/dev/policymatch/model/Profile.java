package dev.policymatch.model;

import java.util.List;
import java.util.SortedMap;

/** Calico Profile: labels it applies to the endpoints that list it, and its own rules. */
public record Profile(String name, SortedMap<String, String> labelsToApply, List<Rule> ingress, List<Rule> egress)
        implements CalicoObject {
    public Profile {
        labelsToApply = Frozen.labels(labelsToApply);
        ingress = Frozen.list(ingress);
        egress = Frozen.list(egress);
    }

    @Override
    public Family family() {
        return Family.PROFILE;
    }
}
