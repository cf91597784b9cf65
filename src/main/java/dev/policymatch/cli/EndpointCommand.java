package dev.policymatch.cli;

import dev.policymatch.match.EndpointMatch;
import dev.policymatch.render.CalicoqText;
import dev.policymatch.render.QueryDocuments;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code calicoq endpoint <substring>}. */
@Command(name = "endpoint", mixinStandardHelpOptions = true,
        description = {
            "Show the policies and profiles that apply to each endpoint whose full name contains SUBSTRING, "
                    + "and the policies whose rule selectors match it.",
            "",
            "Full names: <node>/<orchestrator>/<workload>/<endpoint> for workload endpoints, <node>/<name> for "
                    + "host endpoints."})
public final class EndpointCommand extends QueryCommand {

    @Parameters(index = "0", paramLabel = "SUBSTRING", description = "Part of the endpoints' full names.")
    String substring;

    @Mixin
    DisplayOptions display = new DisplayOptions();

    @Override
    protected int execute() throws CliException {
        output();
        List<EndpointMatch> matches = loadIndex(null, endpoint -> endpoint.fullName().contains(substring)).matches();
        print(matches, m -> CalicoqText.endpoints(m, display.toQueryOptions()),
                m -> QueryDocuments.endpoints(m, display.toQueryOptions()));
        return 0;
    }
}
