package dev.policymatch.cli;

import dev.policymatch.match.MatchIndex;
import dev.policymatch.match.PolicyKey;
import dev.policymatch.match.PolicyMatch;
import dev.policymatch.render.CalicoqText;
import dev.policymatch.render.QueryDocuments;
import dev.policymatch.text.Quoted;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code calicoq policy <name>}. */
@Command(name = "policy", mixinStandardHelpOptions = true,
        description = {
            "Show the endpoints a policy applies to and the endpoints its rule selectors match.",
            "",
            "NAME is the GlobalNetworkPolicy's name, or <namespace>/<name> for a NetworkPolicy."})
public final class PolicyCommand extends QueryCommand {

    @Parameters(index = "0", paramLabel = "NAME", description = "<name> or <namespace>/<name>.")
    String name;

    @Mixin
    DisplayOptions display = new DisplayOptions();

    @Override
    protected int execute() throws CliException {
        output();
        PolicyKey key = PolicyKey.parse(name);
        MatchIndex index = loadIndex(key, endpoint -> true);
        Optional<PolicyMatch> match = index.policy(key);
        if (match.isEmpty()) {
            String invalid = index.invalidPolicies().get(key);
            throw new CliException(CliException.FAILURE, invalid != null
                    ? "policy " + Quoted.of(key.qualifiedName()) + " has an invalid selector: " + invalid
                    : "policy " + Quoted.of(key.qualifiedName()) + " not found");
        }
        print(match.get(), m -> CalicoqText.policy(m, display.toQueryOptions()),
                m -> QueryDocuments.policy(m, display.toQueryOptions()));
        return 0;
    }
}
