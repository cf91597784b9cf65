package dev.policymatch.model;

import java.util.List;

/**
 * The source or destination of a rule. Selectors are kept as written: calicoq prints them that way,
 * and validation reports them that way. {@code services} (null when absent) is read for validation only: Felix
 * resolves it to the Service's endpoints' addresses and ports, never to which policies apply to an endpoint.
 */
public record EntityMatch(
        String selector,
        String notSelector,
        String namespaceSelector,
        ServiceAccountMatch serviceAccounts,
        List<String> nets,
        List<String> notNets,
        List<String> ports,
        List<String> notPorts,
        ServiceMatch services) {

    public static final EntityMatch ANY = new EntityMatch(null, null, null, null, null, null, null, null);

    public EntityMatch {
        nets = Frozen.list(nets);
        notNets = Frozen.list(notNets);
        ports = Frozen.list(ports);
        notPorts = Frozen.list(notPorts);
    }

    /** A source or destination with no {@code services} match. */
    public EntityMatch(String selector, String notSelector, String namespaceSelector,
            ServiceAccountMatch serviceAccounts, List<String> nets, List<String> notNets, List<String> ports,
            List<String> notPorts) {
        this(selector, notSelector, namespaceSelector, serviceAccounts, nets, notNets, ports, notPorts, null);
    }
}
