package dev.policymatch.match;

import dev.policymatch.model.DefaultAction;
import dev.policymatch.model.EntityMatch;
import dev.policymatch.model.HostEndpoint;
import dev.policymatch.model.Policy;
import dev.policymatch.model.PolicyKind;
import dev.policymatch.model.PolicyType;
import dev.policymatch.model.Profile;
import dev.policymatch.model.Rule;
import dev.policymatch.model.ServiceAccountMatch;
import dev.policymatch.model.StagedAction;
import dev.policymatch.model.Tier;
import dev.policymatch.model.WorkloadEndpoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Small builders for the model records the match tests use. */
public final class Fixtures {
    private Fixtures() {
    }

    /** Labels from alternating keys and values. */
    public static Map<String, String> labels(String... keysAndValues) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            labels.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return labels;
    }

    /** A Kubernetes workload endpoint {@code node1/k8s/<ns>.<pod>/eth0}. */
    public static WorkloadEndpoint pod(String namespace, String pod, Map<String, String> labels, String... profiles) {
        return new WorkloadEndpoint("node1", "k8s", namespace + "." + pod, "eth0", namespace,
                new java.util.TreeMap<>(labels), List.of(profiles), "cali" + pod, List.of());
    }

    /** A calicoctl v1 style workload endpoint, without a namespace. */
    public static WorkloadEndpoint workload(String workload, Map<String, String> labels, String... profiles) {
        return new WorkloadEndpoint("node1", "k8s", workload, "eth0", null,
                new java.util.TreeMap<>(labels), List.of(profiles), null, List.of());
    }

    public static HostEndpoint host(String name, Map<String, String> labels, String... profiles) {
        return new HostEndpoint(name, "node1", new java.util.TreeMap<>(labels), "eth0", List.of(), List.of(profiles),
                List.of());
    }

    public static Profile profile(String name, Map<String, String> labelsToApply) {
        return new Profile(name, new java.util.TreeMap<>(labelsToApply), List.of(), List.of());
    }

    public static Tier tier(String name, Double order) {
        return new Tier(name, order);
    }

    public static Tier tier(String name, Double order, DefaultAction defaultAction) {
        return new Tier(name, order, defaultAction);
    }

    public static Rule allowFrom(String sourceSelector) {
        return new Rule("Allow", null, entity(sourceSelector, null, null), null);
    }

    public static Rule allowTo(String destinationSelector) {
        return new Rule("Allow", null, null, entity(destinationSelector, null, null));
    }

    public static Rule rule(EntityMatch source, EntityMatch destination) {
        return new Rule("Allow", null, source, destination);
    }

    public static EntityMatch entity(String selector, String notSelector, String namespaceSelector) {
        return new EntityMatch(selector, notSelector, namespaceSelector, null, null, null, null, null);
    }

    public static EntityMatch serviceAccounts(String selector, List<String> names) {
        return new EntityMatch(null, null, null, new ServiceAccountMatch(names, selector), null, null, null, null);
    }

    public static PolicyBuilder gnp(String name) {
        return new PolicyBuilder(name, null);
    }

    public static PolicyBuilder np(String namespace, String name) {
        return new PolicyBuilder(name, namespace);
    }

    /** Builds a {@link Policy} without spelling out its thirteen components. */
    public static final class PolicyBuilder {
        private final String name;
        private final String namespace;
        private String tier;
        private Double order;
        private String selector;
        private final List<Rule> ingress = new ArrayList<>();
        private final List<Rule> egress = new ArrayList<>();
        private boolean doNotTrack;
        private boolean preDnat;
        private boolean applyOnForward;
        private Set<PolicyType> types;
        private String namespaceSelector;
        private String serviceAccountSelector;
        private PolicyKind kind;
        private StagedAction stagedAction;

        private PolicyBuilder(String name, String namespace) {
            this.name = name;
            this.namespace = namespace;
        }

        public PolicyBuilder tier(String tier) {
            this.tier = tier;
            return this;
        }

        public PolicyBuilder order(Double order) {
            this.order = order;
            return this;
        }

        public PolicyBuilder order(double order) {
            this.order = order;
            return this;
        }

        public PolicyBuilder selector(String selector) {
            this.selector = selector;
            return this;
        }

        public PolicyBuilder ingress(Rule... rules) {
            ingress.addAll(List.of(rules));
            return this;
        }

        public PolicyBuilder egress(Rule... rules) {
            egress.addAll(List.of(rules));
            return this;
        }

        public PolicyBuilder untracked() {
            this.doNotTrack = true;
            return this;
        }

        /** Pre-DNAT, with the {@code applyOnForward} Calico requires of it. */
        public PolicyBuilder preDnat() {
            this.preDnat = true;
            return this;
        }

        public PolicyBuilder applyOnForward() {
            this.applyOnForward = true;
            return this;
        }

        public PolicyBuilder types(PolicyType... types) {
            this.types = Set.of(types);
            return this;
        }

        public PolicyBuilder namespaceSelector(String namespaceSelector) {
            this.namespaceSelector = namespaceSelector;
            return this;
        }

        public PolicyBuilder serviceAccountSelector(String serviceAccountSelector) {
            this.serviceAccountSelector = serviceAccountSelector;
            return this;
        }

        /** A policy of that kind; a staged kind gets {@code stagedAction} Set unless {@link #staged} says otherwise. */
        public PolicyBuilder kind(PolicyKind kind) {
            this.kind = kind;
            return this;
        }

        public PolicyBuilder staged(StagedAction action) {
            this.stagedAction = action;
            return this;
        }

        public Policy build() {
            PolicyKind resolved = kind != null ? kind
                    : namespace == null ? PolicyKind.GLOBAL_NETWORK_POLICY : PolicyKind.NETWORK_POLICY;
            StagedAction action = !resolved.staged() ? null : stagedAction == null ? StagedAction.SET : stagedAction;
            return new Policy(name, namespace, tier, order, selector, types, ingress, egress, doNotTrack, preDnat,
                    doNotTrack || preDnat || applyOnForward, namespaceSelector, serviceAccountSelector, resolved, action);
        }
    }
}
