package dev.policymatch.validation;

import dev.policymatch.model.IpNat;
import dev.policymatch.model.WorkloadEndpoint;
import dev.policymatch.model.WorkloadEndpointPort;
import dev.policymatch.net.IpNetworks;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rules on a workload endpoint's container id, ports, NATs and spoofed source prefixes: the struct tags of
 * libcalico-go {@code lib/apis/internalapi/workloadendpoint.go} and {@code validateWorkloadEndpointPort},
 * {@code validateIPNAT} and {@code validateWorkloadEndpointSpec} of {@code lib/validator/v3/validator.go}, v3.32.1.
 * Every violation is reported, where Calico stops at the first NAT outside the endpoint's networks.
 */
final class WorkloadEndpointFields {

    /** {@code containerIDFmt}. */
    private static final Pattern CONTAINER_ID = Pattern.compile("[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?");
    private static final int MAX_PORT = 65535;

    private WorkloadEndpointFields() {
    }

    static void check(List<Violation> violations, WorkloadEndpoint endpoint) {
        String containerID = endpoint.containerID();
        if (containerID != null && !containerID.isEmpty() && !CONTAINER_ID.matcher(containerID).matches()) {
            violations.add(new Violation("spec.containerID", containerID, "is not a valid container ID: it must be "
                    + "letters, digits and '-', starting and ending with a letter or digit"));
        }
        for (int i = 0; i < endpoint.ports().size(); i++) {
            port(violations, "spec.ports[" + i + "]", endpoint.ports().get(i));
        }
        for (int i = 0; i < endpoint.ipNATs().size(); i++) {
            nat(violations, "spec.ipNATs[" + i + "]", endpoint.ipNATs().get(i), endpoint.ipNetworks());
        }
        List<String> prefixes = endpoint.allowSpoofedSourcePrefixes();
        for (int i = 0; i < prefixes.size(); i++) {
            spoofedPrefix(violations, "spec.allowSpoofedSourcePrefixes[" + i + "]", prefixes.get(i));
        }
    }

    private static void port(List<Violation> violations, String field, WorkloadEndpointPort port) {
        boolean hostPort = port.hostPort() != null && port.hostPort() != 0;
        if (port.name() != null && !port.name().isEmpty()) {
            ResourceValidator.portName(violations, field + ".name", port.name());
        } else if (!hostPort) {
            violations.add(new Violation(field + ".name", null, "must be specified when there is no hostPort"));
        }
        ResourceValidator.portProtocol(violations, field + ".protocol", port.protocol());
        ResourceValidator.portNumber(violations, field + ".port", port.port());
        if (port.hostPort() != null && (port.hostPort() < 0 || port.hostPort() > MAX_PORT)) {
            violations.add(new Violation(field + ".hostPort", String.valueOf(port.hostPort()),
                    "is not between 0 and 65535"));
        }
        if (port.hostIP() != null && !port.hostIP().isEmpty()) {
            ResourceValidator.netTag(violations, field + ".hostIP", port.hostIP());
        }
    }

    /**
     * Each IP an address ({@code ip} tag) and present, both of one IP version, and the internal IP one of the
     * endpoint's own networks.
     */
    private static void nat(List<Violation> violations, String field, IpNat nat, List<String> networks) {
        boolean internal = address(violations, field + ".internalIP", nat.internalIP());
        boolean external = address(violations, field + ".externalIP", nat.externalIP());
        if (internal && external && IpNetworks.version(nat.internalIP()) != IpNetworks.version(nat.externalIP())) {
            violations.add(new Violation(field + ".externalIP", nat.externalIP(), "is not of the IP version of "
                    + field + ".internalIP (IPv" + IpNetworks.version(nat.internalIP()) + ")"));
        }
        if (internal && networks.stream().noneMatch(network -> IpNetworks.contains(network, nat.internalIP()))) {
            violations.add(new Violation(field + ".internalIP", nat.internalIP(),
                    "is not in the endpoint's networks: a NAT's internal IP must be in spec.ipNetworks"));
        }
    }

    private static boolean address(List<Violation> violations, String field, String ip) {
        if (ip == null || ip.isEmpty()) {
            violations.add(new Violation(field, null, "must be specified"));
            return false;
        }
        if (!IpNetworks.isAddress(ip)) {
            violations.add(new Violation(field, ip, "is not a valid IPv4 or IPv6 address"));
            return false;
        }
        return true;
    }

    /** The {@code cidr} tag: an address or a CIDR, host bits allowed; Calico lets an empty entry through. */
    private static void spoofedPrefix(List<Violation> violations, String field, String prefix) {
        if (!prefix.isEmpty() && !IpNetworks.isAddress(prefix) && !IpNetworks.isCidr(prefix)) {
            violations.add(new Violation(field, prefix, "is not a valid IPv4 or IPv6 address or network (CIDR)"));
        }
    }
}
