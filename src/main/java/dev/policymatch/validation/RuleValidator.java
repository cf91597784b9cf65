package dev.policymatch.validation;

import dev.policymatch.model.EntityMatch;
import dev.policymatch.model.IcmpMatch;
import dev.policymatch.model.Rule;
import dev.policymatch.net.CidrShape;
import dev.policymatch.net.IpNetworks;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Calico's rules for one ingress or egress rule of a policy or profile and its source and destination, as
 * libcalico-go {@code lib/validator/v3/validator.go} (v3.32.1) has them: {@code validateRule},
 * {@code validateEntityRule}, {@code validatePort}, {@code validateProtocol}, {@code validateICMPFields},
 * {@code validateRuleMetadata} and the {@code action}, {@code net} and {@code ipVersion} tags (a rule's services
 * and http matches are {@link ServiceAndHttpRules}'); ports as {@code api/pkg/lib/numorstring/port.go} reads
 * them. Words are exact-case, as in Calico's v3 API (calicoctl v1's lower-case words are translated by the
 * converter before they get here).
 */
final class RuleValidator {
    private static final Set<String> ACTIONS = Set.of("Allow", "Deny", "Log", "Pass");
    /** {@code validateRule} compares with {@code ProtocolFromString}, so only the names count, not 1 or 58. */
    private static final Set<String> ICMP_PROTOCOLS = Set.of("ICMP", "ICMPv6");
    static final Set<String> PROTOCOL_NAMES = Set.of("TCP", "UDP", "ICMP", "ICMPv6", "SCTP", "UDPLite");
    /** numorstring's {@code SupportsPorts}, which compares names without regard to case. */
    private static final Set<String> PORT_PROTOCOLS = Set.of("tcp", "udp", "sctp", "6", "17", "132");
    private static final Pattern PORT_RANGE = Pattern.compile("(\\d{1,5}):(\\d{1,5})");
    private static final Pattern NUMBER = Pattern.compile("\\d{1,5}");
    /** {@code totalAnnotationSizeLimitB}. */
    private static final long ANNOTATIONS_SIZE_LIMIT = 256 * 1024;

    private RuleValidator() {
    }

    static void rules(List<Violation> violations, String field, List<Rule> rules) {
        for (int i = 0; i < rules.size(); i++) {
            rule(violations, field + "[" + i + "]", rules.get(i));
        }
    }

    private static void rule(List<Violation> violations, String field, Rule rule) {
        action(violations, field + ".action", rule.action());
        String protocol = rule.protocol();
        if (protocol != null && !PROTOCOL_NAMES.contains(protocol) && !protocolNumber(protocol)) {
            violations.add(new Violation(field + ".protocol", protocol,
                    "is not a valid protocol: must be TCP, UDP, ICMP, ICMPv6, SCTP, UDPLite or a number 1-255"
                            + caseHint(protocol, PROTOCOL_NAMES)));
        }
        ipVersion(violations, field + ".ipVersion", rule.ipVersion(), protocol);
        icmp(violations, field, rule);
        ServiceAndHttpRules.http(violations, field, rule);
        entity(violations, field + ".source", rule.source());
        entity(violations, field + ".destination", rule.destination());
        portsNeedProtocol(violations, field + ".source", rule.source(), protocol);
        portsNeedProtocol(violations, field + ".destination", rule.destination(), protocol);
        new NetFamilies(violations, field, rule.ipVersion()).scan(rule);
        ServiceAndHttpRules.destinationServicePorts(violations, field + ".destination", rule.destination());
        annotations(violations, field + ".metadata.annotations", rule.annotations());
    }

    /**
     * {@code validateRuleMetadata} → {@code validateObjectMetaAnnotations}: each key, lower-cased, a qualified
     * name; keys and values together at most 256 KiB.
     */
    private static void annotations(List<Violation> violations, String field, Map<String, String> annotations) {
        long size = 0;
        for (Map.Entry<String, String> annotation : annotations.entrySet()) {
            String problem = KubernetesNames.qualifiedName(annotation.getKey().toLowerCase(Locale.ROOT));
            if (problem != null) {
                violations.add(new Violation(field, annotation.getKey(), "is not a valid annotation key: " + problem));
            }
            size += utf8Length(annotation.getKey()) + utf8Length(annotation.getValue());
        }
        if (size > ANNOTATIONS_SIZE_LIMIT) {
            violations.add(new Violation(field, null, "are too large: keys and values total " + size
                    + " bytes, " + (size - ANNOTATIONS_SIZE_LIMIT) + " more than the " + ANNOTATIONS_SIZE_LIMIT
                    + " allowed"));
        }
    }

    private static long utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    /** The {@code ipVersion} tag (4 or 6), then {@code validateRule}: ICMP is IPv4's, ICMPv6 is IPv6's. */
    private static void ipVersion(List<Violation> violations, String field, Integer ipVersion, String protocol) {
        if (ipVersion == null) {
            return;
        }
        if (ipVersion != 4 && ipVersion != 6) {
            violations.add(new Violation(field, ipVersion.toString(), "is not an IP version: must be 4 or 6"));
        } else if ("ICMP".equals(protocol) && ipVersion != 4 || "ICMPv6".equals(protocol) && ipVersion != 6) {
            violations.add(new Violation(field, ipVersion.toString(), "does not match the rule's protocol " + protocol
                    + ", which is IPv" + (ipVersion == 4 ? 6 : 4) + "'s"));
        }
    }

    /** {@code validateRule}: only {@code icmp}, not {@code notICMP}, needs an ICMP protocol. */
    private static void icmp(List<Violation> violations, String field, Rule rule) {
        icmpFields(violations, field + ".icmp", rule.icmp());
        icmpFields(violations, field + ".notICMP", rule.notICMP());
        if (rule.icmp() != null && !ICMP_PROTOCOLS.contains(String.valueOf(rule.protocol()))) {
            violations.add(new Violation(field + ".icmp", null,
                    "needs the rule's protocol to be ICMP or ICMPv6, written as a name (not 1 or 58)"));
        }
    }

    /** {@code ICMPFields}' tags (type 0-254, code 0-255) and {@code validateICMPFields} (no code without a type). */
    private static void icmpFields(List<Violation> violations, String field, IcmpMatch icmp) {
        if (icmp == null) {
            return;
        }
        if (icmp.type() != null && (icmp.type() < 0 || icmp.type() > 254)) {
            violations.add(new Violation(field + ".type", icmp.type().toString(),
                    "is not an ICMP type: must be 0 to 254"));
        }
        if (icmp.code() != null && (icmp.code() < 0 || icmp.code() > 255)) {
            violations.add(new Violation(field + ".code", icmp.code().toString(),
                    "is not an ICMP code: must be 0 to 255"));
        }
        if (icmp.code() != null && icmp.type() == null) {
            violations.add(new Violation(field + ".code", icmp.code().toString(),
                    "needs an ICMP type: a code cannot be matched without one"));
        }
    }

    private static void action(List<Violation> violations, String field, String action) {
        if (action == null || action.isEmpty()) {
            violations.add(new Violation(field, null, "must be specified (Allow, Deny, Log or Pass)"));
        } else if (!ACTIONS.contains(action)) {
            violations.add(new Violation(field, action,
                    "is not a valid action: must be Allow, Deny, Log or Pass" + caseHint(action, ACTIONS)));
        }
    }

    /** " (case matters)" when the value is a valid word in another case, as {@code allow} or {@code tcp}. */
    static String caseHint(String value, Set<String> words) {
        return words.stream().anyMatch(value::equalsIgnoreCase) ? " (case matters)" : "";
    }

    private static boolean protocolNumber(String protocol) {
        if (!NUMBER.matcher(protocol).matches()) {
            return false;
        }
        int number = Integer.parseInt(protocol);
        return number >= 1 && number <= 255;
    }

    private static void entity(List<Violation> violations, String field, EntityMatch entity) {
        SelectorRules.withoutGlobal(violations, field + ".selector", entity.selector());
        SelectorRules.parses(violations, field + ".notSelector", entity.notSelector());
        SelectorRules.globalAlone(violations, field + ".namespaceSelector", entity.namespaceSelector());
        if (entity.serviceAccounts() != null) {
            SelectorRules.parses(violations, field + ".serviceAccounts.selector", entity.serviceAccounts().selector());
        }
        ports(violations, field + ".ports", entity.ports());
        ports(violations, field + ".notPorts", entity.notPorts());
        ServiceAndHttpRules.services(violations, field + ".services", entity);
    }

    /**
     * Without a protocol only named ports may be given (Calico 3.32; earlier versions refused every port);
     * with one, ports need TCP, UDP or SCTP.
     */
    private static void portsNeedProtocol(List<Violation> violations, String field, EntityMatch entity,
            String protocol) {
        portsNeedProtocol(violations, field + ".ports", entity.ports(), protocol);
        portsNeedProtocol(violations, field + ".notPorts", entity.notPorts(), protocol);
    }

    private static void portsNeedProtocol(List<Violation> violations, String field, List<String> ports,
            String protocol) {
        if (protocol == null) {
            if (!ports.stream().allMatch(RuleValidator::named)) {
                violations.add(new Violation(field, null,
                        "numeric ports and port ranges are only allowed when the rule's protocol is TCP, UDP or SCTP"));
            }
        } else if (!ports.isEmpty() && !PORT_PROTOCOLS.contains(protocol.toLowerCase(Locale.ROOT))) {
            violations.add(new Violation(field, null, "are only allowed when the rule's protocol is TCP, UDP or SCTP"));
        }
    }

    private static boolean named(String port) {
        return port != null && !port.isEmpty() && !NUMBER.matcher(port).matches() && !PORT_RANGE.matcher(port).matches();
    }

    private static void ports(List<Violation> violations, String field, List<String> ports) {
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
        if (NUMBER.matcher(port).matches()) {
            int number = Integer.parseInt(port);
            return number >= 1 && number <= 65535 ? null
                    : "is not a valid port: port number must be between 1 and 65535";
        }
        Matcher range = PORT_RANGE.matcher(port);
        if (range.matches()) {
            int min = Integer.parseInt(range.group(1));
            int max = Integer.parseInt(range.group(2));
            return min >= 1 && min <= max && max <= 65535 ? null
                    : "is not a valid port range: it must be min:max with 1 <= min <= max <= 65535";
        }
        String nameProblem = KubernetesNames.portName(port);
        return nameProblem == null ? null
                : "is not a valid port, port range or port name (port name " + nameProblem + ")";
    }

    /**
     * {@code validateRule}'s scan of source nets, source notNets, destination nets and destination notNets, in
     * that order: each entry a strictly masked CIDR, no catch-all CIDR in a notNets, each list of the rule's
     * {@code ipVersion} when it has one, and one IP version in the whole rule, reported on the list that brings
     * in the second version.
     */
    private static final class NetFamilies {
        private final List<Violation> violations;
        private final String rule;
        private final Integer ipVersion;
        private boolean seenV4;
        private boolean seenV6;

        NetFamilies(List<Violation> violations, String rule, Integer ipVersion) {
            this.violations = violations;
            this.rule = rule;
            this.ipVersion = ipVersion;
        }

        void scan(Rule r) {
            list(rule + ".source.nets", r.source().nets(), false);
            list(rule + ".source.notNets", r.source().notNets(), true);
            list(rule + ".destination.nets", r.destination().nets(), false);
            list(rule + ".destination.notNets", r.destination().notNets(), true);
        }

        private void list(String field, List<String> nets, boolean negated) {
            boolean v4 = false;
            boolean v6 = false;
            for (int i = 0; i < nets.size(); i++) {
                CidrShape shape = network(field + "[" + i + "]", nets.get(i), negated);
                v4 |= shape != null && shape.version() == 4;
                v6 |= shape != null && shape.version() == 6;
            }
            if (ipVersion != null && (v4 && ipVersion != 4 || v6 && ipVersion != 6)) {
                violations.add(new Violation(field, null, "holds IPv" + (v4 && ipVersion != 4 ? 4 : 6)
                        + " networks, but the rule's ipVersion is " + ipVersion));
            }
            if (v4 && seenV6 || v6 && seenV4 || v4 && v6) {
                violations.add(new Violation(field, null,
                        "mixes IPv4 and IPv6: all of a rule's nets and notNets must be of one IP version"));
            }
            seenV4 |= v4;
            seenV6 |= v6;
        }

        private CidrShape network(String field, String text, boolean negated) {
            CidrShape shape = IpNetworks.cidrShape(text);
            if (shape == null) {
                violations.add(new Violation(field, text, IpNetworks.isAddress(text)
                        ? "is not a CIDR: write " + IpNetworks.cidrOrIp(text) + " for this one address"
                        : "is not a valid IPv4 or IPv6 network (CIDR)"));
                return null;
            }
            if (shape.hostBitsSet()) {
                violations.add(new Violation(field, text,
                        "is not a network address: host bits are set (the network is " + shape.network() + ")"));
            }
            // Calico matches the IPv4 catch-all by its text only, and the IPv6 one by its parsed network.
            if (negated && (text.equals("0.0.0.0/0") || shape.version() == 6 && shape.everyAddress())) {
                violations.add(new Violation(field, text,
                        "is a catch-all CIDR: in notNets it makes the rule match no traffic"));
            }
            return shape;
        }
    }
}
