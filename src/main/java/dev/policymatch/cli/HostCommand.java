package dev.policymatch.cli;

import dev.policymatch.match.EndpointMatch;
import dev.policymatch.render.CalicoqText;
import dev.policymatch.render.QueryDocuments;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code calicoq host <hostname>}: {@code endpoint} for every endpoint on one node. */
@Command(name = "host", mixinStandardHelpOptions = true,
        description = "Show, for every endpoint on node HOSTNAME (the exact node name), the policies and profiles "
                + "that apply to it and the policies whose rule selectors match it.")
public final class HostCommand extends QueryCommand {

    @Parameters(index = "0", paramLabel = "HOSTNAME", description = "The node name, matched exactly.")
    String hostname;

    @Mixin
    DisplayOptions display = new DisplayOptions();

    @Override
    protected int execute() throws CliException {
        output();
        List<EndpointMatch> matches = loadIndex(null, endpoint -> hostname.equals(endpoint.node())).matches();
        print(matches, m -> CalicoqText.endpoints(m, display.toQueryOptions()),
                m -> QueryDocuments.endpoints(m, display.toQueryOptions()));
        return 0;
    }
}
