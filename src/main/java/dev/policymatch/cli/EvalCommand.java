package dev.policymatch.cli;

import dev.policymatch.model.Endpoint;
import dev.policymatch.render.CalicoqText;
import dev.policymatch.render.QueryDocuments;
import dev.policymatch.selector.Selector;
import dev.policymatch.selector.SelectorParseException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code calicoq eval <selector>}. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "List the endpoints whose labels (their own and their profiles') SELECTOR matches.")
public final class EvalCommand extends QueryCommand {

    @Parameters(index = "0", paramLabel = "SELECTOR", description = "A Calico selector, e.g. \"role == 'db'\".")
    String selector;

    @Override
    protected int execute() throws CliException {
        output();
        Selector parsed;
        try {
            parsed = Selector.parse(selector);
        } catch (SelectorParseException e) {
            // Checked before reading anything: a typo should not cost a round trip to the cluster.
            throw new CliException(CliException.FAILURE, e.getMessage());
        }
        List<Endpoint> endpoints = loadIndex().endpointsMatching(parsed);
        print(endpoints, e -> CalicoqText.eval(selector, e),
                e -> QueryDocuments.eval(selector, parsed.toString(), e));
        return 0;
    }
}
