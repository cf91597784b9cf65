package dev.policymatch.model;

import java.util.List;

/**
 * The source or destination of a rule. Selectors are kept as written: calicoq prints them that way,
 * and validation reports them that way.
 */
public record EntityMatch(
        String selector,
        String notSelector,
        String namespaceSelector,
        ServiceAccountMatch serviceAccounts,
        List<String> nets,
        List<String> notNets,
        List<String> ports,
        List<String> notPorts) {

    public static final EntityMatch ANY = new EntityMatch(null, null, null, null, null, null, null, null);

    public EntityMatch {
        nets = Frozen.list(nets);
        notNets = Frozen.list(notNets);
        ports = Frozen.list(ports);
        notPorts = Frozen.list(notPorts);
    }
}
