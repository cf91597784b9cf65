package dev.policymatch.cli;

import dev.policymatch.source.document.CalicoApiGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The options every calicoq command shares. They are declared once, on the root command, with
 * {@code scope = INHERIT}, so they may be given before or after the subcommand name
 * ({@code calicoq -f x validate} and {@code calicoq validate -f x}) and land in this one object.
 */
public final class GlobalOptions {

    @Option(names = {"-f", "--filename"}, paramLabel = "PATH", scope = ScopeType.INHERIT,
            description = {"Read resources from manifests instead of the cluster: a file, a directory "
                    + "(its *.yaml, *.yml and *.json files, recursively) or - for stdin. Repeatable."})
    List<String> filenames = new ArrayList<>();

    @Option(names = "--kubeconfig", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "The kubeconfig to read the cluster with (default: $KUBECONFIG, then ~/.kube/config).")
    String kubeconfig;

    @Option(names = "--context", paramLabel = "NAME", scope = ScopeType.INHERIT,
            description = "The kubeconfig context to use (default: the current context).")
    String context;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", scope = ScopeType.INHERIT,
            description = "Output format: ps (text, the default), json or yaml; diff also takes markdown.")
    String output = "ps";

    @Option(names = "--calico-api-group", paramLabel = "GROUP", scope = ScopeType.INHERIT,
            defaultValue = "${env:CALICO_API_GROUP:-" + CalicoApiGroup.AUTO + "}",
            description = {"The API group of Calico's kinds in the cluster: auto (the default, or $CALICO_API_GROUP), "
                    + "projectcalico.org/v3 or crd.projectcalico.org/v1. auto follows Calico: projectcalico.org/v3 "
                    + "when the cluster serves that group and not crd.projectcalico.org (Calico 3.32's v3 CRDs), "
                    + "else crd.projectcalico.org/v1 (with both, projectcalico.org is Calico's API server on top of "
                    + "the v1 CRDs). Not used with -f."})
    String calicoApiGroup = CalicoApiGroup.AUTO;

    /** The manifest paths given with -f, in order; empty means "read the cluster". */
    public List<String> filenames() {
        return List.copyOf(filenames);
    }

    public String kubeconfig() {
        return kubeconfig;
    }

    public String context() {
        return context;
    }

    /** {@code --calico-api-group}: empty for auto. */
    public Optional<CalicoApiGroup> calicoApiGroup() throws CliException {
        try {
            return CalicoApiGroup.parseOption(calicoApiGroup);
        } catch (IllegalArgumentException e) {
            throw new CliException(CliException.USAGE, "--calico-api-group: " + e.getMessage());
        }
    }

    /** {@code -o} among the formats a command takes. */
    public OutputFormat output(Set<OutputFormat> taken) throws CliException {
        return OutputFormat.parse(output, taken);
    }
}
