package dev.policymatch.model;

import java.util.List;
import java.util.SortedMap;

/** Calico Profile: labels it applies to the endpoints that list it, and its own rules. */
public record Profile(String name, SortedMap<String, String> labelsToApply, List<Rule> ingress, List<Rule> egress)
        implements CalicoObject {
    /**
     * The profile every Calico datastore serves without storing it, with one rule allowing all ingress and one
     * allowing all egress (libcalico-go {@code lib/resources/static.go} {@code DefaultAllowProfile}; listed by the
     * Kubernetes datastore's profile client, {@code lib/backend/k8s/resources/profile.go}, and by the etcdv3
     * backend). kube-controllers' automatic host endpoints list it. Calico refuses to create, update or delete a
     * profile of that name ({@code lib/clientv3/profile.go}), so a stored one never stands in its place.
     */
    public static final Profile DEFAULT_ALLOW = new Profile("projectcalico-default-allow", LabelMap.EMPTY,
            List.of(new Rule("Allow", null, EntityMatch.ANY, EntityMatch.ANY)),
            List.of(new Rule("Allow", null, EntityMatch.ANY, EntityMatch.ANY)));

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
