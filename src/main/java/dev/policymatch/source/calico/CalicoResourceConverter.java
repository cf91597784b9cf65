package dev.policymatch.source.calico;

import static dev.policymatch.model.CalicoVocabulary.DEFAULT_NAMESPACE;
import static dev.policymatch.model.CalicoVocabulary.METADATA_ANNOTATION;

import com.fasterxml.jackson.databind.JsonNode;
import dev.policymatch.model.CalicoObject;
import dev.policymatch.model.DefaultAction;
import dev.policymatch.model.EndpointPort;
import dev.policymatch.model.EntityMatch;
import dev.policymatch.model.HostEndpoint;
import dev.policymatch.model.HttpMatch;
import dev.policymatch.model.IcmpMatch;
import dev.policymatch.model.IpNat;
import dev.policymatch.model.PodWorkload;
import dev.policymatch.model.Policy;
import dev.policymatch.model.PolicyKind;
import dev.policymatch.model.PolicyType;
import dev.policymatch.model.Profile;
import dev.policymatch.model.Rule;
import dev.policymatch.model.ServiceAccountMatch;
import dev.policymatch.model.ServiceMatch;
import dev.policymatch.model.StagedAction;
import dev.policymatch.model.Tier;
import dev.policymatch.model.WorkloadEndpoint;
import dev.policymatch.model.WorkloadEndpointPort;
import dev.policymatch.source.document.CalicoResource;
import dev.policymatch.source.document.Conversion;
import dev.policymatch.source.document.ConverterInput;
import dev.policymatch.source.document.Dialect;
import dev.policymatch.source.document.Fields;
import dev.policymatch.source.document.ResourceFormatException;
import dev.policymatch.source.document.ResourceKind;
import dev.policymatch.source.document.StagedActions;
import dev.policymatch.text.Quoted;
import java.util.ArrayList;
import java.util.EnumMap;
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
     * What {@link #convert} reads of an object that a cluster serves in {@code crd.projectcalico.org/v1} or
     * {@code projectcalico.org/v3}, whatever its kind: its name and namespace, labels, Calico's stored-form
     * annotation ({@link StoredMetadata}) and spec. An object cut to it converts the same, or fails with the same
     * message. (calicoctl v1 documents, which no cluster serves, also have metadata of their own.)
     */
    public static final ConverterInput CLUSTER_OBJECT_INPUT = ConverterInput.IDENTITY.with("metadata", "labels")
            .with("metadata", "annotations", METADATA_ANNOTATION).with("spec");

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
        PolicyKind policyKind = policyKind(kind);
        // A staged deletion is read (validate checks it as Calico's validator does); the index leaves it out.
        StagedAction stagedAction = policyKind != null && policyKind.staged() ? StagedActions.read(fields, spec) : null;
        // Only Calico's Kubernetes datastore stores objects in this form; elsewhere the annotation is just one.
        StoredMetadata stored = dialect == Dialect.CRD_V1
                ? StoredMetadata.decode(fields, metadata) : StoredMetadata.plain(fields, metadata);
        CalicoObject model = switch (kind.family()) {
            case HOST_ENDPOINT -> hostEndpoint(dialect, fields, rawName, stored, metadata, spec);
            case WORKLOAD_ENDPOINT -> workloadEndpoint(dialect, fields, rawName, namespace, stored, metadata, spec);
            case POLICY -> policy(dialect, fields, rawName, stored, namespace, spec, policyKind, stagedAction);
            case PROFILE -> profile(dialect, fields, rawName, stored, spec);
            case TIER -> new Tier(rawName, fields.number(spec, "order", "spec.order"),
                    DefaultAction.of(fields.text(spec, "defaultAction", "spec.defaultAction")));
        };
        // Messages name the resource as stored (default.<name> for a CRD default-tier policy), the model as Calico.
        return new Conversion.Converted(new CalicoResource(kind, displayName, dialect, model));
    }

    private static ResourceKind kindOf(Dialect dialect, String kind) {
        if (dialect == Dialect.CALICOCTL_V1) {
            return V1_KINDS.get(kind.toLowerCase(Locale.ROOT));
        }
        for (ResourceKind candidate : ResourceKind.values()) {
            if (candidate.origin() == ResourceKind.Origin.CALICO && !candidate.kubernetesShaped()
                    && candidate.kindName().equalsIgnoreCase(kind)) {
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

    private static HostEndpoint hostEndpoint(Dialect dialect, Fields f, String name, StoredMetadata stored,
            JsonNode metadata, JsonNode spec) throws ResourceFormatException {
        String node = dialect == Dialect.CALICOCTL_V1
                ? f.text(metadata, "node", "metadata.node")
                : f.text(spec, "node", "spec.node");
        List<EndpointPort> ports = ports(dialect, f, spec, (port, path, protocol) -> new EndpointPort(
                f.text(port, "name", path + ".name"), protocol, f.integer(port, "port", path + ".port")));
        return new HostEndpoint(name, node, stored.labels(),
                f.text(spec, "interfaceName", "spec.interfaceName"),
                f.texts(spec, "expectedIPs", "spec.expectedIPs"),
                f.texts(spec, "profiles", "spec.profiles"),
                ports);
    }

    private static WorkloadEndpoint workloadEndpoint(
            Dialect dialect, Fields f, String name, String namespace, StoredMetadata stored, JsonNode metadata,
            JsonNode spec) throws ResourceFormatException {
        SortedMap<String, String> labels = stored.labels();
        List<String> ipNetworks = f.texts(spec, "ipNetworks", "spec.ipNetworks");
        List<String> profiles = f.texts(spec, "profiles", "spec.profiles");
        String interfaceName = f.text(spec, "interfaceName", "spec.interfaceName");
        if (dialect == Dialect.CALICOCTL_V1) {
            // v1 kept the endpoint's identity in metadata; metadata.name is the endpoint id.
            return new WorkloadEndpoint(
                    f.text(metadata, "node", "metadata.node"),
                    f.text(metadata, "orchestrator", "metadata.orchestrator"),
                    f.text(metadata, "workload", "metadata.workload"),
                    name, null, labels, profiles, interfaceName, ipNetworks,
                    null, workloadPorts(dialect, f, spec), ipNats(f, spec), List.of());
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
                namespace, labels, profiles, interfaceName, ipNetworks,
                f.text(spec, "containerID", "spec.containerID"),
                workloadPorts(dialect, f, spec),
                ipNats(f, spec),
                f.texts(spec, "allowSpoofedSourcePrefixes", "spec.allowSpoofedSourcePrefixes"));
    }

    /** A workload endpoint's {@code ports} (libcalico-go {@code internalapi/workloadendpoint.go}; v1 had no host ports). */
    private static List<WorkloadEndpointPort> workloadPorts(Dialect dialect, Fields f, JsonNode spec)
            throws ResourceFormatException {
        return ports(dialect, f, spec, (port, path, protocol) -> new WorkloadEndpointPort(
                f.text(port, "name", path + ".name"), protocol,
                f.integer(port, "port", path + ".port"),
                f.integer(port, "hostPort", path + ".hostPort"),
                f.text(port, "hostIP", path + ".hostIP")));
    }

    /** One entry of an endpoint's {@code spec.ports}, its protocol already in v3's words. */
    private interface PortReader<T> {
        T read(JsonNode port, String path, String protocol) throws ResourceFormatException;
    }

    /** An endpoint's {@code spec.ports}, each read by {@code reader}; calicoctl v1's protocol words translated. */
    private static <T> List<T> ports(Dialect dialect, Fields f, JsonNode spec, PortReader<T> reader)
            throws ResourceFormatException {
        List<JsonNode> nodes = f.objects(spec, "ports", "spec.ports");
        List<T> ports = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            JsonNode port = nodes.get(i);
            String path = "spec.ports[" + i + "]";
            String protocol = f.scalarText(port.path("protocol"), path + ".protocol");
            ports.add(reader.read(port, path,
                    dialect == Dialect.CALICOCTL_V1 ? CalicoctlV1Words.protocol(protocol) : protocol));
        }
        return ports;
    }

    /** {@code ipNATs}, named alike in calicoctl v1 and v3. */
    private static List<IpNat> ipNats(Fields f, JsonNode spec) throws ResourceFormatException {
        List<JsonNode> nodes = f.objects(spec, "ipNATs", "spec.ipNATs");
        List<IpNat> nats = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            String path = "spec.ipNATs[" + i + "]";
            nats.add(new IpNat(f.text(nodes.get(i), "internalIP", path + ".internalIP"),
                    f.text(nodes.get(i), "externalIP", path + ".externalIP")));
        }
        return nats;
    }

    /**
     * The policy kind of one of Calico's policy kinds, null for the others. A staged GlobalNetworkPolicy or
     * NetworkPolicy is the enforced kind's spec and a {@code stagedAction}, converted alike
     * ({@code libcalico-go/lib/backend/syncersv1/updateprocessors/staged*processor.go}).
     */
    private static PolicyKind policyKind(ResourceKind kind) {
        return switch (kind) {
            case GLOBAL_NETWORK_POLICY -> PolicyKind.GLOBAL_NETWORK_POLICY;
            case NETWORK_POLICY -> PolicyKind.NETWORK_POLICY;
            case STAGED_GLOBAL_NETWORK_POLICY -> PolicyKind.STAGED_GLOBAL_NETWORK_POLICY;
            case STAGED_NETWORK_POLICY -> PolicyKind.STAGED_NETWORK_POLICY;
            default -> null;
        };
    }

    private static Policy policy(Dialect dialect, Fields f, String storedName, StoredMetadata stored,
            String namespace, JsonNode spec, PolicyKind kind, StagedAction stagedAction) throws ResourceFormatException {
        String tier = dialect == Dialect.CALICOCTL_V1 ? null : f.text(spec, "tier", "spec.tier");
        // The v3 API of Calico 3.29-3.31 accepted "default.<name>" for <name> too (libcalico-go's
        // ClientTieredPolicyName), so a v3 document is named as a stored one without annotation. Staged
        // policies are stored alike.
        String name = dialect == Dialect.CALICOCTL_V1 ? storedName : stored.policyName(storedName, tier);
        boolean global = namespace == null;
        return new Policy(name, namespace, tier,
                f.number(spec, "order", "spec.order"),
                f.text(spec, "selector", "spec.selector"),
                types(dialect, f, spec),
                rules(dialect, f, spec, "ingress"),
                rules(dialect, f, spec, "egress"),
                global && f.bool(spec, "doNotTrack", "spec.doNotTrack"),
                global && f.bool(spec, "preDNAT", "spec.preDNAT"),
                global && f.bool(spec, "applyOnForward", "spec.applyOnForward"),
                global ? f.text(spec, "namespaceSelector", "spec.namespaceSelector") : null,
                f.text(spec, "serviceAccountSelector", "spec.serviceAccountSelector"),
                kind, stagedAction,
                dialect == Dialect.CALICOCTL_V1 ? null : f.texts(spec, "performanceHints", "spec.performanceHints"));
    }

    /**
     * The v3 API takes {@code Ingress} and {@code Egress} exactly and each at most once (libcalico-go
     * {@code validator.go}: the {@code policyType} tag and "type specified more than once"); calicoctl v1 took
     * any case. A repeat is refused here because the model keeps the types as a set.
     */
    private static Set<PolicyType> types(Dialect dialect, Fields f, JsonNode spec) throws ResourceFormatException {
        List<String> names = f.texts(spec, "types", "spec.types");
        Map<PolicyType, Integer> types = new EnumMap<>(PolicyType.class);
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            PolicyType type = PolicyType.fromCalicoName(name);
            if (type == null || dialect != Dialect.CALICOCTL_V1 && !type.calicoName().equals(name)) {
                throw f.problem("spec.types[" + i + "]", "expected Ingress or Egress, got " + Quoted.of(name));
            }
            Integer first = types.putIfAbsent(type, i);
            if (first != null) {
                throw f.problem("spec.types[" + i + "]", Quoted.of(name) + " is a duplicate of spec.types[" + first + "]");
            }
        }
        return types.isEmpty() ? EnumSet.noneOf(PolicyType.class) : EnumSet.copyOf(types.keySet());
    }

    private static Profile profile(Dialect dialect, Fields f, String name, StoredMetadata stored, JsonNode spec)
            throws ResourceFormatException {
        // In v1 a profile's own metadata.labels were the labels it applied to its endpoints.
        SortedMap<String, String> labelsToApply = dialect == Dialect.CALICOCTL_V1
                ? stored.labels()
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
            String action = f.text(rule, "action", path + ".action");
            String protocol = f.scalarText(rule.path("protocol"), path + ".protocol");
            boolean v1 = dialect == Dialect.CALICOCTL_V1;
            rules.add(new Rule(
                    v1 ? CalicoctlV1Words.action(action) : action,
                    v1 ? CalicoctlV1Words.protocol(protocol) : protocol,
                    entity(dialect, f, f.object(rule, "source", path + ".source"), path + ".source"),
                    entity(dialect, f, f.object(rule, "destination", path + ".destination"), path + ".destination"),
                    f.integer(rule, "ipVersion", path + ".ipVersion"),
                    icmp(f, rule, "icmp", path),
                    icmp(f, rule, "notICMP", path),
                    http(f, rule, path),
                    f.stringMap(f.object(rule, "metadata", path + ".metadata"), "annotations",
                            path + ".metadata.annotations")));
        }
        return rules;
    }

    private static ServiceMatch services(Fields f, JsonNode entity, String entityPath)
            throws ResourceFormatException {
        String path = entityPath + ".services";
        JsonNode services = f.object(entity, "services", path);
        return services.isMissingNode() ? null : new ServiceMatch(
                f.text(services, "name", path + ".name"), f.text(services, "namespace", path + ".namespace"));
    }

    private static HttpMatch http(Fields f, JsonNode rule, String rulePath) throws ResourceFormatException {
        String path = rulePath + ".http";
        JsonNode http = f.object(rule, "http", path);
        if (http.isMissingNode()) {
            return null;
        }
        List<HttpMatch.Path> paths = new ArrayList<>();
        List<JsonNode> pathNodes = f.objects(http, "paths", path + ".paths");
        for (int i = 0; i < pathNodes.size(); i++) {
            String entry = path + ".paths[" + i + "]";
            paths.add(new HttpMatch.Path(f.text(pathNodes.get(i), "exact", entry + ".exact"),
                    f.text(pathNodes.get(i), "prefix", entry + ".prefix")));
        }
        return new HttpMatch(f.texts(http, "methods", path + ".methods"), paths);
    }

    private static IcmpMatch icmp(Fields f, JsonNode rule, String key, String rulePath)
            throws ResourceFormatException {
        String path = rulePath + "." + key;
        JsonNode icmp = f.object(rule, key, path);
        return icmp.isMissingNode() ? null
                : new IcmpMatch(f.integer(icmp, "type", path + ".type"), f.integer(icmp, "code", path + ".code"));
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
                f.scalarTexts(entity, "notPorts", path + ".notPorts"),
                services(f, entity, path));
    }
}
