package dev.policymatch.cli;

import dev.policymatch.match.CompiledPolicy;
import dev.policymatch.match.Direction;
import dev.policymatch.match.EndpointMatch;
import dev.policymatch.match.LabelProvenance;
import dev.policymatch.match.MatchIndex;
import dev.policymatch.match.PolicyKey;
import dev.policymatch.match.PolicyMatch;
import dev.policymatch.model.Profile;
import dev.policymatch.render.ExplainDocuments;
import dev.policymatch.render.ExplainText;
import dev.policymatch.render.Explanation;
import dev.policymatch.text.Quoted;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code calicoq explain <endpoint>}: why each policy applies, and where traffic goes through them. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {
            "Explain one endpoint: where its labels come from, and for each direction the stages, tiers, "
                    + "policies and profiles traffic meets in Felix's chains (untracked, pre-DNAT, normal, forwarded), "
                    + "what happens at the end of each tier, and where traffic no policy decides ends.",
            "",
            "With --policy, explain one policy instead: each part of its selector (as written and as Calico "
                    + "rewrites it) evaluated clause by clause against the endpoint's labels, and the same for "
                    + "each side of each rule.",
            "",
            "ENDPOINT is a full name (<node>/<name> for a host endpoint, "
                    + "<node>/<orchestrator>/<workload>/<endpoint> for a workload endpoint) or a part of exactly one.",
            "",
            "This follows Felix's iptables/nftables chain layout; the BPF dataplane was not checked against it."},
        footerHeading = "%nExit status:%n",
        footer = {
            "  0  explained",
            "  1  no endpoint or several match ENDPOINT, the policy is unknown or invalid,",
            "     or the resources cannot be read",
            "  2  usage error (e.g. --direction other than ingress or egress)",
            "",
            "Examples:",
            "  calicoq -f examples/cluster explain edge1-eth0",
            "  calicoq -f examples/cluster explain shop.api --policy shop/security.api-egress",
            "  calicoq -f examples/cluster explain db1 --direction egress -o yaml"})
public final class ExplainCommand extends QueryCommand {

    /** How many full names the message for an ambiguous ENDPOINT lists. */
    private static final int LISTED = 5;

    @Parameters(index = "0", paramLabel = "ENDPOINT", description = "The endpoint's full name, or a part of it.")
    String endpoint;

    @Option(names = "--policy", paramLabel = "NAME",
            description = "Explain this policy against the endpoint; NAME as calicoq policy takes it.")
    String policy;

    @Option(names = "--direction", paramLabel = "ingress|egress",
            description = "Only this direction (the walk and the policy's rules); default: both.")
    String direction;

    @Override
    protected int execute() throws CliException {
        output();
        List<Direction> directions = directions();
        MatchIndex index = loadIndex(policy == null ? null : PolicyKey.parse(policy),
                candidate -> candidate.fullName().contains(endpoint));
        EndpointMatch match = resolveEndpoint(index);
        Map<String, Profile> profiles = new HashMap<>();
        for (String name : match.profiles()) {
            index.profile(name).ifPresent(profile -> profiles.put(name, profile));
        }
        LabelProvenance labels = index.labelProvenance(match.key()).orElseThrow();
        Explanation explanation;
        if (policy == null) {
            explanation = Explanation.walk(match, labels, profiles, directions);
        } else {
            PolicyMatch named = resolvePolicy(index, policy);
            CompiledPolicy compiled = named.compiled();
            explanation = Explanation.policy(match, labels, profiles, directions, compiled, named.tier());
        }
        print(explanation, ExplainText::of, ExplainDocuments::of);
        return 0;
    }

    private List<Direction> directions() throws CliException {
        if (direction == null) {
            return List.of(Direction.INBOUND, Direction.OUTBOUND);
        }
        return switch (direction.toLowerCase(Locale.ROOT)) {
            case "ingress" -> List.of(Direction.INBOUND);
            case "egress" -> List.of(Direction.OUTBOUND);
            default -> throw new CliException(CliException.USAGE,
                    "explain: --direction must be ingress or egress, not " + Quoted.of(direction));
        };
    }

    /** An exact full name wins; else exactly one endpoint's full name must contain the argument. */
    private EndpointMatch resolveEndpoint(MatchIndex index) throws CliException {
        List<EndpointMatch> candidates = index.matches();
        for (EndpointMatch candidate : candidates) {
            if (candidate.endpoint().fullName().equals(endpoint)) {
                return candidate;
            }
        }
        if (candidates.isEmpty()) {
            throw new CliException(CliException.FAILURE, "no endpoint matches " + Quoted.of(endpoint));
        }
        if (candidates.size() > 1) {
            List<String> names = candidates.stream().map(candidate -> candidate.endpoint().fullName()).sorted().toList();
            throw new CliException(CliException.FAILURE, Quoted.of(endpoint) + " matches " + names.size()
                    + " endpoints: " + names.stream().limit(LISTED).collect(Collectors.joining(", "))
                    + (names.size() > LISTED ? ", ..." : "") + "; give more of the full name");
        }
        return candidates.get(0);
    }
}
