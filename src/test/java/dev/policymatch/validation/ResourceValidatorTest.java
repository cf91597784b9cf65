package dev.policymatch.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.policymatch.model.CalicoObject;
import dev.policymatch.model.EndpointPort;
import dev.policymatch.model.EntityMatch;
import dev.policymatch.model.DefaultAction;
import dev.policymatch.model.HostEndpoint;
import dev.policymatch.model.HttpMatch;
import dev.policymatch.model.IcmpMatch;
import dev.policymatch.model.IpNat;
import dev.policymatch.model.Policy;
import dev.policymatch.model.PolicyKind;
import dev.policymatch.model.PolicyType;
import dev.policymatch.model.Profile;
import dev.policymatch.model.Rule;
import dev.policymatch.model.ServiceAccountMatch;
import dev.policymatch.model.ServiceMatch;
import dev.policymatch.model.Tier;
import dev.policymatch.model.WorkloadEndpoint;
import dev.policymatch.model.WorkloadEndpointPort;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every rule, valid and invalid; "-" as the expected messages means valid, " ;; " separates several. */
class ResourceValidatorTest {

    private final ResourceValidator validator = new ResourceValidator();

    private static HostEndpoint host(String name, String node, String interfaceName, String expectedIPs) {
        return new HostEndpoint(name, node, null, interfaceName,
                expectedIPs == null ? List.of() : Arrays.asList(expectedIPs.split(" ")), List.of(), List.of());
    }

    private static List<String> messages(List<Violation> violations) {
        return violations.stream().map(Violation::message).toList();
    }

    private static List<String> expected(String messages) {
        return messages == null ? List.of() : Arrays.asList(messages.split(" ;; "));
    }

    @ParameterizedTest(name = "interfaceName {0}")
    @CsvSource(nullValues = "-", delimiter = '|', textBlock = """
            eth0             | -
            '*'              | -
            bond0.100        | -
            enp0s31f6        | -
            veth_a-b.c       | -
            abcdefghijklmno  | -
            abcdefghijklmnop | spec.interfaceName: "abcdefghijklmnop" is not a valid interface name: it must be "*" or 1 to 15 of a-z, A-Z, 0-9, '_', '.' and '-'
            eth0/1           | spec.interfaceName: "eth0/1" is not a valid interface name: it must be "*" or 1 to 15 of a-z, A-Z, 0-9, '_', '.' and '-'
            'eth 0'          | spec.interfaceName: "eth 0" is not a valid interface name: it must be "*" or 1 to 15 of a-z, A-Z, 0-9, '_', '.' and '-'
            eth*             | spec.interfaceName: "eth*" is not a valid interface name: it must be "*" or 1 to 15 of a-z, A-Z, 0-9, '_', '.' and '-'
            """)
    void interfaceName(String interfaceName, String messages) {
        assertThat(messages(validator.validate(host("h1-eth0", "h1", interfaceName, null)))).isEqualTo(expected(messages));
    }

    @ParameterizedTest(name = "expectedIPs {0}")
    @CsvSource(nullValues = "-", delimiter = '|', textBlock = """
            10.0.0.1                     | -
            10.0.0.1 10.0.0.2            | -
            2001:db8::1                  | -
            ::                           | -
            ::ffff:10.0.0.1              | -
            fe80::1:2:3:4:5              | -
            1:2:3:4:5:6:7:8              | -
            255.255.255.255              | -
            10.0.0.300                   | spec.expectedIPs[0]: "10.0.0.300" is not a valid IPv4 or IPv6 address
            10.0.0.1 10.0.0.300          | spec.expectedIPs[1]: "10.0.0.300" is not a valid IPv4 or IPv6 address
            10.0.0                       | spec.expectedIPs[0]: "10.0.0" is not a valid IPv4 or IPv6 address
            010.0.0.1                    | spec.expectedIPs[0]: "010.0.0.1" is not a valid IPv4 or IPv6 address
            1:2:3:4:5:6:7:8:9            | spec.expectedIPs[0]: "1:2:3:4:5:6:7:8:9" is not a valid IPv4 or IPv6 address
            1::2::3                      | spec.expectedIPs[0]: "1::2::3" is not a valid IPv4 or IPv6 address
            fe80::1%eth0                 | spec.expectedIPs[0]: "fe80::1%eth0" is not a valid IPv4 or IPv6 address
            12345::                      | spec.expectedIPs[0]: "12345::" is not a valid IPv4 or IPv6 address
            10.0.0.0/24                  | spec.expectedIPs[0]: "10.0.0.0/24" is not a valid IPv4 or IPv6 address (it is a network in CIDR notation; expectedIPs takes plain addresses)
            2001:db8::/64                | spec.expectedIPs[0]: "2001:db8::/64" is not a valid IPv4 or IPv6 address (it is a network in CIDR notation; expectedIPs takes plain addresses)
            myhost.example.com           | spec.expectedIPs[0]: "myhost.example.com" is not a valid IPv4 or IPv6 address (host names are not allowed, and never looked up)
            localhost                    | spec.expectedIPs[0]: "localhost" is not a valid IPv4 or IPv6 address (host names are not allowed, and never looked up)
            10.0.0.1 10.0.0.1            | spec.expectedIPs[1]: "10.0.0.1" is a duplicate of spec.expectedIPs[0] (Calico's HostEndpoint CRD holds expectedIPs as a set)
            2001:db8::1 2001:db8:0::1    | -
            """)
    void expectedIPs(String ips, String messages) {
        assertThat(messages(validator.validate(host("h1-eth0", "h1", null, ips)))).isEqualTo(expected(messages));
    }

    @ParameterizedTest(name = "name {0}, node {1}, interface {2}, IPs {3}")
    @CsvSource(nullValues = "-", delimiter = '|', textBlock = """
            h1-eth0         | h1              | eth0 | -        | -
            eth0            | myhost          | -    | 10.0.0.1 | -
            h1.eth0         | host-1.example  | '*'  | -        | -
            h1-eth0         | -               | eth0 | -        | spec.node: must be specified
            h1-eth0         | h1              | -    | -        | spec: at least one of interfaceName and expectedIPs must be specified
            h1-eth0         | -               | -    | -        | spec.node: must be specified ;; spec: at least one of interfaceName and expectedIPs must be specified
            Eth0            | h1              | eth0 | -        | metadata.name: "Eth0" is not a valid name: a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character
            h1_eth0         | h1              | eth0 | -        | metadata.name: "h1_eth0" is not a valid name: a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character
            h1-eth0         | My_Host         | eth0 | -        | spec.node: "My_Host" is not a valid node name: a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character
            h1-eth0         | -h1             | eth0 | -        | spec.node: "-h1" is not a valid node name: a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character
            """)
    void namesNodeAndInterfaceOrIPs(String name, String node, String interfaceName, String ips, String messages) {
        assertThat(messages(validator.validate(host(name, node, interfaceName, ips)))).isEqualTo(expected(messages));
    }

    @Test
    void namesAreAtMost253Characters() {
        String longest = "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(61);
        assertThat(validator.validate(host(longest, "h1", "eth0", null))).isEmpty();
        assertThat(messages(validator.validate(host(longest + "d", "h1", "eth0", null))))
                .containsExactly("metadata.name: \"" + longest.substring(0, 80) + "\"... (254 characters) is not a valid name: "
                        + "must be no more than 253 characters");
    }

    @ParameterizedTest(name = "label {0}={1}")
    @CsvSource(nullValues = "-", delimiter = '|', textBlock = """
            env                         | prod      | -
            projectcalico.org/namespace | shop      | -
            app.kubernetes.io/name      | web-1.2_3 | -
            tier                        | ''        | -
            -env                        | prod      | metadata.labels: "-env" is not a valid label key: name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character
            Example.COM/env             | prod      | metadata.labels: "Example.COM/env" is not a valid label key: prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character
            /env                        | prod      | metadata.labels: "/env" is not a valid label key: prefix part must be non-empty
            env                         | prod env  | metadata.labels.env: "prod env" is not a valid label value: a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character
            env                         | prod-     | metadata.labels.env: "prod-" is not a valid label value: a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character
            """)
    void labels(String key, String value, String messages) {
        HostEndpoint endpoint = new HostEndpoint("h1-eth0", "h1", new TreeMap<>(Map.of(key, value)), "eth0",
                List.of(), List.of(), List.of());
        assertThat(messages(validator.validate(endpoint))).isEqualTo(expected(messages));
    }

    @Test
    void labelLengths() {
        HostEndpoint endpoint = new HostEndpoint("h1-eth0", "h1",
                new TreeMap<>(Map.of("k".repeat(64), "v", "ok", "v".repeat(64))), "eth0", List.of(), List.of(), List.of());
        assertThat(messages(validator.validate(endpoint))).containsExactly(
                "metadata.labels: \"" + "k".repeat(64) + "\" is not a valid label key: name part must be no more than 63 characters",
                "metadata.labels.ok: \"" + "v".repeat(64) + "\" is not a valid label value: must be no more than 63 characters");
    }

    @ParameterizedTest(name = "profile {0}")
    @CsvSource(nullValues = "-", delimiter = '|', textBlock = """
            profile1        | -
            kns.default     | -
            Profile_1       | spec.profiles[0]: "Profile_1" is not a valid profile name: a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character
            """)
    void profileNames(String profile, String messages) {
        HostEndpoint endpoint = new HostEndpoint("h1-eth0", "h1", null, "eth0", List.of(), List.of(profile), List.of());
        assertThat(messages(validator.validate(endpoint))).isEqualTo(expected(messages));
    }

    @ParameterizedTest(name = "port {0} {1} {2}")
    @CsvSource(nullValues = "-", delimiter = '|', textBlock = """
            ssh      | TCP  | 22    | -
            dns      | UDP  | 53    | -
            dns      | udp  | 53    | spec.ports[0].protocol: "udp" is not valid: must be TCP, UDP or SCTP (or 6, 17, 132) (case matters)
            diameter | SCTP | 3868  | -
            web      | 6    | 65535 | -
            ssh      | TCP  | 0     | spec.ports[0].port: "0" is not between 1 and 65535
            ssh      | TCP  | 65536 | spec.ports[0].port: "65536" is not between 1 and 65535
            ssh      | TCP  | -     | spec.ports[0].port: must be specified
            ssh      | ICMP | 22    | spec.ports[0].protocol: "ICMP" is not valid: must be TCP, UDP or SCTP (or 6, 17, 132)
            ssh      | -    | 22    | spec.ports[0].protocol: must be TCP, UDP or SCTP (or 6, 17, 132)
            SSH      | TCP  | 22    | spec.ports[0].name: "SSH" is not a valid port name: must contain only lower case alphanumeric characters and '-'
            8080     | TCP  | 22    | spec.ports[0].name: "8080" is not a valid port name: must contain at least one letter
            a--b     | TCP  | 22    | spec.ports[0].name: "a--b" is not a valid port name: must not contain consecutive hyphens
            -ssh     | TCP  | 22    | spec.ports[0].name: "-ssh" is not a valid port name: must not begin or end with a hyphen
            a-very-long-port | TCP | 22 | spec.ports[0].name: "a-very-long-port" is not a valid port name: must be 1 to 15 characters
            -        | TCP  | 22    | spec.ports[0].name: must be specified
            """)
    void ports(String name, String protocol, Integer port, String messages) {
        HostEndpoint endpoint = new HostEndpoint("h1-eth0", "h1", null, "eth0", List.of(), List.of(),
                List.of(new EndpointPort(name, protocol, port)));
        assertThat(messages(validator.validate(endpoint))).isEqualTo(expected(messages));
    }

    /** Calico has no rule on repeated port names: "should accept HostEndpointSpec with name-clashing ports". */
    @Test
    void repeatedPortNamesAreAccepted() {
        HostEndpoint endpoint = new HostEndpoint("h1-eth0", "h1", null, "eth0", List.of(), List.of(),
                List.of(new EndpointPort("dns", "TCP", 53), new EndpointPort("dns", "UDP", 53),
                        new EndpointPort("ssh", "TCP", 22), new EndpointPort("ssh", "TCP", 2222)));
        assertThat(validator.validate(endpoint)).isEmpty();
    }

    @Test
    void allViolationsAreReported() {
        HostEndpoint endpoint = new HostEndpoint("Bad_Name", null, null, "eth0/1",
                List.of("10.0.0.1", "10.0.0.300", "10.0.0.1"), List.of("P"), List.of());
        assertThat(validator.validate(endpoint)).extracting(Violation::field).containsExactly(
                "metadata.name", "spec.node", "spec.interfaceName", "spec.expectedIPs[1]", "spec.expectedIPs[2]",
                "spec.profiles[0]");
    }

    private static Policy policy(String selector, boolean doNotTrack, boolean preDNAT, boolean applyOnForward,
            List<Rule> ingress, List<Rule> egress, Set<PolicyType> types) {
        return new Policy("p", null, null, 100.0, selector, types, ingress, egress, doNotTrack, preDNAT,
                applyOnForward, null, null);
    }

    private static final Rule ALLOW = new Rule("Allow", null, null, null);

    @ParameterizedTest(name = "doNotTrack={0} preDNAT={1} applyOnForward={2} egress={3} types={4}")
    @CsvSource(nullValues = "-", delimiter = '|', textBlock = """
            false | false | false | false | -              | -
            true  | false | true  | true  | -              | -
            false | true  | true  | false | -              | -
            false | true  | true  | false | Ingress        | -
            true  | true  | true  | false | -              | spec.preDNAT: PreDNAT and DoNotTrack cannot both be true, for a given PolicySpec
            true  | false | false | false | -              | spec.applyOnForward: ApplyOnForward must be true if either PreDNAT or DoNotTrack is true, for a given PolicySpec
            false | true  | false | false | -              | spec.applyOnForward: ApplyOnForward must be true if either PreDNAT or DoNotTrack is true, for a given PolicySpec
            false | true  | true  | true  | -              | spec.egress: PreDNAT PolicySpec cannot have any Egress rules
            false | true  | true  | false | Egress         | spec.types: PreDNAT PolicySpec cannot have 'egress' Type
            true  | true  | false | true  | -              | spec.preDNAT: PreDNAT and DoNotTrack cannot both be true, for a given PolicySpec ;; spec.egress: PreDNAT PolicySpec cannot have any Egress rules ;; spec.applyOnForward: ApplyOnForward must be true if either PreDNAT or DoNotTrack is true, for a given PolicySpec
            """)
    void untrackedAndPreDnatRules(boolean doNotTrack, boolean preDNAT, boolean applyOnForward, boolean egress,
            String types, String messages) {
        Policy policy = policy("all()", doNotTrack, preDNAT, applyOnForward, List.of(ALLOW),
                egress ? List.of(ALLOW) : List.of(), types == null ? null : Set.of(PolicyType.fromCalicoName(types)));
        assertThat(messages(validator.validate(policy))).isEqualTo(expected(messages));
    }

    @ParameterizedTest(name = "selector {0}")
    @CsvSource(nullValues = "-", delimiter = '|', textBlock = """
            role == 'db'                      | true
            all()                             | true
            has(role) && env in {'a', 'b'}    | true
            role = 'db'                       | false
            role == 'db                       | false
            """)
    void everySelectorParses(String selector, boolean valid) {
        EntityMatch entity = new EntityMatch(selector, selector, selector,
                new ServiceAccountMatch(List.of("api"), selector), null, null, null, null);
        Policy policy = new Policy("p", null, null, null, selector, null,
                List.of(new Rule("Allow", null, entity, entity)), List.of(), false, false, false, selector, selector);
        List<Violation> violations = validator.validate(policy);
        if (valid) {
            assertThat(violations).isEmpty();
        } else {
            assertThat(violations).extracting(Violation::field).containsExactly(
                    "spec.selector", "spec.namespaceSelector", "spec.serviceAccountSelector",
                    "spec.ingress[0].source.selector", "spec.ingress[0].source.notSelector",
                    "spec.ingress[0].source.namespaceSelector", "spec.ingress[0].source.serviceAccounts.selector",
                    "spec.ingress[0].destination.selector", "spec.ingress[0].destination.notSelector",
                    "spec.ingress[0].destination.namespaceSelector",
                    "spec.ingress[0].destination.serviceAccounts.selector");
            assertThat(violations.get(0).message()).startsWith("spec.selector: ").contains("at column");
        }
    }

    @ParameterizedTest(name = "rule {0} {1} nets={2} ports={3}")
    @CsvSource(nullValues = "-", delimiter = '|', textBlock = """
            Allow     | TCP    | 10.0.0.0/8   | 80          | -
            Allow     | TCP    | 10.0.0.1/32  | 8000:8080   | -
            Deny      | UDP    | 2001:db8::/32| dns         | -
            Pass      | 6      | -            | -           | -
            Log       | ICMP   | -            | -           | -
            Allow     | -      | -            | http        | -
            allow     | tcp    | 10.0.0.1     | 8000:8080   | spec.ingress[0].action: "allow" is not a valid action: must be Allow, Deny, Log or Pass (case matters) ;; spec.ingress[0].protocol: "tcp" is not a valid protocol: must be TCP, UDP, ICMP, ICMPv6, SCTP, UDPLite or a number 1-255 (case matters) ;; spec.ingress[0].source.nets[0]: "10.0.0.1" is not a CIDR: write 10.0.0.1/32 for this one address
            next-tier | -      | -            | -           | spec.ingress[0].action: "next-tier" is not a valid action: must be Allow, Deny, Log or Pass
            Accept    | TCP    | -            | -           | spec.ingress[0].action: "Accept" is not a valid action: must be Allow, Deny, Log or Pass
            -         | TCP    | -            | -           | spec.ingress[0].action: must be specified (Allow, Deny, Log or Pass)
            Allow     | HTTP   | -            | -           | spec.ingress[0].protocol: "HTTP" is not a valid protocol: must be TCP, UDP, ICMP, ICMPv6, SCTP, UDPLite or a number 1-255
            Allow     | 256    | -            | -           | spec.ingress[0].protocol: "256" is not a valid protocol: must be TCP, UDP, ICMP, ICMPv6, SCTP, UDPLite or a number 1-255
            Allow     | TCP    | 10.0.0.0/33  | -           | spec.ingress[0].source.nets[0]: "10.0.0.0/33" is not a valid IPv4 or IPv6 network (CIDR)
            Allow     | TCP    | 10.0.0.1/8   | -           | spec.ingress[0].source.nets[0]: "10.0.0.1/8" is not a network address: host bits are set (the network is 10.0.0.0/8)
            Allow     | TCP    | fd00::1      | -           | spec.ingress[0].source.nets[0]: "fd00::1" is not a CIDR: write fd00::1/128 for this one address
            Allow     | TCP    | -            | 70000       | spec.ingress[0].destination.ports[0]: "70000" is not a valid port: port number must be between 1 and 65535
            Allow     | TCP    | -            | 0           | spec.ingress[0].destination.ports[0]: "0" is not a valid port: port number must be between 1 and 65535
            Allow     | TCP    | -            | 0:80        | spec.ingress[0].destination.ports[0]: "0:80" is not a valid port range: it must be min:max with 1 <= min <= max <= 65535
            Allow     | TCP    | -            | 90:80       | spec.ingress[0].destination.ports[0]: "90:80" is not a valid port range: it must be min:max with 1 <= min <= max <= 65535
            Allow     | ICMP   | -            | 80          | spec.ingress[0].destination.ports: are only allowed when the rule's protocol is TCP, UDP or SCTP
            Allow     | ICMP   | -            | http        | spec.ingress[0].destination.ports: are only allowed when the rule's protocol is TCP, UDP or SCTP
            Allow     | -      | -            | 80          | spec.ingress[0].destination.ports: numeric ports and port ranges are only allowed when the rule's protocol is TCP, UDP or SCTP
            Allow     | -      | -            | 80:90       | spec.ingress[0].destination.ports: numeric ports and port ranges are only allowed when the rule's protocol is TCP, UDP or SCTP
            """)
    void rules(String action, String protocol, String nets, String ports, String messages) {
        EntityMatch source = new EntityMatch(null, null, null, null,
                nets == null ? null : List.of(nets), null, null, null);
        EntityMatch destination = new EntityMatch(null, null, null, null, null, null,
                ports == null ? null : List.of(ports), null);
        Policy policy = policy("all()", false, false, false, List.of(new Rule(action, protocol, source, destination)),
                List.of(), null);
        assertThat(messages(validator.validate(policy))).isEqualTo(expected(messages));
    }

    @ParameterizedTest(name = "policy {0} in tier {1}")
    @CsvSource(nullValues = "-", delimiter = '|', textBlock = """
            allow-dns          | -         | -
            allow-dns          | default   | -
            security.allow-dns | security  | -
            allow-dns          | security  | -
            other.allow-dns    | security  | -
            knp.default.a.b    | -         | -
            a.b.c              | -         | metadata.name: "a.b.c" is not a valid NetworkPolicy name: it must be one or two lowercase RFC 1123 labels joined by '.' (or knp.default.<name>)
            Allow-DNS          | -         | metadata.name: "Allow-DNS" is not a valid name: a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character
            """)
    void policyNamesAndTiers(String name, String tier, String messages) {
        Policy policy = new Policy(name, "shop", tier, null, "all()", null, List.of(), List.of(), false, false,
                false, null, null);
        assertThat(messages(validator.validate(policy))).isEqualTo(expected(messages));
    }

    @ParameterizedTest(name = "global policy {0}")
    @CsvSource(nullValues = "-", delimiter = '|', textBlock = """
            allow-dns          | -
            platform.allow-dns | -
            a.b.c              | metadata.name: "a.b.c" is not a valid GlobalNetworkPolicy name: it must be one or two lowercase RFC 1123 labels joined by '.'
            knp.default.thing  | metadata.name: "knp.default.thing" is not a valid GlobalNetworkPolicy name: it must be one or two lowercase RFC 1123 labels joined by '.'
            """)
    void globalPolicyNames(String name, String messages) {
        Policy policy = new Policy(name, null, "platform", null, "all()", null, List.of(), List.of(), false, false,
                false, null, null);
        assertThat(messages(validator.validate(policy))).isEqualTo(expected(messages));
    }

    /** Calico's validateEntityRule and validate(Global)NetworkPolicySpec: where global() may appear. */
    @ParameterizedTest(name = "global() in {0}: {1}")
    @CsvSource(nullValues = "-", delimiter = '|', textBlock = """
            spec.selector                            | global()              | "global()" is not allowed: global() can only be used in a rule's namespaceSelector
            spec.namespaceSelector                   | global()              | "global()" is not allowed: global() can only be used in a rule's namespaceSelector
            spec.serviceAccountSelector              | has(a) && global()    | "has(a) && global()" is not allowed: global() can only be used in a rule's namespaceSelector
            spec.ingress[0].source.selector          | ' global() '          | " global() " is not allowed: global() can only be used in a rule's namespaceSelector
            spec.ingress[0].source.namespaceSelector | global()              | -
            spec.ingress[0].source.namespaceSelector | '  global(  )  '       | -
            spec.ingress[0].source.namespaceSelector | '!global()'           | "!global()" is not allowed: global() cannot be combined with other selectors
            spec.ingress[0].source.namespaceSelector | global() && all()     | "global() && all()" is not allowed: global() cannot be combined with other selectors
            spec.ingress[0].source.notSelector       | global()              | -
            spec.ingress[0].source.serviceAccounts.selector | global()       | -
            """)
    void globalSelector(String field, String selector, String message) {
        String at = field.contains("serviceAccounts") ? "" : field.substring(field.lastIndexOf('.') + 1);
        boolean inRule = field.startsWith("spec.ingress");
        EntityMatch source = new EntityMatch(at.equals("selector") && inRule ? selector : null,
                at.equals("notSelector") ? selector : null, at.equals("namespaceSelector") && inRule ? selector : null,
                field.contains("serviceAccounts") ? new ServiceAccountMatch(List.of(), selector) : null,
                null, null, null, null);
        Policy policy = new Policy("p", null, null, null, field.equals("spec.selector") ? selector : "all()", null,
                List.of(new Rule("Allow", null, source, null)), List.of(), false, false, false,
                field.equals("spec.namespaceSelector") ? selector : null,
                field.equals("spec.serviceAccountSelector") ? selector : null);
        assertThat(messages(validator.validate(policy))).isEqualTo(message == null ? List.of() : List.of(field + ": " + message));
    }

    /** Calico's validateRule scan of nets: one IP version per rule, no catch-all CIDR in notNets. */
    @ParameterizedTest(name = "nets {0} notNets {1} | nets {2} notNets {3}")
    @CsvSource(nullValues = "-", delimiter = '|', textBlock = """
            10.0.0.0/8             | -          | 10.1.0.0/16  | -             | -
            0.0.0.0/0              | -          | -            | -             | -
            10.0.0.0/8             | -          | fd00::/8     | -             | spec.ingress[0].destination.nets: mixes IPv4 and IPv6: all of a rule's nets and notNets must be of one IP version
            fd00::/8               | -          | 10.0.0.0/8   | -             | spec.ingress[0].destination.nets: mixes IPv4 and IPv6: all of a rule's nets and notNets must be of one IP version
            10.0.0.0/8 fd00::/8    | -          | -            | -             | spec.ingress[0].source.nets: mixes IPv4 and IPv6: all of a rule's nets and notNets must be of one IP version
            10.0.0.0/8             | -          | -            | fd00::/8      | spec.ingress[0].destination.notNets: mixes IPv4 and IPv6: all of a rule's nets and notNets must be of one IP version
            -                      | -          | -            | 0.0.0.0/0     | spec.ingress[0].destination.notNets[0]: "0.0.0.0/0" is a catch-all CIDR: in notNets it makes the rule match no traffic
            -                      | ::/0       | -            | -             | spec.ingress[0].source.notNets[0]: "::/0" is a catch-all CIDR: in notNets it makes the rule match no traffic
            -                      | 0:0:0::/0  | -            | -             | spec.ingress[0].source.notNets[0]: "0:0:0::/0" is a catch-all CIDR: in notNets it makes the rule match no traffic
            -                      | 1.2.3.4/0  | -            | -             | spec.ingress[0].source.notNets[0]: "1.2.3.4/0" is not a network address: host bits are set (the network is 0.0.0.0/0)
            """)
    void netsOfOneRule(String nets, String notNets, String destinationNets, String destinationNotNets, String messages) {
        EntityMatch source = new EntityMatch(null, null, null, null, split(nets), split(notNets), null, null);
        EntityMatch destination = new EntityMatch(null, null, null, null, split(destinationNets),
                split(destinationNotNets), null, null);
        Policy policy = policy("all()", false, false, false, List.of(new Rule("Allow", null, source, destination)),
                List.of(), null);
        assertThat(messages(validator.validate(policy))).isEqualTo(expected(messages));
    }

    private static List<String> split(String list) {
        return list == null ? null : Arrays.asList(list.split(" "));
    }

    /** Calico 3.32's validateTier: the built-in tiers' orders. */
    @ParameterizedTest(name = "tier {0} order {1}")
    @CsvSource(nullValues = "-", delimiter = '|', textBlock = """
            default       | 1000000  | -
            default       | 10       | spec.order: "10" is not valid: the default tier's order must be 1000000
            default       | -        | spec.order: the default tier's order must be 1000000
            kube-admin    | 1000     | -
            kube-admin    | 1000.5   | spec.order: "1000.5" is not valid: the kube-admin tier's order must be 1000
            kube-baseline | 10000000 | -
            kube-baseline | -        | spec.order: the kube-baseline tier's order must be 10000000
            platform      | -        | -
            """)
    void builtInTierOrders(String name, Double order, String messages) {
        DefaultAction action = Tier.builtIn(name).map(Tier::defaultAction).orElse(DefaultAction.DENY);
        assertThat(messages(validator.validate(new Tier(name, order, action)))).isEqualTo(expected(messages));
    }

    /** Calico 3.32's CRD rules (tier.go): the built-in tiers' default actions; absent is the CRD's default, Deny. */
    @ParameterizedTest(name = "tier {0} defaultAction {2}")
    @CsvSource(nullValues = "-", delimiter = '|', textBlock = """
            default       | 1000000  | Deny | -
            default       | 1000000  | Pass | spec.defaultAction: "Pass" is not valid: the default tier's default action must be Deny
            kube-admin    | 1000     | Pass | -
            kube-admin    | 1000     | Deny | spec.defaultAction: "Deny" is not valid: the kube-admin tier's default action must be Pass
            kube-baseline | 10000000 | Deny | spec.defaultAction: "Deny" is not valid: the kube-baseline tier's default action must be Pass
            platform      | 100      | Pass | -
            """)
    void builtInTierDefaultActions(String name, Double order, String action, String messages) {
        Tier tier = new Tier(name, order, DefaultAction.of(action));
        assertThat(messages(validator.validate(tier))).isEqualTo(expected(messages));
    }

    @ParameterizedTest(name = "tier {0}")
    @CsvSource(nullValues = "-", delimiter = '|', textBlock = """
            security        | -
            net.ops         | metadata.name: "net.ops" is not a valid tier name: a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character
            """)
    void tierNames(String name, String messages) {
        assertThat(messages(validator.validate((CalicoObject) new Tier(name, 100.0)))).isEqualTo(expected(messages));
    }

    @Test
    void profiles() {
        Profile valid = new Profile("kns.shop", new TreeMap<>(Map.of("env", "prod")), List.of(ALLOW), List.of());
        Profile invalid = new Profile("Shop", new TreeMap<>(Map.of("env", "prod env")),
                List.of(new Rule("Accept", null, null, null)), List.of());
        assertThat(validator.validate(valid)).isEmpty();
        assertThat(messages(validator.validate(invalid))).containsExactly(
                "metadata.name: \"Shop\" is not a valid name: a lowercase RFC 1123 subdomain must consist of lower case "
                        + "alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
                "spec.labelsToApply.env: \"prod env\" is not a valid label value: a valid label must be an empty string "
                        + "or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
                "spec.ingress[0].action: \"Accept\" is not a valid action: must be Allow, Deny, Log or Pass");
    }

    /** libcalico-go lib/clientv3/profile.go: Create and Update of projectcalico-default-allow fail, whatever it holds. */
    @Test
    void theProfileCalicoProvidesCannotBeWritten() {
        Profile written = new Profile("projectcalico-default-allow", null, List.of(ALLOW), List.of(ALLOW));

        assertThat(messages(validator.validate(written))).containsExactly("metadata.name: "
                + "\"projectcalico-default-allow\" is the profile Calico provides (allow all ingress and egress); it "
                + "cannot be created or updated");
        assertThat(messages(validator.validate(new Profile("projectcalico-default", null, List.of(), List.of()))))
                .isEmpty();
    }

    @Test
    void workloadEndpoints() {
        WorkloadEndpoint valid = new WorkloadEndpoint("node1", "k8s", "shop.web", "eth0", "shop",
                null, List.of("kns.shop"), "cali12345", List.of("10.1.0.5/32", "fd00::5/128"));
        WorkloadEndpoint invalid = new WorkloadEndpoint(null, "k8s", "shop.web", "eth0", "shop",
                null, List.of(), "cali-very-long-name",
                List.of("10.1.0.500/32", "10.1.0.0/24", "10.1.0.5/24", "fd00::/64", "10.1.0.6", "fd00::6"));
        WorkloadEndpoint noInterface = new WorkloadEndpoint(null, "k8s", "shop.web", "eth0", "shop",
                null, List.of(), null, List.of());
        assertThat(validator.validate(valid)).isEmpty();
        assertThat(messages(validator.validate(invalid))).containsExactly(
                "spec.interfaceName: \"cali-very-long-name\" is not a valid interface name: it must be 1 to 15 of a-z, A-Z, 0-9, '_', '.' and '-'",
                "spec.ipNetworks[0]: \"10.1.0.500/32\" is not a valid IPv4 or IPv6 network (CIDR)",
                "spec.ipNetworks[1]: \"10.1.0.0/24\" contains more than one address: a workload endpoint's networks must be /32 (IPv4) or /128 (IPv6)",
                "spec.ipNetworks[2]: \"10.1.0.5/24\" is not a network address: host bits are set (the network is 10.1.0.0/24)",
                "spec.ipNetworks[3]: \"fd00::/64\" contains more than one address: a workload endpoint's networks must be /32 (IPv4) or /128 (IPv6)");
        assertThat(messages(validator.validate(noInterface))).containsExactly("spec.interfaceName: must be specified");
    }

    /** libcalico-go validator.go v3.32.1: the tags of internalapi/workloadendpoint.go, validateIPNAT, validateWorkloadEndpointPort. */
    @Test
    void workloadEndpointPortsNatsContainerIdAndSpoofedPrefixes() {
        WorkloadEndpoint valid = new WorkloadEndpoint("node1", "k8s", "shop.web", "eth0", "shop", null, List.of(),
                "cali12345", List.of("10.1.0.5/32", "fd00::5/128"), "Cath01234-G",
                List.of(new WorkloadEndpointPort("http", "TCP", 80, null, null),
                        new WorkloadEndpointPort(null, "UDP", 53, 5353, "10.0.0.0/24")),
                List.of(new IpNat("10.1.0.5", "192.0.2.5"), new IpNat("::ffff:10.1.0.5", "192.0.2.6"),
                        new IpNat("fd00::5", "2001:db8::5")),
                List.of("10.9.0.1/16", "fd00::9"));
        WorkloadEndpoint invalid = new WorkloadEndpoint("node1", "k8s", "shop.web", "eth0", "shop", null, List.of(),
                "cali12345", List.of("10.1.0.5/32"), "abc.def",
                List.of(new WorkloadEndpointPort("", "ICMP", 0, 70000, "10.0.0.1/24"),
                        new WorkloadEndpointPort("Web_Port", null, null, null, "host"),
                        new WorkloadEndpointPort(null, "TCP", 8080, 0, null)),
                List.of(new IpNat("10.1.0.6", "fd00::6"), new IpNat("10.1.0.0/32", null)),
                List.of("10.abcd"));
        assertThat(validator.validate(valid)).isEmpty();
        assertThat(messages(validator.validate(invalid))).containsExactly(
                "spec.containerID: \"abc.def\" is not a valid container ID: it must be letters, digits and '-', "
                        + "starting and ending with a letter or digit",
                "spec.ports[0].protocol: \"ICMP\" is not valid: must be TCP, UDP or SCTP (or 6, 17, 132)",
                "spec.ports[0].port: \"0\" is not between 1 and 65535",
                "spec.ports[0].hostPort: \"70000\" is not between 0 and 65535",
                "spec.ports[0].hostIP: \"10.0.0.1/24\" is not a network address: host bits are set (the network is 10.0.0.0/24)",
                "spec.ports[1].name: \"Web_Port\" is not a valid port name: " + KubernetesNames.portName("Web_Port"),
                "spec.ports[1].protocol: must be TCP, UDP or SCTP (or 6, 17, 132)",
                "spec.ports[1].port: must be specified",
                "spec.ports[1].hostIP: \"host\" is not a valid IPv4 or IPv6 network (CIDR)",
                "spec.ports[2].name: must be specified when there is no hostPort",
                "spec.ipNATs[0].externalIP: \"fd00::6\" is not of the IP version of spec.ipNATs[0].internalIP (IPv4)",
                "spec.ipNATs[0].internalIP: \"10.1.0.6\" is not in the endpoint's networks: a NAT's internal IP must be in spec.ipNetworks",
                "spec.ipNATs[1].internalIP: \"10.1.0.0/32\" is not a valid IPv4 or IPv6 address",
                "spec.ipNATs[1].externalIP: must be specified",
                "spec.allowSpoofedSourcePrefixes[0]: \"10.abcd\" is not a valid IPv4 or IPv6 address or network (CIDR)");
    }

    /** validateObjectMetaAnnotations: keys lower-cased then qualified names; keys and values at most 256 KiB. */
    @Test
    void ruleAnnotations() {
        Map<String, String> fine = Map.of("Team", "a", "example.com/owner", "x".repeat(262_144 - 17 - 4 - 1));
        Map<String, String> bad = Map.of("...", "v", "k", "x".repeat(262_144));
        assertThat(validator.validate(policy("all()", false, false, false, List.of(annotated(fine)), List.of(), null)))
                .isEmpty();
        assertThat(messages(validator.validate(policy("all()", false, false, false, List.of(annotated(bad)), List.of(),
                null)))).containsExactlyInAnyOrder(
                "spec.ingress[0].metadata.annotations: \"...\" is not a valid annotation key: name part must consist of "
                        + "alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
                "spec.ingress[0].metadata.annotations: are too large: keys and values total 262149 bytes, 5 more than "
                        + "the 262144 allowed");
    }

    private static Rule annotated(Map<String, String> annotations) {
        return new Rule("Allow", null, null, null, null, null, null, null, new TreeMap<>(annotations));
    }

    @Test
    void performanceHints() {
        Policy hinted = new Policy("p", null, null, null, "all()", null, List.of(), List.of(), false, false, false,
                null, null, PolicyKind.GLOBAL_NETWORK_POLICY, null,
                List.of("AssumeNeededOnEveryNode", "assumeNeededOnEveryNode", "AssumeNeededOnEveryNode"));
        assertThat(messages(validator.validate(hinted))).containsExactly(
                "spec.performanceHints[1]: \"assumeNeededOnEveryNode\" is not a valid performance hint: must be "
                        + "AssumeNeededOnEveryNode (case matters)",
                "spec.performanceHints: must not name a hint more than once");
    }

    @ParameterizedTest(name = "protocol {0} icmp {1}/{2} notICMP {3}/{4}")
    @CsvSource(nullValues = "-", delimiter = '|', textBlock = """
            ICMP   | 8   | 0   | -   | -   | -
            ICMPv6 | 128 | -   | 1   | 255 | -
            ICMP   | -   | -   | 254 | -   | -
            ICMP   | 255 | 256 | -   | -   | spec.ingress[0].icmp.type: "255" is not an ICMP type: must be 0 to 254 ;; spec.ingress[0].icmp.code: "256" is not an ICMP code: must be 0 to 255
            ICMP   | -   | -   | -1  | 3   | spec.ingress[0].notICMP.type: "-1" is not an ICMP type: must be 0 to 254
            ICMP   | -   | -   | -   | 3   | spec.ingress[0].notICMP.code: "3" needs an ICMP type: a code cannot be matched without one
            1      | 8   | -   | -   | -   | spec.ingress[0].icmp: needs the rule's protocol to be ICMP or ICMPv6, written as a name (not 1 or 58)
            -      | 8   | -   | -   | -   | spec.ingress[0].icmp: needs the rule's protocol to be ICMP or ICMPv6, written as a name (not 1 or 58)
            TCP    | -   | -   | 8   | -   | -
            """)
    void icmp(String protocol, Integer type, Integer code, Integer notType, Integer notCode, String messages) {
        IcmpMatch icmp = type == null && code == null ? null : new IcmpMatch(type, code);
        IcmpMatch notICMP = notType == null && notCode == null ? null : new IcmpMatch(notType, notCode);
        Rule rule = new Rule("Allow", protocol, null, null, null, icmp, notICMP, null, null);
        assertThat(messages(validator.validate(policy("all()", false, false, false, List.of(rule), List.of(), null))))
                .isEqualTo(expected(messages));
    }

    @ParameterizedTest(name = "ipVersion {0} protocol {1} nets {2} / {3}")
    @CsvSource(nullValues = "-", delimiter = '|', textBlock = """
            4 | ICMP   | 10.0.0.0/8 | -         | -
            6 | ICMPv6 | -          | fd00::/64 | -
            6 | TCP    | -          | -         | -
            0 | -      | -          | -         | spec.ingress[0].ipVersion: "0" is not an IP version: must be 4 or 6
            6 | ICMP   | -          | -         | spec.ingress[0].ipVersion: "6" does not match the rule's protocol ICMP, which is IPv4's
            4 | ICMPv6 | -          | -         | spec.ingress[0].ipVersion: "4" does not match the rule's protocol ICMPv6, which is IPv6's
            6 | TCP    | 10.0.0.0/8 | -         | spec.ingress[0].source.nets: holds IPv4 networks, but the rule's ipVersion is 6
            4 | TCP    | -          | fd00::/64 | spec.ingress[0].destination.notNets: holds IPv6 networks, but the rule's ipVersion is 4
            """)
    void ipVersion(Integer ipVersion, String protocol, String nets, String notNets, String messages) {
        EntityMatch source = new EntityMatch(null, null, null, null, nets == null ? null : List.of(nets), null, null,
                null);
        EntityMatch destination = new EntityMatch(null, null, null, null, null,
                notNets == null ? null : List.of(notNets), null, null);
        Rule rule = new Rule("Allow", protocol, source, destination, ipVersion, null, null, null, null);
        assertThat(messages(validator.validate(policy("all()", false, false, false, List.of(rule), List.of(), null))))
                .isEqualTo(expected(messages));
    }

    @Test
    void httpMatches() {
        HttpMatch fine = new HttpMatch(List.of("GET", "PUT"),
                List.of(new HttpMatch.Path("/foo", null), new HttpMatch.Path(null, "/bar/")));
        HttpMatch broken = new HttpMatch(List.of("GET", "GET"), List.of(new HttpMatch.Path("/a", "/b"),
                new HttpMatch.Path(null, null), new HttpMatch.Path("foo", null), new HttpMatch.Path(null, "/a?b")));
        Rule allow = new Rule("Allow", "TCP", null, null, null, null, null, fine, null);
        Rule deny = new Rule("Deny", "UDP", null, null, null, null, null, broken, null);
        assertThat(validator.validate(policy("all()", false, false, false, List.of(allow), List.of(), null))).isEmpty();
        assertThat(messages(validator.validate(policy("all()", false, false, false, List.of(deny), List.of(allow),
                null)))).containsExactly(
                "spec.ingress[0].http.methods: \"GET\" is listed more than once",
                "spec.ingress[0].http.paths: entry 0 must set exactly one of exact and prefix, not both",
                "spec.ingress[0].http.paths: entry 1 must set exactly one of exact and prefix",
                "spec.ingress[0].http.paths: \"foo\" (entry 2) is not a valid path: it must start with \"/\" and "
                        + "contain no \"?\", \"#\" or space",
                "spec.ingress[0].http.paths: \"/a?b\" (entry 3) is not a valid path: it must start with \"/\" and "
                        + "contain no \"?\", \"#\" or space",
                "spec.ingress[0].protocol: \"UDP\" cannot be used with an http match: its protocol must be TCP "
                        + "(written as a name) or none",
                "spec.ingress[0].http: is only valid in Allow rules",
                "spec.egress[0].http: is not allowed in egress rules");
    }

    @Test
    void serviceMatches() {
        EntityMatch service = services(new ServiceMatch("web", "shop"), null, null);
        EntityMatch noNamespace = services(new ServiceMatch("web", null), null, null);
        EntityMatch crowded = services(new ServiceMatch(null, "Shop"), "app == 'x'", List.of("10.0.0.0/8"));
        Rule fromService = new Rule("Allow", "TCP", service, null);
        Rule toService = new Rule("Allow", "TCP", null, noNamespace);
        Rule toServicePorts = new Rule("Allow", "TCP", null,
                new EntityMatch(null, null, null, null, null, null, List.of("80"), null, new ServiceMatch("web", "shop")));
        Policy global = policy("all()", false, false, false, List.of(fromService), List.of(toService), null);
        Policy namespaced = new Policy("p", "shop", null, null, "all()", null, List.of(fromService, toService),
                List.of(fromService, new Rule("Allow", null, null, crowded), toServicePorts), false, false, false,
                null, null);
        assertThat(messages(validator.validate(global))).containsExactly(
                "spec.egress[0].destination.services.namespace: must be specified in a global policy");
        assertThat(messages(validator.validate(namespaced))).containsExactly(
                "spec.egress[1].destination.services.name: must be specified",
                "spec.egress[1].destination.services.namespace: \"Shop\" is not a valid name: "
                        + KubernetesNames.SUBDOMAIN_FORMAT,
                "spec.egress[1].destination.services: cannot be combined with selector, nets in the same source or "
                        + "destination",
                "spec.egress[2].destination.ports: cannot be given with a destination services match: the Service's "
                        + "own ports are used",
                "spec.egress[0].source.services: is not allowed in an egress rule's source",
                "spec.ingress[1].destination.services: is not allowed in an ingress rule's destination");
    }

    private static EntityMatch services(ServiceMatch services, String selector, List<String> nets) {
        return new EntityMatch(selector, null, null, null, nets, null, null, null, services);
    }

    @Test
    void violationMessageQuotesSpecialCharacters() {
        assertThat(new Violation("spec.x", "a\"b", "is bad").message()).isEqualTo("spec.x: \"a\\\"b\" is bad");
    }
}
