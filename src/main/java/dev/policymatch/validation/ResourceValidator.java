package dev.policymatch.validation;

import dev.policymatch.model.CalicoObject;
import dev.policymatch.model.DefaultAction;
import dev.policymatch.model.EndpointPort;
import dev.policymatch.model.HostEndpoint;
import dev.policymatch.model.Policy;
import dev.policymatch.model.PolicyType;
import dev.policymatch.model.Profile;
import dev.policymatch.model.StagedAction;
import dev.policymatch.model.Tier;
import dev.policymatch.model.WorkloadEndpoint;
import dev.policymatch.net.CidrShape;
import dev.policymatch.net.IpNetworks;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Calico's rules for the resources PolicyMatch reads (libcalico-go {@code lib/validator/v3/validator.go} at
 * v3.32.1, plus the Kubernetes name and label rules it applies and the few rules Calico's 3.32 CRD schemas add),
 * returning every violation, not only the first. Field paths follow the v3/CRD layout ({@code spec.node}),
 * whatever dialect a resource came in. Rules of a rule live in {@link RuleValidator} and
 * {@link ServiceAndHttpRules}; docs/cli.md lists every rule, the Calico versions each follows, and every
 * deliberate difference.
 *
 * <p>Stateless and thread-safe; never throws for bad user data and never resolves names.
 */
public final class ResourceValidator {

    /** Linux interface names (IFNAMSIZ - 1 = 15 characters); {@code *} means every interface of the host. */
    private static final Pattern INTERFACE_NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,15}");
    /** {@code validateEndpointPort}: a protocol that supports ports, named exactly. */
    private static final Set<String> PORT_PROTOCOLS = Set.of("TCP", "UDP", "SCTP", "6", "17", "132");
    private static final String LABEL = KubernetesNames.DNS1123_LABEL;
    /** {@code globalNetworkPolicyNameRegex}: at most one dot. */
    private static final Pattern GLOBAL_POLICY_NAME = Pattern.compile("(" + LABEL + "\\.)?" + LABEL);
    /** {@code networkPolicyNameRegex}: at most one dot, or the names Calico gives converted Kubernetes policies. */
    private static final Pattern POLICY_NAME = Pattern.compile(
            LABEL + "(\\." + LABEL + ")?|(knp|ossg)\\.default\\." + KubernetesNames.DNS1123_SUBDOMAIN);
    /** {@code validateTier}: the built-in tiers of Calico 3.32 and the order each must have. */
    private static final Map<String, Double> BUILT_IN_TIER_ORDERS = Map.of(
            Tier.DEFAULT, 1_000_000.0, Tier.KUBE_ADMIN, 1_000.0, Tier.KUBE_BASELINE, 10_000_000.0);

    /** {@code PolicyPerformanceHint}'s values in Calico 3.32. */
    private static final Set<String> PERFORMANCE_HINTS = Set.of("AssumeNeededOnEveryNode");

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
        if (endpoint.node() == null || endpoint.node().isEmpty()) {
            violations.add(new Violation("spec.node", null, "must be specified"));
        }
        node(violations, endpoint.node());
        String interfaceName = endpoint.interfaceName();
        boolean hasInterface = interfaceName != null && !interfaceName.isEmpty();
        if (hasInterface && !interfaceName.equals(HostEndpoint.ALL_INTERFACES) && !INTERFACE_NAME.matcher(interfaceName).matches()) {
            violations.add(new Violation("spec.interfaceName", interfaceName,
                    "is not a valid interface name: it must be \"*\" or 1 to 15 of a-z, A-Z, 0-9, '_', '.' and '-'"));
        }
        // Calico: "no interface or expected IPs have been specified".
        if (!hasInterface && endpoint.expectedIPs().isEmpty()) {
            violations.add(new Violation("spec", null,
                    "at least one of interfaceName and expectedIPs must be specified"));
        }
        expectedIPs(violations, endpoint.expectedIPs());
        profiles(violations, endpoint.profiles());
        for (int i = 0; i < endpoint.ports().size(); i++) {
            port(violations, "spec.ports[" + i + "]", endpoint.ports().get(i));
        }
        return violations;
    }

    /**
     * Each an address; an exact repeat is refused because Calico's 3.32 HostEndpoint CRD makes the list a set
     * (the Go validator has no such rule, and the same address written two ways passes both).
     */
    private static void expectedIPs(List<Violation> violations, List<String> ips) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < ips.size(); i++) {
            String ip = ips.get(i);
            String field = "spec.expectedIPs[" + i + "]";
            if (!IpNetworks.isAddress(ip)) {
                violations.add(new Violation(field, ip, "is not a valid IPv4 or IPv6 address" + ipHint(ip)));
                continue;
            }
            Integer first = seen.putIfAbsent(ip, i);
            if (first != null) {
                violations.add(new Violation(field, ip, "is a duplicate of spec.expectedIPs[" + first
                        + "] (Calico's HostEndpoint CRD holds expectedIPs as a set)"));
            }
        }
    }

    /** Calico's workload endpoint: node optional, interfaceName required, each ipNetworks entry one address. */
    public List<Violation> validate(WorkloadEndpoint endpoint) {
        List<Violation> violations = new ArrayList<>();
        labels(violations, "metadata.labels", endpoint.labels());
        node(violations, endpoint.node());
        String interfaceName = endpoint.interfaceName();
        if (interfaceName == null || interfaceName.isEmpty()) {
            violations.add(new Violation("spec.interfaceName", null, "must be specified"));
        } else if (!INTERFACE_NAME.matcher(interfaceName).matches()) {
            violations.add(new Violation("spec.interfaceName", interfaceName,
                    "is not a valid interface name: it must be 1 to 15 of a-z, A-Z, 0-9, '_', '.' and '-'"));
        }
        for (int i = 0; i < endpoint.ipNetworks().size(); i++) {
            workloadNetwork(violations, "spec.ipNetworks[" + i + "]", endpoint.ipNetworks().get(i));
        }
        profiles(violations, endpoint.profiles());
        WorkloadEndpointFields.check(violations, endpoint);
        return violations;
    }

    /** The {@code net} tag, then {@code validateWorkloadEndpointSpec}'s /32 or /128. */
    private static void workloadNetwork(List<Violation> violations, String field, String network) {
        if (netTag(violations, field, network) && !IpNetworks.isAddress(network)
                && !IpNetworks.cidrShape(network).singleAddress()) {
            violations.add(new Violation(field, network,
                    "contains more than one address: a workload endpoint's networks must be /32 (IPv4) or /128 (IPv6)"));
        }
    }

    /** The {@code net} tag ({@code validateIPNetwork}): an address, or a CIDR without host bits; false if refused. */
    static boolean netTag(List<Violation> violations, String field, String network) {
        if (IpNetworks.isAddress(network)) {
            return true;
        }
        CidrShape shape = IpNetworks.cidrShape(network);
        if (shape == null) {
            violations.add(new Violation(field, network, "is not a valid IPv4 or IPv6 network (CIDR)"));
        } else if (shape.hostBitsSet()) {
            violations.add(new Violation(field, network,
                    "is not a network address: host bits are set (the network is " + shape.network() + ")"));
        }
        return shape != null && !shape.hostBitsSet();
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
        stagedDeletion(violations, policy);
        if (writtenThroughCalicosApi(policy)) {
            policyName(violations, policy);
        } else {
            name(violations, policy.name());
        }
        if (!Tier.DEFAULT.equals(policy.tier()) && writtenThroughCalicosApi(policy)) {
            // Calico's validator takes any subdomain here, but a tier's own name is a label, so no tier by
            // another name can exist and Calico refuses the policy when it looks the tier up.
            String tierProblem = KubernetesNames.dns1123Label(policy.tier());
            if (tierProblem != null) {
                violations.add(new Violation("spec.tier", policy.tier(), "is not a valid tier name: " + tierProblem));
            }
        }
        SelectorRules.withoutGlobal(violations, "spec.selector", policy.selector());
        SelectorRules.withoutGlobal(violations, "spec.namespaceSelector", policy.namespaceSelector());
        SelectorRules.withoutGlobal(violations, "spec.serviceAccountSelector", policy.serviceAccountSelector());
        RuleValidator.rules(violations, "spec.ingress", policy.ingress());
        RuleValidator.rules(violations, "spec.egress", policy.egress());
        ServiceAndHttpRules.policyRules(violations, policy);
        untrackedAndPreDnat(violations, policy);
        performanceHints(violations, policy.performanceHints());
        return violations;
    }

    /** The {@code performanceHints} tags of Calico's policy specs: {@code unique}, each {@code oneof} the hints. */
    private static void performanceHints(List<Violation> violations, List<String> hints) {
        for (int i = 0; i < hints.size(); i++) {
            if (!PERFORMANCE_HINTS.contains(hints.get(i))) {
                violations.add(new Violation("spec.performanceHints[" + i + "]", hints.get(i),
                        "is not a valid performance hint: must be " + String.join(" or ", PERFORMANCE_HINTS)
                                + RuleValidator.caseHint(hints.get(i), PERFORMANCE_HINTS)));
            }
        }
        if (Set.copyOf(hints).size() < hints.size()) {
            violations.add(new Violation("spec.performanceHints", null, "must not name a hint more than once"));
        }
    }

    /**
     * The name as a subdomain, then Calico's policy name pattern; no tier prefix is required (Calico 3.32
     * dropped the rule that 3.29 to 3.31 had).
     */
    private static void policyName(List<Violation> violations, Policy policy) {
        int before = violations.size();
        name(violations, policy.name());
        if (violations.size() > before) {
            return;
        }
        if (policy.isNamespaced() && !POLICY_NAME.matcher(policy.name()).matches()) {
            violations.add(new Violation("metadata.name", policy.name(), "is not a valid NetworkPolicy name: "
                    + "it must be one or two lowercase RFC 1123 labels joined by '.' (or knp.default.<name>)"));
        } else if (!policy.isNamespaced() && !GLOBAL_POLICY_NAME.matcher(policy.name()).matches()) {
            violations.add(new Violation("metadata.name", policy.name(), "is not a valid GlobalNetworkPolicy name: "
                    + "it must be one or two lowercase RFC 1123 labels joined by '.'"));
        }
    }

    /**
     * {@code validateStagedGlobalNetworkPolicy} / {@code validateStagedNetworkPolicy} (validator.go, v3.32.1): a
     * staged deletion names the policy to delete and nothing else ({@code types} cannot be told apart from its
     * default here, the model defaulting it as Calico does).
     */
    private static void stagedDeletion(List<Violation> violations, Policy policy) {
        if (policy.stagedAction() != StagedAction.DELETE) {
            return;
        }
        boolean empty = (policy.selector() == null || policy.selector().isEmpty()) && policy.order() == null
                && policy.ingress().isEmpty() && policy.egress().isEmpty() && !policy.doNotTrack()
                && !policy.preDNAT() && !policy.applyOnForward() && policy.namespaceSelector() == null
                && policy.serviceAccountSelector() == null;
        if (!empty) {
            violations.add(new Violation("spec", null,
                    "Spec fields, except Tier, should all be zero-value if stagedAction is Delete"));
        }
    }

    /** Calico's {@code validateGlobalNetworkPolicySpec} rules, with its wording. */
    private static void untrackedAndPreDnat(List<Violation> violations, Policy policy) {
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
    }

    public List<Violation> validate(Profile profile) {
        List<Violation> violations = new ArrayList<>();
        name(violations, profile.name());
        if (profile.name().equals(Profile.DEFAULT_ALLOW.name())) {
            // libcalico-go lib/clientv3/profile.go refuses to create or update it, before its validator runs.
            violations.add(new Violation("metadata.name", profile.name(),
                    "is the profile Calico provides (allow all ingress and egress); it cannot be created or updated"));
        }
        labels(violations, "spec.labelsToApply", profile.labelsToApply());
        RuleValidator.rules(violations, "spec.ingress", profile.ingress());
        RuleValidator.rules(violations, "spec.egress", profile.egress());
        return violations;
    }

    public List<Violation> validate(Tier tier) {
        List<Violation> violations = new ArrayList<>();
        String problem = KubernetesNames.dns1123Label(tier.name());
        if (problem != null) {
            violations.add(new Violation("metadata.name", tier.name(), "is not a valid tier name: " + problem));
        }
        if (BUILT_IN_TIER_ORDERS.containsKey(tier.name())) {
            // Calico 3.32's CRD rules (tier.go): a built-in tier keeps its default action; absent is Deny.
            DefaultAction required = Tier.builtIn(tier.name()).orElseThrow().defaultAction();
            if (tier.defaultAction() != required) {
                violations.add(new Violation("spec.defaultAction", tier.defaultAction().value(),
                        "is not valid: the " + tier.name() + " tier's default action must be " + required.value()));
            }
        }
        Double builtInOrder = BUILT_IN_TIER_ORDERS.get(tier.name());
        if (builtInOrder != null && !builtInOrder.equals(tier.order())) {
            violations.add(new Violation("spec.order", tier.order() == null ? null : plain(tier.order()),
                    (tier.order() == null ? "" : "is not valid: ") + "the " + tier.name()
                            + " tier's order must be " + plain(builtInOrder)));
        }
        return violations;
    }

    /** {@code 1000000}, not {@code 1000000.0} or Go's {@code 1e+06}. */
    private static String plain(double number) {
        return BigDecimal.valueOf(number).stripTrailingZeros().toPlainString();
    }

    private static void name(List<Violation> violations, String name) {
        String problem = name == null ? "must be specified" : KubernetesNames.dns1123Subdomain(name);
        if (problem != null) {
            violations.add(new Violation("metadata.name", name, problemPrefix(name) + problem));
        }
    }

    /** Checks a node name when there is one; whether one is required depends on the kind. */
    private static void node(List<Violation> violations, String node) {
        if (node == null || node.isEmpty()) {
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

    private static void port(List<Violation> violations, String field, EndpointPort port) {
        if (port.name() == null || port.name().isEmpty()) {
            violations.add(new Violation(field + ".name", null, "must be specified"));
        } else {
            portName(violations, field + ".name", port.name());
        }
        portProtocol(violations, field + ".protocol", port.protocol());
        portNumber(violations, field + ".port", port.port());
    }

    /** The {@code portName} tag on a name that is there. */
    static void portName(List<Violation> violations, String field, String name) {
        String problem = KubernetesNames.portName(name);
        if (problem != null) {
            violations.add(new Violation(field, name, "is not a valid port name: " + problem));
        }
    }

    /** {@code validateProtocol} and {@code SupportsPorts}: a protocol that has ports, named exactly. */
    static void portProtocol(List<Violation> violations, String field, String protocol) {
        if (protocol == null || !PORT_PROTOCOLS.contains(protocol)) {
            violations.add(new Violation(field, protocol,
                    (protocol == null ? "" : "is not valid: ") + "must be TCP, UDP or SCTP (or 6, 17, 132)"
                            + (protocol == null ? "" : RuleValidator.caseHint(protocol, PORT_PROTOCOLS))));
        }
    }

    /** A port number other than 0 ({@code gt=0} on a {@code uint16}). */
    static void portNumber(List<Violation> violations, String field, Integer port) {
        if (port == null) {
            violations.add(new Violation(field, null, "must be specified"));
        } else if (port < 1 || port > 65535) {
            violations.add(new Violation(field, String.valueOf(port), "is not between 1 and 65535"));
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
