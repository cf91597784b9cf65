package dev.policymatch.cli;

import dev.policymatch.match.MatchIndex;
import dev.policymatch.match.PolicyKey;
import dev.policymatch.match.PolicyMatch;
import dev.policymatch.render.CalicoqText;
import dev.policymatch.render.QueryDocuments;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code calicoq policy <name>}. */
@Command(name = "policy", mixinStandardHelpOptions = true,
        description = {
            "Show the endpoints a policy applies to and the endpoints its rule selectors match.",
            "",
            "NAME is the policy's name as calicoq prints it (<name> for a GlobalNetworkPolicy, <namespace>/<name>",
            "for a NetworkPolicy, <namespace>/knp.default.<name>, staged:<name>, kcnp.<name>, ...), or its own",
            "name (<name>, <namespace>/<name>) when only one policy has it."})
public final class PolicyCommand extends QueryCommand {

    @Parameters(index = "0", paramLabel = "NAME", description = "[<namespace>/]<name> as calicoq prints it.")
    String name;

    @Mixin
    DisplayOptions display = new DisplayOptions();

    @Override
    protected int execute() throws CliException {
        output();
        MatchIndex index = loadIndex(PolicyKey.parse(name), endpoint -> true);
        PolicyMatch match = resolvePolicy(index, name);
        print(match, m -> CalicoqText.policy(m, display.toQueryOptions()),
                m -> QueryDocuments.policy(m, display.toQueryOptions()));
        return 0;
    }
}
