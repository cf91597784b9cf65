package dev.policymatch.source;

import dev.policymatch.model.EntityMatch;
import dev.policymatch.model.Policy;
import dev.policymatch.model.PolicyType;
import dev.policymatch.model.Profile;
import dev.policymatch.model.Rule;
import dev.policymatch.model.WorkloadEndpoint;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A catalog's Kubernetes-derived resources as plain text, every field shown, for golden files: a
 * reviewer reads the expected Calico resources side by side with the manifest.
 */
final class ModelDump {
    private ModelDump() {
    }

    static String dump(Catalog catalog, List<String> warnings) {
        StringBuilder out = new StringBuilder();
        for (Located<?> located : catalog.all()) {
            out.append("--- ").append(located.describe()).append(" (line ").append(located.location().line())
                    .append(")\n");
            Object resource = located.resource();
            if (resource instanceof WorkloadEndpoint endpoint) {
                endpoint(out, endpoint);
            } else if (resource instanceof Profile profile) {
                profile(out, profile);
            } else if (resource instanceof Policy policy) {
                policy(out, policy);
            } else {
                out.append(resource).append('\n');
            }
        }
        for (ManifestProblem problem : catalog.problems()) {
            out.append("problem: ").append(problem.describe()).append('\n');
        }
        for (String warning : warnings) {
            out.append("warning: ").append(warning).append('\n');
        }
        return out.toString();
    }

    private static void endpoint(StringBuilder out, WorkloadEndpoint endpoint) {
        out.append("fullName: ").append(endpoint.fullName()).append('\n');
        out.append("node: ").append(endpoint.node()).append('\n');
        out.append("orchestrator: ").append(endpoint.orchestrator()).append('\n');
        out.append("workload: ").append(endpoint.workload()).append('\n');
        out.append("endpoint: ").append(endpoint.endpoint()).append('\n');
        out.append("namespace: ").append(endpoint.namespace()).append('\n');
        out.append("interfaceName: ").append(endpoint.interfaceName()).append('\n');
        out.append("ipNetworks: ").append(endpoint.ipNetworks()).append('\n');
        out.append("profiles: ").append(endpoint.profiles()).append('\n');
        labels(out, "labels", endpoint.labels());
    }

    private static void profile(StringBuilder out, Profile profile) {
        out.append("name: ").append(profile.name()).append('\n');
        labels(out, "labelsToApply", profile.labelsToApply());
        rules(out, "ingress", profile.ingress());
        rules(out, "egress", profile.egress());
    }

    private static void policy(StringBuilder out, Policy policy) {
        out.append("name: ").append(policy.name()).append('\n');
        out.append("kind: ").append(policy.kind().kindName()).append('\n');
        out.append("legacyName: ").append(policy.legacyName()).append('\n');
        if (policy.stagedAction() != null) {
            out.append("stagedAction: ").append(policy.stagedAction().value()).append('\n');
        }
        out.append("namespace: ").append(policy.namespace()).append('\n');
        out.append("tier: ").append(policy.tier()).append('\n');
        out.append("order: ").append(policy.order()).append('\n');
        out.append("selector: \"").append(policy.selector()).append("\"\n");
        out.append("types: ").append(policy.types().stream().map(PolicyType::calicoName).toList()).append('\n');
        out.append("doNotTrack/preDNAT/applyOnForward: ").append(policy.doNotTrack()).append('/')
                .append(policy.preDNAT()).append('/').append(policy.applyOnForward()).append('\n');
        out.append("namespaceSelector: ").append(policy.namespaceSelector()).append('\n');
        out.append("serviceAccountSelector: ").append(policy.serviceAccountSelector()).append('\n');
        rules(out, "ingress", policy.ingress());
        rules(out, "egress", policy.egress());
    }

    private static void labels(StringBuilder out, String title, Map<String, String> labels) {
        out.append(title).append(":\n");
        labels.forEach((key, value) -> out.append("  ").append(key).append(": ").append(value).append('\n'));
    }

    private static void rules(StringBuilder out, String title, List<Rule> rules) {
        out.append(title).append(":").append(rules.isEmpty() ? " []" : "").append('\n');
        for (Rule rule : rules) {
            out.append("  - action: ").append(rule.action()).append(", protocol: ").append(rule.protocol()).append('\n');
            out.append("    source: ").append(entity(rule.source())).append('\n');
            out.append("    destination: ").append(entity(rule.destination())).append('\n');
        }
    }

    private static String entity(EntityMatch match) {
        StringBuilder out = new StringBuilder();
        field(out, "selector", match.selector() == null ? null : "\"" + match.selector() + "\"");
        field(out, "notSelector", match.notSelector() == null ? null : "\"" + match.notSelector() + "\"");
        field(out, "namespaceSelector", match.namespaceSelector() == null ? null : "\"" + match.namespaceSelector() + "\"");
        field(out, "serviceAccounts", match.serviceAccounts() == null ? null : match.serviceAccounts().toString());
        field(out, "nets", list(match.nets()));
        field(out, "notNets", list(match.notNets()));
        field(out, "ports", list(match.ports()));
        field(out, "notPorts", list(match.notPorts()));
        return "{" + out + "}";
    }

    private static String list(List<String> values) {
        return values.isEmpty() ? null : values.stream().collect(Collectors.joining(", ", "[", "]"));
    }

    private static void field(StringBuilder out, String name, String value) {
        if (value != null) {
            out.append(out.length() == 0 ? "" : ", ").append(name).append(": ").append(value);
        }
    }
}
