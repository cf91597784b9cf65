package dev.policymatch.cli;

import dev.policymatch.model.Policy;
import dev.policymatch.model.Tier;
import dev.policymatch.render.Documents;
import dev.policymatch.source.Catalog;
import dev.policymatch.source.Located;
import dev.policymatch.text.Quoted;
import dev.policymatch.validation.ResourceValidator;
import java.io.PrintWriter;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;

/** {@code calicoq validate -f PATH...}: the GitOps gate. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {
            "Check Calico resources in manifests against Calico's rules before they reach a cluster.",
            "",
            "Reads HostEndpoint, WorkloadEndpoint, GlobalNetworkPolicy, NetworkPolicy, Profile and Tier "
                    + "resources in the calicoctl v1, projectcalico.org/v3 and crd.projectcalico.org/v1 formats "
                    + "(other kinds are skipped with a warning) and prints one line per problem:",
            "  <file>:<line>: <Kind> \"<name>\": <field>: <problem>",
            "then 'N resources checked, M invalid'. With -o json or -o yaml, a report for machines."},
        footerHeading = "%nExit status:%n",
        footer = {
            "  0  every resource is valid",
            "  1  at least one resource is invalid (or a manifest is malformed)",
            "  2  usage error: no -f, or a path that cannot be read",
            "  4  out of memory: give Java a larger heap (JAVA_OPTS=-Xmx4g)"})
public final class ValidateCommand extends CalicoqSubcommand {

    @Override
    protected int execute() throws CliException {
        OutputFormat format = output();
        Catalog catalog = readManifests();
        ValidationReport report = ValidationReport.of(catalog, new ResourceValidator());
        warnAboutUndefinedTiers(catalog);
        PrintWriter out = out();
        switch (format) {
            case PS -> report.lines().forEach(out::println);
            case JSON -> out.print(Documents.json(report));
            case YAML -> out.print(Documents.yaml(report));
        }
        out.flush();
        return report.valid() ? 0 : CliException.FAILURE;
    }

    /**
     * Calico's API server refuses a policy whose tier does not exist ({@code default} always does).
     * The tier may be in the cluster already, so it is a warning, not a violation: validate only
     * knows its inputs. A profile a HostEndpoint names need not exist (Calico accepts that), so it
     * gets no warning.
     */
    private void warnAboutUndefinedTiers(Catalog catalog) {
        Set<String> defined = catalog.tiers().stream().map(t -> t.resource().name()).collect(Collectors.toSet());
        for (Located<Policy> policy : catalog.policies()) {
            String tier = policy.resource().tier();
            if (!tier.equals(Tier.DEFAULT) && !defined.contains(tier)
                    && ResourceValidator.writtenThroughCalicosApi(policy.resource())) {
                err().println("calicoq: warning: " + policy.location().file() + ":" + policy.location().line() + ": "
                        + policy.describe() + ": tier " + Quoted.of(tier)
                        + " is not defined in the inputs; Calico refuses "
                        + "a policy whose tier does not exist");
            }
        }
        err().flush();
    }

}
