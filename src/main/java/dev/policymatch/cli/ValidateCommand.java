package dev.policymatch.cli;

import dev.policymatch.render.Documents;
import dev.policymatch.source.Catalog;
import dev.policymatch.validation.ResourceValidator;
import java.io.PrintWriter;
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
            "  2  usage error: no -f, or a path that cannot be read"})
public final class ValidateCommand extends CalicoqSubcommand {

    @Override
    protected int execute() throws CliException {
        OutputFormat format = output();
        Catalog catalog = readManifests();
        ValidationReport report = ValidationReport.of(catalog, new ResourceValidator());
        PrintWriter out = out();
        switch (format) {
            case PS -> report.lines().forEach(out::println);
            case JSON -> out.print(Documents.json(report));
            case YAML -> out.print(Documents.yaml(report));
        }
        out.flush();
        return report.valid() ? 0 : CliException.FAILURE;
    }
}
