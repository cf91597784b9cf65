package dev.policymatch.source.kubernetes;

import static dev.policymatch.model.CalicoVocabulary.ANNOTATION_AWS_POD_IPS;
import static dev.policymatch.model.CalicoVocabulary.ANNOTATION_POD_IP;
import static dev.policymatch.model.CalicoVocabulary.ANNOTATION_POD_IPS;
import static dev.policymatch.model.CalicoVocabulary.DEFAULT_NAMESPACE;
import static dev.policymatch.model.CalicoVocabulary.LABEL_NAMESPACE;
import static dev.policymatch.model.CalicoVocabulary.LABEL_ORCHESTRATOR;
import static dev.policymatch.model.CalicoVocabulary.LABEL_SERVICE_ACCOUNT;
import static dev.policymatch.model.CalicoVocabulary.NAMESPACE_LABEL_PREFIX;
import static dev.policymatch.model.CalicoVocabulary.NAMESPACE_PROFILE_PREFIX;
import static dev.policymatch.model.CalicoVocabulary.NAME_LABEL;
import static dev.policymatch.model.CalicoVocabulary.ORCHESTRATOR_KUBERNETES;
import static dev.policymatch.model.CalicoVocabulary.POD_ENDPOINT;
import static dev.policymatch.model.CalicoVocabulary.SERVICE_ACCOUNT_LABEL_PREFIX;
import static dev.policymatch.model.CalicoVocabulary.SERVICE_ACCOUNT_PROFILE_PREFIX;

import com.fasterxml.jackson.databind.JsonNode;
import dev.policymatch.model.CalicoObject;
import dev.policymatch.model.EntityMatch;
import dev.policymatch.model.Policy;
import dev.policymatch.model.PodWorkload;
import dev.policymatch.model.PolicyKind;
import dev.policymatch.model.PolicyType;
import dev.policymatch.model.Profile;
import dev.policymatch.model.Rule;
import dev.policymatch.model.StagedAction;
import dev.policymatch.model.Tier;
import dev.policymatch.model.WorkloadEndpoint;
import dev.policymatch.net.IpNetworks;
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
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns Kubernetes objects into the Calico resources that Calico's Kubernetes datastore derives
 * from them (libcalico-go {@code lib/backend/k8s/conversion}): a Pod into a WorkloadEndpoint, a
 * Namespace into the Profile {@code kns.<name>}, a ServiceAccount into the Profile
 * {@code ksa.<namespace>.<name>}, a {@code networking.k8s.io/v1} NetworkPolicy into a policy of kind
 * KubernetesNetworkPolicy (Felix named it {@code knp.default.<name>} up to Calico 3.31). Objects come as Jackson trees: a manifest document, or
 * an object fetched from the API server (for Fabric8, {@code Serialization.jsonMapper().valueToTree(pod)}).
 * {@code docs/kubernetes.md} lists the Calico behaviour reproduced here, with its source.
 *
 * <p>A field of the wrong type, or a value the API server would refuse and Calico cannot convert (a
 * malformed pod IP or ipBlock CIDR, an unknown selector operator, a bad port), is a
 * {@link ResourceFormatException} naming the object and the field.
 *
 * <p>Stateless and thread-safe.
 */
public final class KubernetesResourceConverter {
    /** Calico puts every Kubernetes NetworkPolicy at order 1000. */
    static final double POLICY_ORDER = 1000.0;
    /** The ServiceAccount admission plugin gives a pod without one the account {@code default}. */
    static final String DEFAULT_SERVICE_ACCOUNT = "default";
    static final String ALLOW = "Allow";
    /** NetworkPolicyPort's documented default protocol, which Calico writes out explicitly. */
    static final String DEFAULT_PROTOCOL = "TCP";

    /** Every field of a Pod that {@link #convert} reads. */
    private static final ConverterInput POD_INPUT = ConverterInput.IDENTITY
            .with("metadata", "labels").with("metadata", "deletionTimestamp")
            .with("metadata", "annotations", ANNOTATION_POD_IP).with("metadata", "annotations", ANNOTATION_POD_IPS)
            .with("metadata", "annotations", ANNOTATION_AWS_POD_IPS)
            .with("spec", "hostNetwork").with("spec", "nodeName").with("spec", "serviceAccountName")
            .with("spec", "serviceAccount")
            .with("status", "phase").with("status", "podIP").with("status", "podIPs");
    /** A Namespace's or ServiceAccount's profile is made of its name and labels. */
    private static final ConverterInput PROFILE_INPUT = ConverterInput.IDENTITY.with("metadata", "labels");
    /** A policy is made of its name and spec (not its labels). */
    private static final ConverterInput POLICY_INPUT = ConverterInput.IDENTITY.with("spec");
    /** Pod phases in which the pod no longer owns its IPs (conversion.go {@code IsFinished}). */
    private static final Set<String> FINISHED_PHASES = Set.of("Failed", "Succeeded", "Completed");
    /** Calico adds the service-account label only below this length, for backwards compatibility. */
    private static final int MAX_SERVICE_ACCOUNT_LABEL_LENGTH = 63;
    private static final Pattern PORT_NUMBER = Pattern.compile("[0-9]+");
    private static final Pattern PORT_RANGE = Pattern.compile("([0-9]+):([0-9]+)");

    /**
     * Converts an object of one of the Kubernetes {@link ResourceKind}s (its apiVersion and kind are not read
     * again). A pod gives a workload endpoint, or is {@code Skipped} when Calico makes none: a host-networked
     * pod (it has the host's interfaces, not one of its own), or a pod not scheduled to a node yet
     * (conversion.go {@code IsValidCalicoWorkloadEndpoint}). A scheduled pod without an IP yet is an endpoint
     * with no {@code ipNetworks}, as Calico lists it.
     *
     * @throws IllegalArgumentException when the kind is one of Calico's own
     */
    public Conversion convert(ResourceKind kind, JsonNode object) throws ResourceFormatException {
        if (!kind.kubernetesShaped()) {
            throw new IllegalArgumentException(kind + " is not a Kubernetes kind");
        }
        Identity id = identity(kind, object);
        if (kind == ResourceKind.POD) {
            Optional<String> skipped = reasonForNoEndpoint(id.fields, object);
            if (skipped.isPresent()) {
                return new Conversion.Skipped(skipped.get());
            }
        }
        StagedAction stagedAction = null;
        if (kind == ResourceKind.STAGED_KUBERNETES_NETWORK_POLICY) {
            stagedAction = StagedActions.read(id.fields, id.fields.object(object, "spec", "spec"));
            if (stagedAction == StagedAction.DELETE) {
                return new Conversion.Skipped(StagedActions.DELETE_REASON);
            }
        }
        List<String> warnings = new ArrayList<>();
        CalicoObject model = switch (kind) {
            case POD -> workloadEndpoint(id, object);
            case NAMESPACE -> namespaceProfile(id, object);
            case SERVICE_ACCOUNT -> serviceAccountProfile(id, object);
            case KUBERNETES_NETWORK_POLICY -> networkPolicy(id, object, PolicyKind.KUBERNETES_NETWORK_POLICY, null);
            case STAGED_KUBERNETES_NETWORK_POLICY ->
                    networkPolicy(id, object, PolicyKind.STAGED_KUBERNETES_NETWORK_POLICY, stagedAction);
            case CLUSTER_NETWORK_POLICY, ADMIN_NETWORK_POLICY, BASELINE_ADMIN_NETWORK_POLICY ->
                    new ClusterPolicyConverter(ClusterPolicyDialect.of(kind), id.name, id.fields, warnings)
                            .convert(object);
            case TIER, PROFILE, HOST_ENDPOINT, GLOBAL_NETWORK_POLICY, NETWORK_POLICY, STAGED_GLOBAL_NETWORK_POLICY,
                    STAGED_NETWORK_POLICY, WORKLOAD_ENDPOINT -> throw new IllegalStateException(kind + " was refused above");
        };
        Dialect dialect = kind.origin() == ResourceKind.Origin.KUBERNETES ? Dialect.KUBERNETES
                : Dialect.fromApiVersion(object.path("apiVersion").asText(ResourceKind.CALICO_API_VERSION));
        return new Conversion.Converted(
                new CalicoResource(kind.calicoKind(), calicoName(kind, id, model), dialect, model), warnings);
    }

    /**
     * What {@link #convert} reads of an object of {@code kind}: an object cut to it converts the same, or fails
     * with the same message. For a pod, no containers, environment values, volumes or annotations other than
     * the pod-IP ones.
     *
     * @throws IllegalArgumentException when the kind is one of Calico's own
     */
    public static ConverterInput input(ResourceKind kind) {
        return switch (kind) {
            case POD -> POD_INPUT;
            case NAMESPACE, SERVICE_ACCOUNT -> PROFILE_INPUT;
            case KUBERNETES_NETWORK_POLICY, STAGED_KUBERNETES_NETWORK_POLICY, CLUSTER_NETWORK_POLICY,
                    ADMIN_NETWORK_POLICY, BASELINE_ADMIN_NETWORK_POLICY -> POLICY_INPUT;
            case TIER, PROFILE, HOST_ENDPOINT, GLOBAL_NETWORK_POLICY, NETWORK_POLICY, STAGED_GLOBAL_NETWORK_POLICY,
                    STAGED_NETWORK_POLICY, WORKLOAD_ENDPOINT ->
                    throw new IllegalArgumentException(kind + " is not a Kubernetes kind");
        };
    }

    /** An object's name and namespace, and a field reader whose errors name it. */
    private record Identity(String name, String namespace, Fields fields) {
        PodWorkload pod() {
            return new PodWorkload(namespace, name);
        }

        String display() {
            return namespace == null ? name : namespace + "/" + name;
        }
    }

    private static Identity identity(ResourceKind kind, JsonNode object) throws ResourceFormatException {
        if (object == null || !object.isObject()) {
            throw new ResourceFormatException(null, "(document)", "expected a " + kind.kindName() + " mapping");
        }
        Fields top = new Fields(null);
        JsonNode metadata = top.object(object, "metadata", "metadata");
        String name = top.text(metadata, "name", "metadata.name");
        String namespace = null;
        if (kind.namespaced()) {
            // What kubectl apply does with a namespaced object that names none.
            namespace = top.text(metadata, "namespace", "metadata.namespace");
            namespace = namespace == null || namespace.isEmpty() ? DEFAULT_NAMESPACE : namespace;
        }
        if (name == null || name.isEmpty()) {
            throw new ResourceFormatException(kind.kindName() + " (no name)", "metadata.name", "must be set");
        }
        String display = namespace == null ? name : namespace + "/" + name;
        return new Identity(name, namespace, new Fields(kind.describe(display)));
    }

    /**
     * The name a converted resource has in Calico, which messages about it use: for a policy of a Kubernetes
     * kind the name Felix gave it up to 3.31 ({@code shop/knp.default.x}, {@code kcnp.x}); a staged Kubernetes
     * policy is a Calico kind, named as written.
     */
    private static String calicoName(ResourceKind kind, Identity id, CalicoObject model) {
        return switch (model.family()) {
            case WORKLOAD_ENDPOINT -> id.namespace + "/" + id.pod().endpointName(((WorkloadEndpoint) model).node());
            case PROFILE -> ((Profile) model).name();
            case POLICY -> kind.origin() == ResourceKind.Origin.CALICO ? id.display() : ((Policy) model).legacyName();
            case HOST_ENDPOINT, TIER -> throw new IllegalStateException("Kubernetes makes no " + model.family());
        };
    }

    private static Optional<String> reasonForNoEndpoint(Fields f, JsonNode pod)
            throws ResourceFormatException {
        JsonNode spec = f.object(pod, "spec", "spec");
        if (f.bool(spec, "hostNetwork", "spec.hostNetwork")) {
            return Optional.of("a host-networked pod has no workload endpoint");
        }
        String node = f.text(spec, "nodeName", "spec.nodeName");
        if (node == null || node.isEmpty()) {
            return Optional.of("a pod not scheduled to a node (no spec.nodeName) has no workload endpoint yet");
        }
        return Optional.empty();
    }

    private static WorkloadEndpoint workloadEndpoint(Identity id, JsonNode pod) throws ResourceFormatException {
        Fields f = id.fields;
        JsonNode metadata = f.object(pod, "metadata", "metadata");
        JsonNode spec = f.object(pod, "spec", "spec");
        String serviceAccount = serviceAccountOf(f, spec);

        SortedMap<String, String> labels = f.stringMap(metadata, "labels", "metadata.labels");
        // Calico's labels are put after the pod's, so they win over a pod label of the same key.
        labels.put(LABEL_NAMESPACE, id.namespace);
        labels.put(LABEL_ORCHESTRATOR, ORCHESTRATOR_KUBERNETES);
        if (serviceAccount.length() < MAX_SERVICE_ACCOUNT_LABEL_LENGTH) {
            labels.put(LABEL_SERVICE_ACCOUNT, serviceAccount);
        }
        List<String> profiles = List.of(
                NAMESPACE_PROFILE_PREFIX + id.namespace,
                serviceAccountProfileName(id.namespace, serviceAccount));
        return new WorkloadEndpoint(
                f.text(spec, "nodeName", "spec.nodeName"),
                ORCHESTRATOR_KUBERNETES,
                id.pod().workloadId(),
                POD_ENDPOINT,
                id.namespace,
                labels,
                profiles,
                id.pod().interfaceName(),
                podNetworks(f, pod, metadata));
    }

    /**
     * {@code spec.serviceAccountName}, else the deprecated {@code spec.serviceAccount} (the API
     * server copies it over), else {@code default}, as the ServiceAccount admission plugin sets it:
     * a pod read from a cluster always has one, so a pod in a manifest gets the one it will have.
     */
    private static String serviceAccountOf(Fields f, JsonNode spec)
            throws ResourceFormatException {
        String account = f.text(spec, "serviceAccountName", "spec.serviceAccountName");
        if (account == null || account.isEmpty()) {
            account = f.text(spec, "serviceAccount", "spec.serviceAccount");
        }
        return account == null || account.isEmpty() ? DEFAULT_SERVICE_ACCOUNT : account;
    }

    /**
     * conversion.go {@code getPodIPs}: the first source that has any of status.podIPs,
     * status.podIP, and Calico's and AWS's annotations; each as a network ({@code /32}, {@code /128}).
     * None once the pod has finished, since its IPs are back in the pool ({@code IsFinished}).
     */
    private static List<String> podNetworks(Fields f, JsonNode pod, JsonNode metadata)
            throws ResourceFormatException {
        JsonNode status = f.object(pod, "status", "status");
        Map<String, String> annotations = f.stringMap(metadata, "annotations", "metadata.annotations");
        String phase = f.text(status, "phase", "status.phase");
        boolean deleting = f.text(metadata, "deletionTimestamp", "metadata.deletionTimestamp") != null;
        boolean releasedByCni = deleting
                && ("".equals(annotations.get(ANNOTATION_POD_IP)) || "".equals(annotations.get(ANNOTATION_AWS_POD_IPS)));
        if (releasedByCni || (phase != null && FINISHED_PHASES.contains(phase))) {
            return List.of();
        }
        Map<String, List<String>> sources = new LinkedHashMap<>();
        List<String> statusIps = new ArrayList<>();
        List<JsonNode> podIps = f.objects(status, "podIPs", "status.podIPs");
        for (int i = 0; i < podIps.size(); i++) {
            String ip = f.text(podIps.get(i), "ip", "status.podIPs[" + i + "].ip");
            if (ip != null) {
                statusIps.add(ip);
            }
        }
        sources.put("status.podIPs", statusIps);
        sources.put("status.podIP", single(f.text(status, "podIP", "status.podIP")));
        sources.put("metadata.annotations." + ANNOTATION_POD_IPS, commaList(annotations.get(ANNOTATION_POD_IPS)));
        sources.put("metadata.annotations." + ANNOTATION_POD_IP, single(annotations.get(ANNOTATION_POD_IP)));
        sources.put("metadata.annotations." + ANNOTATION_AWS_POD_IPS, commaList(annotations.get(ANNOTATION_AWS_POD_IPS)));
        for (Map.Entry<String, List<String>> source : sources.entrySet()) {
            if (source.getValue().isEmpty()) {
                continue;
            }
            List<String> networks = new ArrayList<>();
            for (String ip : source.getValue()) {
                try {
                    networks.add(IpNetworks.cidrOrIp(ip));
                } catch (IllegalArgumentException e) {
                    throw f.problem(source.getKey(), e.getMessage());
                }
            }
            return networks;
        }
        return List.of();
    }

    private static List<String> single(String value) {
        return value == null || value.isEmpty() ? List.of() : List.of(value);
    }

    private static List<String> commaList(String value) {
        return value == null || value.isEmpty() ? List.of() : Arrays.asList(value.split(",", -1));
    }

    /**
     * conversion.go {@code NamespaceToProfile}: the namespace's labels, each key prefixed
     * {@code pcns.}, plus {@code pcns.projectcalico.org/name: <name>}; and one rule each way that
     * allows everything, so a namespace's profile never denies traffic itself.
     */
    private static Profile namespaceProfile(Identity id, JsonNode namespace) throws ResourceFormatException {
        Fields f = id.fields;
        SortedMap<String, String> labels = prefixed(NAMESPACE_LABEL_PREFIX,
                f.stringMap(f.object(namespace, "metadata", "metadata"), "labels", "metadata.labels"), id.name);
        Rule allow = new Rule(ALLOW, null, EntityMatch.ANY, EntityMatch.ANY);
        return new Profile(NAMESPACE_PROFILE_PREFIX + id.name, labels, List.of(allow), List.of(allow));
    }

    /**
     * conversion.go {@code ServiceAccountToProfile}: labels prefixed {@code pcsa.} plus
     * {@code pcsa.projectcalico.org/name: <name>}, and no rules.
     */
    private static Profile serviceAccountProfile(Identity id, JsonNode account) throws ResourceFormatException {
        Fields f = id.fields;
        SortedMap<String, String> labels = prefixed(SERVICE_ACCOUNT_LABEL_PREFIX,
                f.stringMap(f.object(account, "metadata", "metadata"), "labels", "metadata.labels"), id.name);
        return new Profile(serviceAccountProfileName(id.namespace, id.name), labels, List.of(), List.of());
    }

    private static SortedMap<String, String> prefixed(String prefix, Map<String, String> labels, String name) {
        SortedMap<String, String> result = new TreeMap<>();
        labels.forEach((key, value) -> result.put(prefix + key, value));
        result.put(prefix + NAME_LABEL, name);
        return result;
    }

    private static String serviceAccountProfileName(String namespace, String account) {
        return SERVICE_ACCOUNT_PROFILE_PREFIX + namespace + "." + account;
    }

    /**
     * conversion.go {@code K8sNetworkPolicyToCalico}: kind KubernetesNetworkPolicy with the own name, default tier,
     * order 1000, selector from {@code podSelector}, types from {@code policyTypes} (Ingress when it
     * names neither: such a policy predates egress support), rules from each ingress/egress rule. A
     * StagedKubernetesNetworkPolicy's spec is converted the same way
     * ({@code updateprocessors/stagedkubernetesnetworkpolicyprocessor.go}).
     */
    private static Policy networkPolicy(Identity id, JsonNode networkPolicy, PolicyKind kind,
            StagedAction stagedAction) throws ResourceFormatException {
        Fields f = id.fields;
        JsonNode spec = f.object(networkPolicy, "spec", "spec");
        String selector = KubernetesLabelSelector.pods(f, f.object(spec, "podSelector", "spec.podSelector"),
                "spec.podSelector");
        List<Rule> ingress = new ArrayList<>();
        List<JsonNode> ingressRules = f.objects(spec, "ingress", "spec.ingress");
        for (int i = 0; i < ingressRules.size(); i++) {
            ingress.addAll(rules(f, ingressRules.get(i), "spec.ingress[" + i + "]", "from", true));
        }
        List<Rule> egress = new ArrayList<>();
        List<JsonNode> egressRules = f.objects(spec, "egress", "spec.egress");
        for (int i = 0; i < egressRules.size(); i++) {
            egress.addAll(rules(f, egressRules.get(i), "spec.egress[" + i + "]", "to", false));
        }
        Set<PolicyType> types = EnumSet.noneOf(PolicyType.class);
        // Calico compares exactly and ignores anything else; the API server admits only these two.
        for (String type : f.texts(spec, "policyTypes", "spec.policyTypes")) {
            if (type.equals("Ingress")) {
                types.add(PolicyType.INGRESS);
            } else if (type.equals("Egress")) {
                types.add(PolicyType.EGRESS);
            }
        }
        if (types.isEmpty()) {
            types.add(PolicyType.INGRESS);
        }
        return new Policy(id.name, id.namespace, Tier.DEFAULT, POLICY_ORDER, selector,
                types, ingress, egress, false, false, false, null, null, kind, stagedAction);
    }

    /**
     * conversion.go {@code k8sRuleToCalico}: one Calico rule per protocol (sorted; none when the rule
     * has no ports) and per peer (one rule with no peer when there are none), protocol first. Ports
     * of one protocol share a rule, numeric ones merged into ranges ({@code SimplifyPorts}); a port
     * entry with a protocol and no port allows every port of that protocol.
     */
    private static List<Rule> rules(Fields f, JsonNode rule, String path, String peersKey,
            boolean ingress) throws ResourceFormatException {
        List<JsonNode> peers = f.objects(rule, peersKey, path + "." + peersKey);
        List<JsonNode> ports = f.objects(rule, "ports", path + ".ports");

        // Protocol -> its ports, null meaning every port; "" is "no protocol" (the rule had no ports).
        Map<String, List<CalicoPort>> protocolPorts = new TreeMap<>();
        if (ports.isEmpty()) {
            protocolPorts.put("", null);
        }
        for (int i = 0; i < ports.size(); i++) {
            String at = path + ".ports[" + i + "]";
            JsonNode port = ports.get(i);
            String protocol = f.text(port, "protocol", at + ".protocol");
            protocol = protocol == null ? DEFAULT_PROTOCOL : protocol;
            CalicoPort calicoPort = port(f, port, at);
            if (calicoPort == null) {
                protocolPorts.put(protocol, null);
            } else if (!protocolPorts.containsKey(protocol)) {
                protocolPorts.put(protocol, new ArrayList<>(List.of(calicoPort)));
            } else if (protocolPorts.get(protocol) != null) {
                protocolPorts.get(protocol).add(calicoPort);
            }
        }

        List<Rule> rules = new ArrayList<>();
        for (Map.Entry<String, List<CalicoPort>> entry : protocolPorts.entrySet()) {
            String protocol = entry.getKey().isEmpty() ? null : entry.getKey();
            List<String> portTexts = CalicoPort.texts(entry.getValue());
            if (peers.isEmpty()) {
                rules.add(rule(ingress, protocol, EntityMatch.ANY, portTexts));
            }
            for (int i = 0; i < peers.size(); i++) {
                rules.add(rule(ingress, protocol, peer(f, peers.get(i), path + "." + peersKey + "[" + i + "]"),
                        portTexts));
            }
        }
        return rules;
    }

    private static Rule rule(boolean ingress, String protocol, EntityMatch peer, List<String> ports) {
        if (ingress) {
            return new Rule(ALLOW, protocol, peer, new EntityMatch(null, null, null, null, null, null, ports, null));
        }
        return new Rule(ALLOW, protocol, EntityMatch.ANY, new EntityMatch(peer.selector(), null,
                peer.namespaceSelector(), null, peer.nets(), peer.notNets(), ports, null));
    }

    /**
     * conversion.go {@code k8sPortToCalico}: {@code port}, or {@code port:endPort} when there is an
     * end port, parsed as numorstring's {@code PortFromString} does; null when there is no port.
     */
    private static CalicoPort port(Fields f, JsonNode port, String path)
            throws ResourceFormatException {
        String text = f.scalarText(port.path("port"), path + ".port");
        if (text == null) {
            return null;
        }
        Integer endPort = f.integer(port, "endPort", path + ".endPort");
        String calicoText = endPort == null ? text : text + ":" + endPort;
        Matcher range = PORT_RANGE.matcher(calicoText);
        if (PORT_NUMBER.matcher(calicoText).matches()) {
            int number = parsePort(f, calicoText, path + ".port");
            return CalicoPort.single(number);
        }
        if (range.matches()) {
            int min = parsePort(f, range.group(1), path + ".port");
            int max = parsePort(f, range.group(2), path + ".endPort");
            if (min > max) {
                throw f.problem(path + ".endPort", "must not be less than the port (" + calicoText + ")");
            }
            return new CalicoPort(null, min, max);
        }
        if (calicoText.contains(":")) {
            throw f.problem(path + ".endPort", "only a numbered port can have an end port (" + calicoText + ")");
        }
        if (!CalicoPort.NAME.matcher(calicoText).matches()) {
            throw f.problem(path + ".port", Quoted.of(calicoText) + " is not a port number or a port name");
        }
        return CalicoPort.named(calicoText);
    }

    private static int parsePort(Fields f, String digits, String path)
            throws ResourceFormatException {
        if (digits.length() > 5 || Integer.parseInt(digits) > CalicoPort.MAX_PORT) {
            throw f.problem(path, "port " + digits + " is above " + CalicoPort.MAX_PORT);
        }
        return Integer.parseInt(digits);
    }

    /**
     * conversion.go {@code k8sPeerToCalicoFields}: an ipBlock gives nets and notNets only; otherwise
     * the pod selector (the orchestrator clause alone when absent) and the namespace selector (none
     * when absent, {@code all()} when empty). Without a namespace selector the match engine scopes
     * the selector to the policy's namespace, as Felix does.
     */
    private static EntityMatch peer(Fields f, JsonNode peer, String path)
            throws ResourceFormatException {
        JsonNode ipBlock = f.object(peer, "ipBlock", path + ".ipBlock");
        if (!ipBlock.isMissingNode()) {
            String cidr = f.text(ipBlock, "cidr", path + ".ipBlock.cidr");
            if (cidr == null) {
                throw f.problem(path + ".ipBlock.cidr", "must be set");
            }
            List<String> nets = List.of(network(f, cidr, path + ".ipBlock.cidr"));
            List<String> notNets = new ArrayList<>();
            List<String> except = f.texts(ipBlock, "except", path + ".ipBlock.except");
            for (int i = 0; i < except.size(); i++) {
                notNets.add(network(f, except.get(i), path + ".ipBlock.except[" + i + "]"));
            }
            return new EntityMatch(null, null, null, null, nets, notNets, null, null);
        }
        String selector = KubernetesLabelSelector.pods(f, f.object(peer, "podSelector", path + ".podSelector"),
                path + ".podSelector");
        String namespaceSelector = KubernetesLabelSelector.namespaces(f,
                f.object(peer, "namespaceSelector", path + ".namespaceSelector"), path + ".namespaceSelector");
        return new EntityMatch(selector, null, namespaceSelector.isEmpty() ? null : namespaceSelector,
                null, null, null, null, null);
    }

    /**
     * A CIDR as Calico stores it. Calico logs a CIDR it cannot parse and leaves the peer empty (a
     * rule that matches everything); the API server never admits one, so here it is a problem.
     */
    private static String network(Fields f, String cidr, String path)
            throws ResourceFormatException {
        try {
            return IpNetworks.cidr(cidr);
        } catch (IllegalArgumentException e) {
            throw f.problem(path, e.getMessage());
        }
    }
}
