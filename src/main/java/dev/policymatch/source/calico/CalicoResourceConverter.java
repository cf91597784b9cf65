package dev.policymatch.source.calico;

import static dev.policymatch.model.CalicoVocabulary.DEFAULT_NAMESPACE;
import static dev.policymatch.model.CalicoVocabulary.DEFAULT_TIER_POLICY_PREFIX;

import com.fasterxml.jackson.databind.JsonNode;
import dev.policymatch.model.CalicoObject;
import dev.policymatch.model.DefaultAction;
import dev.policymatch.model.EndpointPort;
import dev.policymatch.model.EntityMatch;
import dev.policymatch.model.HostEndpoint;
import dev.policymatch.model.PodWorkload;
import dev.policymatch.model.Policy;
import dev.policymatch.model.PolicyType;
import dev.policymatch.model.Profile;
import dev.policymatch.model.Rule;
import dev.policymatch.model.ServiceAccountMatch;
import dev.policymatch.model.Tier;
import dev.policymatch.model.WorkloadEndpoint;
import dev.policymatch.source.document.CalicoResource;
import dev.policymatch.source.document.Conversion;
import dev.policymatch.source.document.Dialect;
import dev.policymatch.source.document.Fields;
import dev.policymatch.source.document.ResourceFormatException;
import dev.policymatch.source.document.ResourceKind;
import dev.policymatch.text.Quoted;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

/**
 * Turns one parsed Calico resource (a manifest document or an object fetched from the Kubernetes
 * API as JSON) into a model object. All three dialects give the same model; field types are checked
 * here, so a wrong type becomes a {@link ResourceFormatException} naming the field, while value rules
 * (patterns, ranges, cross-field rules) are left to {@code dev.policymatch.validation}.
 *
 * <p>Stateless and thread-safe.
 */
public final class CalicoResourceConverter {

    /**
     * calicoctl v1's kind names and aliases (case-insensitive), from its resource manager:
     * {@code hostEndpoint}/{@code hostendpoints}/{@code hep}/{@code heps} and so on.
     */
    private static final Map<String, ResourceKind> V1_KINDS = Map.ofEntries(
            Map.entry("hostendpoint", ResourceKind.HOST_ENDPOINT),
            Map.entry("hostendpoints", ResourceKind.HOST_ENDPOINT),
            Map.entry("hep", ResourceKind.HOST_ENDPOINT),
            Map.entry("heps", ResourceKind.HOST_ENDPOINT),
            Map.entry("workloadendpoint", ResourceKind.WORKLOAD_ENDPOINT),
            Map.entry("workloadendpoints", ResourceKind.WORKLOAD_ENDPOINT),
            Map.entry("wep", ResourceKind.WORKLOAD_ENDPOINT),
            Map.entry("weps", ResourceKind.WORKLOAD_ENDPOINT),
            Map.entry("policy", ResourceKind.GLOBAL_NETWORK_POLICY),
            Map.entry("policies", ResourceKind.GLOBAL_NETWORK_POLICY),
            Map.entry("pol", ResourceKind.GLOBAL_NETWORK_POLICY),
            Map.entry("pols", ResourceKind.GLOBAL_NETWORK_POLICY),
            Map.entry("profile", ResourceKind.PROFILE),
            Map.entry("profiles", ResourceKind.PROFILE),
            Map.entry("pro", ResourceKind.PROFILE),
            Map.entry("pros", ResourceKind.PROFILE));

    /**
     * Converts one resource. A document that is not a Calico resource PolicyMatch reads (another apiVersion,
     * another kind) is {@link Conversion.NotCalico}; so is an empty document (YAML {@code ---} with nothing
     * after it).
     */
    public Conversion convert(JsonNode document) throws ResourceFormatException {
        if (document == null || document.isNull() || document.isMissingNode()) {
            return new Conversion.NotCalico("an empty document");
        }
        if (!document.isObject()) {
            throw new ResourceFormatException(null, "(document)",
                    "expected a mapping with apiVersion, kind, metadata and spec, got " + Fields.describe(document));
        }
        Fields top = new Fields(null);
        String apiVersion = top.text(document, "apiVersion", "apiVersion");
        String kindText = top.text(document, "kind", "kind");
        Dialect dialect = Dialect.fromApiVersion(apiVersion);
        ResourceKind kind = dialect == null || kindText == null ? null : kindOf(dialect, kindText);
        if (kind == null) {
            return new Conversion.NotCalico(Fields.describeKind(document));
        }
        JsonNode metadata = top.object(document, "metadata", "metadata");
        String rawName = top.text(metadata, "name", "metadata.name");
        String namespace = kind.namespaced() ? namespaceOf(dialect, top, metadata) : null;
        String displayName = namespace == null ? String.valueOf(rawName) : namespace + "/" + rawName;
        if (rawName == null || rawName.isEmpty()) {
            throw new ResourceFormatException(kind.kindName() + " (no name)", "metadata.name", "must be set");
        }
        Fields fields = new Fields(kind.describe(displayName));
        JsonNode spec = fields.object(document, "spec", "spec");
        CalicoObject model = switch (kind.family()) {
            case HOST_ENDPOINT -> hostEndpoint(dialect, fields, rawName, metadata, spec);
            case WORKLOAD_ENDPOINT -> workloadEndpoint(dialect, fields, rawName, namespace, metadata, spec);
            case POLICY -> policy(dialect, fields, rawName, namespace, spec);
            case PROFILE -> profile(dialect, fields, rawName, metadata, spec);
            case TIER -> new Tier(rawName, fields.number(spec, "order", "spec.order"),
                    DefaultAction.of(fields.text(spec, "defaultAction", "spec.defaultAction")));
        };
        // Messages name the resource as the file does (default.<name> for a CRD default-tier policy).
        return new Conversion.Converted(new CalicoResource(kind, displayName, dialect, model));
    }

    private static ResourceKind kindOf(Dialect dialect, String kind) {
        if (dialect == Dialect.CALICOCTL_V1) {
            return V1_KINDS.get(kind.toLowerCase(Locale.ROOT));
        }
        for (ResourceKind candidate : ResourceKind.values()) {
            if (candidate.origin() == ResourceKind.Origin.CALICO && candidate.kindName().equalsIgnoreCase(kind)) {
                return candidate;
            }
        }
        return null;
    }

    private static String namespaceOf(Dialect dialect, Fields fields, JsonNode metadata) throws ResourceFormatException {
        if (dialect == Dialect.CALICOCTL_V1) {
            return null; // v1 had no namespaces: workloads were named by orchestrator and workload id
        }
        String namespace = fields.text(metadata, "namespace", "metadata.namespace");
        return namespace == null || namespace.isEmpty() ? DEFAULT_NAMESPACE : namespace;
    }

    private static HostEndpoint hostEndpoint(Dialect dialect, Fields f, String name, JsonNode metadata, JsonNode spec)
            throws ResourceFormatException {
        String node = dialect == Dialect.CALICOCTL_V1
                ? f.text(metadata, "node", "metadata.node")
                : f.text(spec, "node", "spec.node");
        List<EndpointPort> ports = new ArrayList<>();
        List<JsonNode> portNodes = f.objects(spec, "ports", "spec.ports");
        for (int i = 0; i < portNodes.size(); i++) {
            JsonNode port = portNodes.get(i);
            String path = "spec.ports[" + i + "]";
            ports.add(new EndpointPort(
                    f.text(port, "name", path + ".name"),
                    f.scalarText(port.path("protocol"), path + ".protocol"),
                    f.integer(port, "port", path + ".port")));
        }
        return new HostEndpoint(name, node,
                f.stringMap(metadata, "labels", "metadata.labels"),
                f.text(spec, "interfaceName", "spec.interfaceName"),
                f.texts(spec, "expectedIPs", "spec.expectedIPs"),
                f.texts(spec, "profiles", "spec.profiles"),
                ports);
    }

    private static WorkloadEndpoint workloadEndpoint(
            Dialect dialect, Fields f, String name, String namespace, JsonNode metadata, JsonNode spec)
            throws ResourceFormatException {
        SortedMap<String, String> labels = f.stringMap(metadata, "labels", "metadata.labels");
        List<String> ipNetworks = f.texts(spec, "ipNetworks", "spec.ipNetworks");
        List<String> profiles = f.texts(spec, "profiles", "spec.profiles");
        String interfaceName = f.text(spec, "interfaceName", "spec.interfaceName");
        if (dialect == Dialect.CALICOCTL_V1) {
            // v1 kept the endpoint's identity in metadata; metadata.name is the endpoint id.
            return new WorkloadEndpoint(
                    f.text(metadata, "node", "metadata.node"),
                    f.text(metadata, "orchestrator", "metadata.orchestrator"),
                    f.text(metadata, "workload", "metadata.workload"),
                    name, null, labels, profiles, interfaceName, ipNetworks);
        }
        // v3: a Kubernetes endpoint names its pod in spec.pod and leaves spec.workload empty; Calico's
        // workload id for it is <namespace>.<pod> (what calicoq prints).
        String pod = f.text(spec, "pod", "spec.pod");
        String workload = f.text(spec, "workload", "spec.workload");
        if (pod != null && !pod.isEmpty()) {
            workload = new PodWorkload(namespace, pod).workloadId();
        }
        return new WorkloadEndpoint(
                f.text(spec, "node", "spec.node"),
                f.text(spec, "orchestrator", "spec.orchestrator"),
                workload,
                f.text(spec, "endpoint", "spec.endpoint"),
                namespace, labels, profiles, interfaceName, ipNetworks);
    }

    private static Policy policy(Dialect dialect, Fields f, String name, String namespace, JsonNode spec)
            throws ResourceFormatException {
        String tier = dialect == Dialect.CALICOCTL_V1 ? null : f.text(spec, "tier", "spec.tier");
        if (dialect != Dialect.CALICOCTL_V1 && (tier == null || tier.isEmpty() || tier.equals(Tier.DEFAULT))
                && name.startsWith(DEFAULT_TIER_POLICY_PREFIX)) {
            // The Kubernetes datastore stores default-tier policies as "default.<name>", and the v3
            // API accepts that form too; Calico shows both as <name> (libcalico-go's
            // ClientTieredPolicyName), so both are the same policy here.
            name = name.substring(DEFAULT_TIER_POLICY_PREFIX.length());
        }
        boolean global = namespace == null;
        return new Policy(name, namespace, tier,
                f.number(spec, "order", "spec.order"),
                f.text(spec, "selector", "spec.selector"),
                types(f, spec),
                rules(dialect, f, spec, "ingress"),
                rules(dialect, f, spec, "egress"),
                global && f.bool(spec, "doNotTrack", "spec.doNotTrack"),
                global && f.bool(spec, "preDNAT", "spec.preDNAT"),
                global && f.bool(spec, "applyOnForward", "spec.applyOnForward"),
                global ? f.text(spec, "namespaceSelector", "spec.namespaceSelector") : null,
                f.text(spec, "serviceAccountSelector", "spec.serviceAccountSelector"));
    }

    private static Set<PolicyType> types(Fields f, JsonNode spec) throws ResourceFormatException {
        List<String> names = f.texts(spec, "types", "spec.types");
        Set<PolicyType> types = EnumSet.noneOf(PolicyType.class);
        for (int i = 0; i < names.size(); i++) {
            PolicyType type = PolicyType.fromCalicoName(names.get(i));
            if (type == null) {
                throw f.problem("spec.types[" + i + "]", "expected Ingress or Egress, got " + Quoted.of(names.get(i)));
            }
            types.add(type);
        }
        return types;
    }

    private static Profile profile(Dialect dialect, Fields f, String name, JsonNode metadata, JsonNode spec)
            throws ResourceFormatException {
        // In v1 a profile's own metadata.labels were the labels it applied to its endpoints.
        SortedMap<String, String> labelsToApply = dialect == Dialect.CALICOCTL_V1
                ? f.stringMap(metadata, "labels", "metadata.labels")
                : f.stringMap(spec, "labelsToApply", "spec.labelsToApply");
        return new Profile(name, labelsToApply, rules(dialect, f, spec, "ingress"), rules(dialect, f, spec, "egress"));
    }

    private static List<Rule> rules(Dialect dialect, Fields f, JsonNode spec, String direction)
            throws ResourceFormatException {
        List<JsonNode> nodes = f.objects(spec, direction, "spec." + direction);
        List<Rule> rules = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            JsonNode rule = nodes.get(i);
            String path = "spec." + direction + "[" + i + "]";
            rules.add(new Rule(
                    f.text(rule, "action", path + ".action"),
                    f.scalarText(rule.path("protocol"), path + ".protocol"),
                    entity(dialect, f, f.object(rule, "source", path + ".source"), path + ".source"),
                    entity(dialect, f, f.object(rule, "destination", path + ".destination"), path + ".destination")));
        }
        return rules;
    }

    private static EntityMatch entity(Dialect dialect, Fields f, JsonNode entity, String path)
            throws ResourceFormatException {
        if (entity.isMissingNode() || entity.isEmpty()) {
            return EntityMatch.ANY;
        }
        List<String> nets = new ArrayList<>(f.texts(entity, "nets", path + ".nets"));
        List<String> notNets = new ArrayList<>(f.texts(entity, "notNets", path + ".notNets"));
        if (dialect == Dialect.CALICOCTL_V1) {
            // v1 also had the singular forms net/notNet.
            String net = f.text(entity, "net", path + ".net");
            String notNet = f.text(entity, "notNet", path + ".notNet");
            if (net != null) {
                nets.add(0, net);
            }
            if (notNet != null) {
                notNets.add(0, notNet);
            }
        }
        ServiceAccountMatch serviceAccounts = null;
        JsonNode accounts = f.object(entity, "serviceAccounts", path + ".serviceAccounts");
        if (!accounts.isMissingNode()) {
            serviceAccounts = new ServiceAccountMatch(
                    f.texts(accounts, "names", path + ".serviceAccounts.names"),
                    f.text(accounts, "selector", path + ".serviceAccounts.selector"));
        }
        return new EntityMatch(
                f.text(entity, "selector", path + ".selector"),
                f.text(entity, "notSelector", path + ".notSelector"),
                f.text(entity, "namespaceSelector", path + ".namespaceSelector"),
                serviceAccounts, nets, notNets,
                f.scalarTexts(entity, "ports", path + ".ports"),
                f.scalarTexts(entity, "notPorts", path + ".notPorts"));
    }
}
