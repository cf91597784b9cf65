package dev.policymatch.source.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.policymatch.model.EntityMatch;
import dev.policymatch.model.Policy;
import dev.policymatch.model.PolicyType;
import dev.policymatch.model.Rule;
import dev.policymatch.net.IpNetworks;
import dev.policymatch.source.document.Fields;
import dev.policymatch.source.document.ResourceFormatException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One ClusterNetworkPolicy, AdminNetworkPolicy or BaselineAdminNetworkPolicy to the GlobalNetworkPolicy Calico
 * makes of it, following v3.32.1 {@code libcalico-go/lib/backend/k8s/conversion/clusternetworkpolicy.go} and, for
 * the v1alpha1 kinds, v3.31.7 {@code conversion.go} (their differences are in {@link ClusterPolicyDialect}):
 * <ul>
 *   <li>the subject: {@code namespaces} gives the namespace selector and a selector of every pod; {@code pods}
 *       both selectors; neither leaves the policy out;</li>
 *   <li>each rule: one Calico rule per protocol (sorted; named ports under no protocol) and per peer, protocol
 *       first; ports of one protocol merged ({@code SimplifyPorts});</li>
 *   <li>a rule Calico cannot convert (unknown action, bad port range or port name, a peer with no field it reads,
 *       a bad CIDR) is dropped, or replaced by a rule that denies everything when its action is Deny or Pass
 *       (fail closed); the policy is kept, and each such rule gives a warning naming the field;</li>
 *   <li>types: a direction only when it has rules; none means both, as Felix reads a policy without types.</li>
 * </ul>
 * Not thread-safe: one instance converts one object.
 */
final class ClusterPolicyConverter {
    private static final Rule DENY_ALL = new Rule("Deny", null, EntityMatch.ANY, EntityMatch.ANY);
    /** The protocol group of "any protocol" and of named ports: it sorts first, as Go's "" does. */
    private static final String NO_PROTOCOL = "";
    private static final String DEFAULT_PROTOCOL = "TCP";

    private final ClusterPolicyDialect dialect;
    private final String name;
    private final Fields f;
    private final List<String> warnings;

    /** @param warnings receives one line per rule Calico cannot convert */
    ClusterPolicyConverter(ClusterPolicyDialect dialect, String name, Fields fields, List<String> warnings) {
        this.dialect = dialect;
        this.name = name;
        this.f = fields;
        this.warnings = warnings;
    }

    /** A part of one rule Calico cannot convert: the rule fails, the policy stays. */
    private static final class RuleFailure extends Exception {
        private static final long serialVersionUID = 1L;
        private final String path;

        RuleFailure(String path, String problem) {
            super(problem, null, false, false);
            this.path = path;
        }
    }

    /** The two selectors of the subject. */
    private record Subject(String selector, String namespaceSelector) {
    }

    Policy convert(JsonNode object) throws ResourceFormatException {
        JsonNode spec = f.object(object, "spec", "spec");
        String tier = dialect.tier(f, spec);
        Subject subject = subject(f.object(spec, "subject", "spec.subject"));
        List<Rule> ingress = rules(spec, "ingress", "from");
        List<Rule> egress = rules(spec, "egress", "to");
        return new Policy(name, null, tier, dialect.order(f, spec), subject.selector(), types(ingress, egress),
                ingress, egress, false, false, false, subject.namespaceSelector(), null, dialect.kind(), null);
    }

    private Subject subject(JsonNode subject) throws ResourceFormatException {
        JsonNode namespaces = f.object(subject, "namespaces", "spec.subject.namespaces");
        if (!namespaces.isMissingNode()) {
            return new Subject(KubernetesLabelSelector.pods(f, MissingNode.getInstance(), "spec.subject"),
                    KubernetesLabelSelector.namespaces(f, namespaces, "spec.subject.namespaces"));
        }
        JsonNode pods = f.object(subject, "pods", "spec.subject.pods");
        if (!pods.isMissingNode()) {
            return new Subject(podSelector(pods, "spec.subject.pods"), namespaceSelector(pods, "spec.subject.pods"));
        }
        throw f.problem("spec.subject", "sets neither namespaces nor pods; Calico leaves the policy out");
    }

    /** {@code clusterNetPolicyTypes}: a direction with rules; Felix reads "no types" as both. */
    private static Set<PolicyType> types(List<Rule> ingress, List<Rule> egress) {
        Set<PolicyType> types = EnumSet.noneOf(PolicyType.class);
        if (!ingress.isEmpty()) {
            types.add(PolicyType.INGRESS);
        }
        if (!egress.isEmpty()) {
            types.add(PolicyType.EGRESS);
        }
        return types.isEmpty() ? EnumSet.allOf(PolicyType.class) : types;
    }

    private List<Rule> rules(JsonNode spec, String direction, String peersKey) throws ResourceFormatException {
        List<Rule> rules = new ArrayList<>();
        List<JsonNode> nodes = f.objects(spec, direction, "spec." + direction);
        for (int i = 0; i < nodes.size(); i++) {
            String path = "spec." + direction + "[" + i + "]";
            String action = f.text(nodes.get(i), "action", path + ".action");
            try {
                rules.addAll(rule(nodes.get(i), path, peersKey, action));
            } catch (RuleFailure failure) {
                boolean failsClosed = dialect.failsClosed(action);
                if (failsClosed) {
                    rules.add(DENY_ALL);
                }
                warnings.add(f.problem(failure.path, failure.getMessage() + (failsClosed
                        ? "; Calico replaces the rule with one that denies everything"
                        : "; Calico drops the rule")).getMessage());
            }
        }
        return rules;
    }

    private List<Rule> rule(JsonNode rule, String path, String peersKey, String action)
            throws RuleFailure, ResourceFormatException {
        String calicoAction = dialect.calicoAction(action);
        if (calicoAction == null) {
            throw new RuleFailure(path + ".action", dialect.unsupportedAction(action));
        }
        Map<String, List<CalicoPort>> protocolPorts = protocolPorts(rule, path);
        List<JsonNode> peers = f.objects(rule, peersKey, path + "." + peersKey);
        boolean ingress = peersKey.equals("from");
        List<Rule> rules = new ArrayList<>();
        for (Map.Entry<String, List<CalicoPort>> group : protocolPorts.entrySet()) {
            String protocol = group.getKey().equals(NO_PROTOCOL) ? null : group.getKey();
            List<String> ports = CalicoPort.texts(group.getValue());
            for (int i = 0; i < peers.size(); i++) {
                EntityMatch peer = peer(peers.get(i), path + "." + peersKey + "[" + i + "]", ingress);
                rules.add(ingress
                        ? new Rule(calicoAction, protocol, peer, new EntityMatch(null, null, null, null, null, null,
                                ports, null))
                        : new Rule(calicoAction, protocol, EntityMatch.ANY, new EntityMatch(peer.selector(), null,
                                peer.namespaceSelector(), null, peer.nets(), null, ports, null)));
            }
        }
        return rules;
    }

    /**
     * {@code unpackCNPProtocols} / {@code unpackANPPorts}: protocol to its ports, sorted by protocol; null ports
     * mean every port of it. An entry that names no port at all makes the rule match any protocol and port.
     */
    private Map<String, List<CalicoPort>> protocolPorts(JsonNode rule, String path)
            throws RuleFailure, ResourceFormatException {
        Map<String, List<CalicoPort>> protocolPorts = new TreeMap<>();
        List<JsonNode> entries = f.objects(rule, dialect.portsKey(), path + "." + dialect.portsKey());
        for (int i = 0; i < entries.size(); i++) {
            String at = path + "." + dialect.portsKey() + "[" + i + "]";
            ProtocolPort entry = dialect.portsKey().equals("protocols") ? protocol(entries.get(i), at)
                    : adminPort(entries.get(i), at);
            if (entry == null) {
                protocolPorts.clear();
                break;
            }
            if (entry.port() == null) {
                protocolPorts.put(entry.protocol(), null);
            } else if (!protocolPorts.containsKey(entry.protocol())) {
                protocolPorts.put(entry.protocol(), new ArrayList<>(List.of(entry.port())));
            } else if (protocolPorts.get(entry.protocol()) != null) {
                protocolPorts.get(entry.protocol()).add(entry.port());
            }
        }
        if (protocolPorts.isEmpty()) {
            protocolPorts.put(NO_PROTOCOL, null);
        }
        return protocolPorts;
    }

    /** A protocol and one port of it, null meaning every port. */
    private record ProtocolPort(String protocol, CalicoPort port) {
    }

    /**
     * {@code k8sCNPPortToCalicoFields}: {@code tcp}, {@code udp} or {@code sctp} with an optional destination port
     * (a number or a range), or {@code destinationNamedPort} (under no protocol; {@code "8080"} stays a name);
     * null when the entry names none of these.
     */
    private ProtocolPort protocol(JsonNode entry, String path) throws RuleFailure, ResourceFormatException {
        for (String protocol : List.of("tcp", "udp", "sctp")) {
            JsonNode ports = f.object(entry, protocol, path + "." + protocol);
            if (!ports.isMissingNode()) {
                String at = path + "." + protocol + ".destinationPort";
                return new ProtocolPort(protocol.toUpperCase(Locale.ROOT),
                        destinationPort(f.object(ports, "destinationPort", at), at));
            }
        }
        String named = f.text(entry, "destinationNamedPort", path + ".destinationNamedPort");
        if (named == null || named.isEmpty()) {
            return null;
        }
        if (!CalicoPort.NAME.matcher(named).matches()) {
            throw new RuleFailure(path + ".destinationNamedPort", "invalid name for named port (" + named + ")");
        }
        return new ProtocolPort(NO_PROTOCOL, CalicoPort.named(named));
    }

    /** {@code k8sCNPPortToCalico}: a non-zero {@code number}, else a {@code range}, else every port. */
    private CalicoPort destinationPort(JsonNode port, String path) throws RuleFailure, ResourceFormatException {
        Integer number = f.integer(port, "number", path + ".number");
        if (number != null && number != 0) {
            return CalicoPort.single(portNumber(number, path + ".number"));
        }
        JsonNode range = f.object(port, "range", path + ".range");
        return range.isMissingNode() ? null : range(range, path + ".range");
    }

    /**
     * v3.31.7 {@code k8sAdminPolicyPortToCalicoFields}: {@code portNumber} or {@code portRange}, protocol TCP
     * when not given; null for anything else, {@code namedPort} included (Calico's "TODO: Add support for
     * NamedPorts"), so such a rule matches every protocol and port.
     */
    private ProtocolPort adminPort(JsonNode entry, String path) throws RuleFailure, ResourceFormatException {
        JsonNode number = f.object(entry, "portNumber", path + ".portNumber");
        if (!number.isMissingNode()) {
            Integer port = f.integer(number, "port", path + ".portNumber.port");
            return new ProtocolPort(adminProtocol(number, path + ".portNumber"),
                    CalicoPort.single(portNumber(port == null ? 0 : port, path + ".portNumber.port")));
        }
        JsonNode range = f.object(entry, "portRange", path + ".portRange");
        if (!range.isMissingNode()) {
            return new ProtocolPort(adminProtocol(range, path + ".portRange"), range(range, path + ".portRange"));
        }
        return null;
    }

    private String adminProtocol(JsonNode port, String path) throws ResourceFormatException {
        String protocol = f.text(port, "protocol", path + ".protocol");
        return protocol == null || protocol.isEmpty() ? DEFAULT_PROTOCOL : protocol;
    }

    /** numorstring {@code PortFromRange}. */
    private CalicoPort range(JsonNode range, String path) throws RuleFailure, ResourceFormatException {
        Integer start = f.integer(range, "start", path + ".start");
        Integer end = f.integer(range, "end", path + ".end");
        int min = portNumber(start == null ? 0 : start, path + ".start");
        int max = portNumber(end == null ? 0 : end, path + ".end");
        if (min > max) {
            throw new RuleFailure(path, "minimum port number (" + min + ") is greater than maximum port number ("
                    + max + ") in port range");
        }
        return new CalicoPort(null, min, max);
    }

    /** The API server admits only 1–65535 (and Go would wrap anything else into 16 bits): a malformed value. */
    private int portNumber(int port, String path) throws ResourceFormatException {
        if (port < 0 || port > CalicoPort.MAX_PORT) {
            throw f.problem(path, "port " + port + " is outside 0-" + CalicoPort.MAX_PORT);
        }
        return port;
    }

    /**
     * {@code combinePortsWith…Peers}: {@code namespaces} gives a namespace selector; {@code pods} a pod selector
     * and a namespace selector (every namespace when it has none); an egress {@code networks} list the networks,
     * each masked. A peer with none of these (an experimental {@code nodes} or {@code domainNames} peer, or an
     * empty one) fails the rule.
     */
    private EntityMatch peer(JsonNode peer, String path, boolean ingress) throws RuleFailure, ResourceFormatException {
        String selector = null;
        String namespaceSelector = null;
        List<String> nets = new ArrayList<>();
        boolean found = false;
        JsonNode namespaces = f.object(peer, "namespaces", path + ".namespaces");
        if (!namespaces.isMissingNode()) {
            namespaceSelector = KubernetesLabelSelector.namespaces(f, namespaces, path + ".namespaces");
            found = true;
        }
        JsonNode pods = f.object(peer, "pods", path + ".pods");
        if (!pods.isMissingNode()) {
            selector = podSelector(pods, path + ".pods");
            namespaceSelector = namespaceSelector(pods, path + ".pods");
            found = true;
        }
        if (!ingress) {
            List<String> networks = f.texts(peer, "networks", path + ".networks");
            for (int i = 0; i < networks.size(); i++) {
                nets.add(network(networks.get(i), path + ".networks[" + i + "]"));
            }
            found |= !networks.isEmpty();
        }
        if (!found) {
            throw new RuleFailure(path, "none of supported fields in '" + (ingress ? "From" : "To") + "' is set");
        }
        return new EntityMatch(selector, null, namespaceSelector, null, nets, null, null, null);
    }

    private String podSelector(JsonNode pods, String path) throws ResourceFormatException {
        return KubernetesLabelSelector.pods(f, f.object(pods, "podSelector", path + ".podSelector"),
                path + ".podSelector");
    }

    /** A {@code pods} peer or subject always has a namespace selector in Go: an omitted one is {@code {}}. */
    private String namespaceSelector(JsonNode pods, String path) throws ResourceFormatException {
        JsonNode selector = f.object(pods, "namespaceSelector", path + ".namespaceSelector");
        return KubernetesLabelSelector.namespaces(f,
                selector.isMissingNode() ? JsonNodeFactory.instance.objectNode() : selector,
                path + ".namespaceSelector");
    }

    private static String network(String cidr, String path) throws RuleFailure {
        try {
            return IpNetworks.cidr(cidr);
        } catch (IllegalArgumentException e) {
            throw new RuleFailure(path, "invalid CIDR: " + e.getMessage());
        }
    }
}
