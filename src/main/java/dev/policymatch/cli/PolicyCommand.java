package dev.policymatch.cli;

import dev.policymatch.match.MatchIndex;
import dev.policymatch.match.PolicyKey;
import dev.policymatch.match.PolicyMatch;
import dev.policymatch.render.CalicoqText;
import dev.policymatch.render.QueryDocuments;
import dev.policymatch.text.Quoted;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
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
        List<PolicyKey> named = index.policiesNamed(name);
        if (named.isEmpty()) {
            throw new CliException(CliException.FAILURE, "policy " + Quoted.of(name) + " not found");
        }
        if (named.size() > 1) {
            throw new CliException(CliException.FAILURE, "policy name " + Quoted.of(name) + " is ambiguous: "
                    + named.stream().map(key -> key.kind().kindName() + " " + Quoted.of(key.textName()))
                            .collect(Collectors.joining(", "))
                    + "; give the name calicoq prints");
        }
        PolicyKey key = named.get(0);
        Optional<PolicyMatch> match = index.policy(key);
        if (match.isEmpty()) {
            throw new CliException(CliException.FAILURE, "policy " + Quoted.of(key.textName())
                    + " has an invalid selector: " + index.invalidPolicies().get(key));
        }
        print(match.get(), m -> CalicoqText.policy(m, display.toQueryOptions()),
                m -> QueryDocuments.policy(m, display.toQueryOptions()));
        return 0;
    }
}
