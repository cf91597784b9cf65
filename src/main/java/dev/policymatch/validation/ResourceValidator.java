package dev.policymatch.validation;

import dev.policymatch.model.CalicoObject;
import dev.policymatch.model.EndpointPort;
import dev.policymatch.model.EntityMatch;
import dev.policymatch.model.HostEndpoint;
import dev.policymatch.model.Policy;
import dev.policymatch.model.PolicyType;
import dev.policymatch.model.Profile;
import dev.policymatch.model.Rule;
import dev.policymatch.model.Tier;
import dev.policymatch.model.WorkloadEndpoint;
import dev.policymatch.net.IpNetworks;
import dev.policymatch.selector.Selector;
import dev.policymatch.selector.SelectorParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Calico's rules for the resources PolicyMatch reads (libcalico-go's v3 validator, plus the
 * Kubernetes name and label rules it applies), returning every violation, not only the first.
 * Field paths follow the v3/CRD layout ({@code spec.node}), whatever dialect a resource came in.
 *
 * <p>Stateless and thread-safe; never throws for bad user data and never resolves names.
 */
public final class ResourceValidator {

    /** Linux interface names (IFNAMSIZ - 1 = 15 characters); {@code *} means every interface of the host. */
    private static final Pattern INTERFACE_NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,15}");
    private static final Set<String> PORT_PROTOCOLS = Set.of("tcp", "udp", "sctp", "6", "17", "132");
    private static final Set<String> RULE_PROTOCOLS = Set.of("tcp", "udp", "icmp", "icmpv6", "sctp", "udplite");
    private static final Set<String> PORT_RULE_PROTOCOLS = Set.of("tcp", "udp", "sctp", "6", "17", "132");
    /** v3 actions; calicoctl v1 spelled them in lower case and also had next-tier. */
    private static final Set<String> ACTIONS = Set.of("allow", "deny", "log", "pass", "next-tier");
    private static final Pattern PORT_RANGE = Pattern.compile("(\\d{1,5}):(\\d{1,5})");
    private static final Pattern PORT_NUMBER = Pattern.compile("\\d{1,5}");

    /** Validates any model object the source package produces. */
    public List<Violation> validate(CalicoObject resource) {
        return switch (resource.family()) {
            case HOST_ENDPOINT -> validate((HostEndpoint) resource);
            case WORKLOAD_ENDPOINT -> validate((WorkloadEndpoint) resource);
            case POLICY -> validate((Policy) resource);
            case PROFILE -> validate((Profile) resource);
            case TIER -> validate((Tier) resource);
        };
    }

    public List<Violation> validate(HostEndpoint endpoint) {
        List<Violation> violations = new ArrayList<>();
        name(violations, endpoint.name());
        labels(violations, "metadata.labels", endpoint.labels());
        node(violations, endpoint.node());
        String interfaceName = endpoint.interfaceName();
        boolean hasInterface = interfaceName != null && !interfaceName.isEmpty();
        if (hasInterface && !interfaceName.equals("*") && !INTERFACE_NAME.matcher(interfaceName).matches()) {
            violations.add(new Violation("spec.interfaceName", interfaceName,
                    "is not a valid interface name: it must be \"*\" or 1 to 15 of a-z, A-Z, 0-9, '_', '.' and '-'"));
        }
        // Calico: "no interface or expected IPs have been specified".
        if (!hasInterface && endpoint.expectedIPs().isEmpty()) {
            violations.add(new Violation("spec", null,
                    "at least one of interfaceName and expectedIPs must be specified"));
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < endpoint.expectedIPs().size(); i++) {
            String ip = endpoint.expectedIPs().get(i);
            String field = "spec.expectedIPs[" + i + "]";
            if (!IpNetworks.isAddress(ip)) {
                violations.add(new Violation(field, ip, "is not a valid IPv4 or IPv6 address" + ipHint(ip)));
                continue;
            }
            Integer first = seen.putIfAbsent(IpNetworks.canonical(ip), i);
            if (first != null) {
                violations.add(new Violation(field, ip, "is a duplicate of spec.expectedIPs[" + first + "]"));
            }
        }
        profiles(violations, endpoint.profiles());
        Map<String, Integer> portNames = new HashMap<>();
        for (int i = 0; i < endpoint.ports().size(); i++) {
            port(violations, "spec.ports[" + i + "]", endpoint.ports().get(i), portNames, i);
        }
        return violations;
    }

    public List<Violation> validate(WorkloadEndpoint endpoint) {
        List<Violation> violations = new ArrayList<>();
        labels(violations, "metadata.labels", endpoint.labels());
        node(violations, endpoint.node());
        String interfaceName = endpoint.interfaceName();
        if (interfaceName != null && !interfaceName.isEmpty() && !INTERFACE_NAME.matcher(interfaceName).matches()) {
            violations.add(new Violation("spec.interfaceName", interfaceName,
                    "is not a valid interface name: it must be 1 to 15 of a-z, A-Z, 0-9, '_', '.' and '-'"));
        }
        for (int i = 0; i < endpoint.ipNetworks().size(); i++) {
            String network = endpoint.ipNetworks().get(i);
            if (!IpNetworks.isCidr(network) && !IpNetworks.isAddress(network)) {
                violations.add(new Violation("spec.ipNetworks[" + i + "]", network,
                        "is not a valid IPv4 or IPv6 network (CIDR)"));
            }
        }
        profiles(violations, endpoint.profiles());
        return violations;
    }

    /**
     * Whether the policy is one of Calico's own kinds, which Calico's API server validates when it is written.
     * A policy Calico converts from a Kubernetes kind (a ClusterNetworkPolicy in {@code kube-admin}, say) is made
     * in Calico's backend, named and tiered by Calico itself, and never goes through those checks.
     */
    public static boolean writtenThroughCalicosApi(Policy policy) {
        return switch (policy.kind()) {
            case GLOBAL_NETWORK_POLICY, NETWORK_POLICY, STAGED_GLOBAL_NETWORK_POLICY, STAGED_NETWORK_POLICY -> true;
            case KUBERNETES_NETWORK_POLICY, STAGED_KUBERNETES_NETWORK_POLICY, KUBERNETES_CLUSTER_NETWORK_POLICY,
                    KUBERNETES_ADMIN_NETWORK_POLICY, KUBERNETES_BASELINE_ADMIN_NETWORK_POLICY -> false;
        };
    }

    public List<Violation> validate(Policy policy) {
        List<Violation> violations = new ArrayList<>();
        name(violations, policy.name());
        if (!Tier.DEFAULT.equals(policy.tier()) && writtenThroughCalicosApi(policy)) {
            String tierProblem = KubernetesNames.dns1123Label(policy.tier());
            if (tierProblem != null) {
                violations.add(new Violation("spec.tier", policy.tier(), "is not a valid tier name: " + tierProblem));
            } else if (!policy.name().startsWith(policy.tier() + ".")) {
                // v3 names a policy in a non-default tier <tier>.<name>.
                violations.add(new Violation("metadata.name", policy.name(),
                        "must start with \"" + policy.tier() + ".\" because the policy is in tier \""
                                + policy.tier() + "\""));
            }
        }
        selector(violations, "spec.selector", policy.selector());
        selector(violations, "spec.namespaceSelector", policy.namespaceSelector());
        selector(violations, "spec.serviceAccountSelector", policy.serviceAccountSelector());
        rules(violations, "spec.ingress", policy.ingress());
        rules(violations, "spec.egress", policy.egress());
        // Calico's validatePolicySpec / validateGlobalNetworkPolicy rules, with its wording.
        if (policy.doNotTrack() && policy.preDNAT()) {
            violations.add(new Violation("spec.preDNAT", null,
                    "PreDNAT and DoNotTrack cannot both be true, for a given PolicySpec"));
        }
        if (policy.preDNAT() && !policy.egress().isEmpty()) {
            violations.add(new Violation("spec.egress", null, "PreDNAT PolicySpec cannot have any Egress rules"));
        } else if (policy.preDNAT() && policy.types().contains(PolicyType.EGRESS)) {
            violations.add(new Violation("spec.types", null, "PreDNAT PolicySpec cannot have 'egress' Type"));
        }
        if (!policy.applyOnForward() && (policy.doNotTrack() || policy.preDNAT())) {
            violations.add(new Violation("spec.applyOnForward", null,
                    "ApplyOnForward must be true if either PreDNAT or DoNotTrack is true, for a given PolicySpec"));
        }
        return violations;
    }

    public List<Violation> validate(Profile profile) {
        List<Violation> violations = new ArrayList<>();
        name(violations, profile.name());
        labels(violations, "spec.labelsToApply", profile.labelsToApply());
        rules(violations, "spec.ingress", profile.ingress());
        rules(violations, "spec.egress", profile.egress());
        return violations;
    }

    public List<Violation> validate(Tier tier) {
        List<Violation> violations = new ArrayList<>();
        String problem = KubernetesNames.dns1123Label(tier.name());
        if (problem != null) {
            violations.add(new Violation("metadata.name", tier.name(), "is not a valid tier name: " + problem));
        }
        return violations;
    }

    private static void name(List<Violation> violations, String name) {
        String problem = name == null ? "must be specified" : KubernetesNames.dns1123Subdomain(name);
        if (problem != null) {
            violations.add(new Violation("metadata.name", name, problemPrefix(name) + problem));
        }
    }

    private static void node(List<Violation> violations, String node) {
        if (node == null || node.isEmpty()) {
            violations.add(new Violation("spec.node", null, "must be specified"));
            return;
        }
        String problem = KubernetesNames.dns1123Subdomain(node);
        if (problem != null) {
            violations.add(new Violation("spec.node", node, "is not a valid node name: " + problem));
        }
    }

    private static String problemPrefix(String name) {
        return name == null ? "" : "is not a valid name: ";
    }

    private static void profiles(List<Violation> violations, List<String> profiles) {
        for (int i = 0; i < profiles.size(); i++) {
            String profile = profiles.get(i);
            String problem = KubernetesNames.dns1123Subdomain(profile);
            if (problem != null) {
                violations.add(new Violation("spec.profiles[" + i + "]", profile,
                        "is not a valid profile name: " + problem));
            }
        }
    }

    private static void labels(List<Violation> violations, String field, Map<String, String> labels) {
        labels.forEach((key, value) -> {
            String keyProblem = KubernetesNames.qualifiedName(key);
            if (keyProblem != null) {
                violations.add(new Violation(field, key, "is not a valid label key: " + keyProblem));
            }
            String valueProblem = KubernetesNames.labelValue(value);
            if (valueProblem != null) {
                violations.add(new Violation(field + "." + key, value, "is not a valid label value: " + valueProblem));
            }
        });
    }

    private static void port(List<Violation> violations, String field, EndpointPort port,
            Map<String, Integer> names, int index) {
        if (port.name() == null || port.name().isEmpty()) {
            violations.add(new Violation(field + ".name", null, "must be specified"));
        } else {
            String problem = KubernetesNames.portName(port.name());
            if (problem != null) {
                violations.add(new Violation(field + ".name", port.name(), "is not a valid port name: " + problem));
            }
            Integer first = names.putIfAbsent(port.name(), index);
            if (first != null) {
                violations.add(new Violation(field + ".name", port.name(),
                        "is a duplicate of spec.ports[" + first + "].name"));
            }
        }
        if (port.protocol() == null || !PORT_PROTOCOLS.contains(port.protocol().toLowerCase(Locale.ROOT))) {
            violations.add(new Violation(field + ".protocol", port.protocol(),
                    (port.protocol() == null ? "" : "is not valid: ") + "must be TCP, UDP or SCTP (or 6, 17, 132)"));
        }
        if (port.port() == null) {
            violations.add(new Violation(field + ".port", null, "must be specified"));
        } else if (port.port() < 1 || port.port() > 65535) {
            violations.add(new Violation(field + ".port", String.valueOf(port.port()), "is not between 1 and 65535"));
        }
    }

    private static void rules(List<Violation> violations, String field, List<Rule> rules) {
        for (int i = 0; i < rules.size(); i++) {
            rule(violations, field + "[" + i + "]", rules.get(i));
        }
    }

    private static void rule(List<Violation> violations, String field, Rule rule) {
        if (rule.action() == null || rule.action().isEmpty()) {
            violations.add(new Violation(field + ".action", null, "must be specified (Allow, Deny, Log or Pass)"));
        } else if (!ACTIONS.contains(rule.action().toLowerCase(Locale.ROOT))) {
            violations.add(new Violation(field + ".action", rule.action(),
                    "is not a valid action: must be Allow, Deny, Log or Pass"));
        }
        String protocol = rule.protocol();
        if (protocol != null && !RULE_PROTOCOLS.contains(protocol.toLowerCase(Locale.ROOT)) && !protocolNumber(protocol)) {
            violations.add(new Violation(field + ".protocol", protocol,
                    "is not a valid protocol: must be TCP, UDP, ICMP, ICMPv6, SCTP, UDPLite or a number 1-255"));
        }
        boolean portsAllowed = protocol != null && PORT_RULE_PROTOCOLS.contains(protocol.toLowerCase(Locale.ROOT));
        entity(violations, field + ".source", rule.source(), portsAllowed);
        entity(violations, field + ".destination", rule.destination(), portsAllowed);
    }

    private static boolean protocolNumber(String protocol) {
        if (!PORT_NUMBER.matcher(protocol).matches()) {
            return false;
        }
        int number = Integer.parseInt(protocol);
        return number >= 1 && number <= 255;
    }

    private static void entity(List<Violation> violations, String field, EntityMatch entity, boolean portsAllowed) {
        selector(violations, field + ".selector", entity.selector());
        selector(violations, field + ".notSelector", entity.notSelector());
        selector(violations, field + ".namespaceSelector", entity.namespaceSelector());
        if (entity.serviceAccounts() != null) {
            selector(violations, field + ".serviceAccounts.selector", entity.serviceAccounts().selector());
        }
        networks(violations, field + ".nets", entity.nets());
        networks(violations, field + ".notNets", entity.notNets());
        ports(violations, field + ".ports", entity.ports(), portsAllowed);
        ports(violations, field + ".notPorts", entity.notPorts(), portsAllowed);
    }

    private static void networks(List<Violation> violations, String field, List<String> networks) {
        for (int i = 0; i < networks.size(); i++) {
            String network = networks.get(i);
            if (!IpNetworks.isCidr(network) && !IpNetworks.isAddress(network)) {
                violations.add(new Violation(field + "[" + i + "]", network, "is not a valid IPv4 or IPv6 network (CIDR)"));
            }
        }
    }

    private static void ports(List<Violation> violations, String field, List<String> ports, boolean portsAllowed) {
        if (!ports.isEmpty() && !portsAllowed) {
            // Calico: "rules that specify ports must set protocol to TCP or UDP or SCTP".
            violations.add(new Violation(field, null, "are only allowed when the rule's protocol is TCP, UDP or SCTP"));
        }
        for (int i = 0; i < ports.size(); i++) {
            String port = ports.get(i);
            String problem = portProblem(port);
            if (problem != null) {
                violations.add(new Violation(field + "[" + i + "]", port, problem));
            }
        }
    }

    /** A port is a number, a range {@code min:max}, or the name of a named port. */
    private static String portProblem(String port) {
        if (port == null || port.isEmpty()) {
            return "is not a valid port";
        }
        if (PORT_NUMBER.matcher(port).matches()) {
            int number = Integer.parseInt(port);
            return number <= 65535 ? null : "is not between 0 and 65535";
        }
        Matcher range = PORT_RANGE.matcher(port);
        if (range.matches()) {
            int min = Integer.parseInt(range.group(1));
            int max = Integer.parseInt(range.group(2));
            return max <= 65535 && min <= max ? null : "is not a valid port range: it must be min:max with min <= max <= 65535";
        }
        String nameProblem = KubernetesNames.portName(port);
        return nameProblem == null ? null
                : "is not a valid port, port range or port name (port name " + nameProblem + ")";
    }

    private static void selector(List<Violation> violations, String field, String selector) {
        if (selector == null) {
            return;
        }
        try {
            Selector.parse(selector);
        } catch (SelectorParseException e) {
            // The selector engine's message quotes the selector and points at the column.
            violations.add(new Violation(field, null, e.getMessage()));
        }
    }

    private static String ipHint(String ip) {
        if (IpNetworks.isCidr(ip)) {
            return " (it is a network in CIDR notation; expectedIPs takes plain addresses)";
        }
        if (ip != null && ip.chars().anyMatch(Character::isLetter) && ip.indexOf(':') < 0) {
            return " (host names are not allowed, and never looked up)";
        }
        return "";
    }
}
