package dev.policymatch.cli;

import dev.policymatch.diff.DiffSide;
import dev.policymatch.diff.EndpointChange;
import dev.policymatch.diff.EstateDiff;
import dev.policymatch.diff.ResourceChange;
import dev.policymatch.diff.ResourceKey;
import dev.policymatch.diff.ResourceRef;
import dev.policymatch.diff.SideDescription;
import dev.policymatch.match.PolicyKey;
import dev.policymatch.render.CalicoqText;
import dev.policymatch.render.DiffDocuments;
import dev.policymatch.render.DiffMarkdown;
import dev.policymatch.render.DiffText;
import dev.policymatch.render.Documents;
import dev.policymatch.source.Catalog;
import dev.policymatch.text.Quoted;
import dev.policymatch.validation.ResourceValidator;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.function.Function;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code calicoq diff}: what a change of Calico resources changes for every endpoint. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {
            "Show what changes between two sets of Calico resources: the resources added, removed or modified, and "
                    + "for every endpoint the policies, profiles and rule matches it gains or loses, its labels and "
                    + "where traffic that no policy decides ends.",
            "",
            "The head is the manifests of -f. The base is the manifests of --base; without --base, the cluster "
                    + "(--base-kubeconfig/--base-context, else --kubeconfig/--context), and the head is that cluster "
                    + "with the -f resources applied on top."},
        footerHeading = "%nExit status:%n",
        footer = {
            "  0  no difference, or differences without --exit-code",
            "  3  --exit-code, and the diff is not empty",
            "  1  an input cannot be read (malformed manifest, unreachable cluster,",
            "     bad kubeconfig, invalid -o), or a --fail-on condition holds",
            "     (the diff is still printed)",
            "  2  usage error: no -f, --base with --base-kubeconfig/--base-context,",
            "     an unknown --fail-on value, a path that cannot be read",
            "  4  out of memory: give Java a larger heap (JAVA_OPTS=-Xmx4g)",
            "When more than one applies: 2 before 1 before 3."})
public final class DiffCommand extends CalicoqSubcommand {
    /** {@code git diff --exit-code}'s convention, which CI scripts know. */
    static final int CHANGES = 3;
    /** How many endpoint names a --fail-on line lists. */
    private static final int NAMED = 3;

    /** What {@code --fail-on} can make the command fail on. */
    enum FailOn { UNMATCHED, INVALID }

    @Option(names = "--base", paramLabel = "PATH",
            description = "The base's manifests (a file, a directory or -, as -f). Repeatable.")
    List<String> base = new ArrayList<>();

    @Option(names = "--base-kubeconfig", paramLabel = "FILE",
            description = "The kubeconfig of the cluster that is the base (default: --kubeconfig).")
    String baseKubeconfig;

    @Option(names = "--base-context", paramLabel = "NAME",
            description = "The kubeconfig context of the cluster that is the base (default: --context).")
    String baseContext;

    @Option(names = "--exit-code", description = "Exit with 3 when the diff is not empty.")
    boolean exitCode;

    @Option(names = "--fail-on", split = ",", paramLabel = "CONDITION",
            description = "Exit with 1 when an endpoint became unmatched (unmatched), or an endpoint became "
                    + "invalid or an added or modified resource is invalid (invalid). Comma-separated.")
    Set<FailOn> failOn = EnumSet.noneOf(FailOn.class);

    @Option(names = "--max-endpoints", paramLabel = "N",
            description = "Show at most N endpoints (default: all; " + DiffMarkdown.DEFAULT_MAX_ENDPOINTS
                    + " with -o markdown).")
    Integer maxEndpoints;

    @Mixin
    DisplayOptions display = new DisplayOptions();

    @Override
    protected Set<OutputFormat> outputFormats() {
        return EnumSet.allOf(OutputFormat.class);
    }

    @Override
    protected int execute() throws CliException {
        OutputFormat format = output();
        List<String> head = global().filenames();
        if (head.isEmpty()) {
            throw new CliException(CliException.USAGE, "diff: no head given; use -f PATH");
        }
        if (!base.isEmpty() && (baseKubeconfig != null || baseContext != null)) {
            throw new CliException(CliException.USAGE,
                    "diff: --base reads manifests and --base-kubeconfig/--base-context a cluster; give one of them");
        }
        if (maxEndpoints != null && maxEndpoints < 0) {
            throw new CliException(CliException.USAGE, "diff: --max-endpoints must be 0 or more, got " + maxEndpoints);
        }
        Sides sides = base.isEmpty() ? clusterAndOverlay(head) : manifests(head);
        EstateDiff diff = EstateDiff.compute(sides.base(), sides.head(), new ResourceValidator());
        warnAboutLeftOut("base", diff.leftOutOfBase());
        warnAboutLeftOut("head", diff.leftOutOfHead());
        print(diff, format);
        List<String> failures = failures(diff);
        failures.forEach(line -> err().println("calicoq: diff: " + line));
        err().flush();
        if (!failures.isEmpty()) {
            return CliException.FAILURE;
        }
        return exitCode && !diff.isEmpty() ? CHANGES : 0;
    }

    private record Sides(DiffSide base, DiffSide head) {
    }

    /** Both sides are read, and every problem reported, before anything is computed. */
    private Sides manifests(List<String> head) throws CliException {
        Catalog baseCatalog = readManifests(base);
        Catalog headCatalog = readManifests(head);
        requireNoProblems(baseCatalog);
        requireNoProblems(headCatalog);
        return new Sides(side(CatalogEstate.of(baseCatalog), new SideDescription(SideDescription.MANIFESTS, base, null)),
                side(CatalogEstate.of(headCatalog), new SideDescription(SideDescription.MANIFESTS, head, null)));
    }

    /** The cluster is the base; the head is the cluster with the manifests applied on top (by identity). */
    private Sides clusterAndOverlay(List<String> head) throws CliException {
        Catalog overlay = readManifests(head);
        requireNoProblems(overlay);
        PrintWriter err = err();
        ClusterCatalog.Read cluster = ClusterCatalog.read(
                baseKubeconfig != null ? baseKubeconfig : global().kubeconfig(),
                baseContext != null ? baseContext : global().context(), global().calicoApiGroup(),
                warning -> err.println("calicoq: warning: " + warning), "diff: no --base and no cluster");
        err.flush();
        requireNoProblems(cluster.catalog());
        CatalogEstate base = CatalogEstate.of(cluster.catalog());
        CatalogEstate top = CatalogEstate.of(overlay);
        Map<ResourceKey, ResourceRef> refs = new HashMap<>(base.refs());
        refs.putAll(top.refs());
        return new Sides(side(base, new SideDescription(SideDescription.CLUSTER, List.of(), cluster.server())),
                new DiffSide(base.estate().overlay(top.estate()), refs,
                        new SideDescription(SideDescription.CLUSTER_AND_MANIFESTS, head, cluster.server())));
    }

    private static DiffSide side(CatalogEstate estate, SideDescription description) {
        return new DiffSide(estate.estate(), estate.refs(), description);
    }

    private static void requireNoProblems(Catalog catalog) throws CliException {
        if (!catalog.problems().isEmpty()) {
            throw new CliException(CliException.FAILURE, catalog.problems().get(0).describe());
        }
    }

    private void warnAboutLeftOut(String side, SortedMap<PolicyKey, String> leftOut) {
        leftOut.forEach((key, why) -> err().println("calicoq: warning: " + side + ": policy "
                + Quoted.of(key.textName()) + " left out: " + why));
    }

    private void print(EstateDiff diff, OutputFormat format) {
        String rendered = switch (format) {
            case PS -> DiffText.of(diff, display.toQueryOptions(), maxEndpoints);
            case JSON -> Documents.json(DiffDocuments.of(diff, display.toQueryOptions(), maxEndpoints));
            case YAML -> Documents.yaml(DiffDocuments.of(diff, display.toQueryOptions(), maxEndpoints));
            case MARKDOWN -> DiffMarkdown.of(diff, display.toQueryOptions(), maxEndpoints);
        };
        PrintWriter out = out();
        out.print(rendered);
        out.flush();
    }

    /** One line per --fail-on condition that holds. */
    private List<String> failures(EstateDiff diff) {
        List<String> lines = new ArrayList<>();
        if (failOn.contains(FailOn.UNMATCHED)) {
            endpointsThat(diff, EndpointChange::becameUnmatched, "became unmatched (--fail-on unmatched)", lines);
        }
        if (failOn.contains(FailOn.INVALID)) {
            endpointsThat(diff, EndpointChange::becameInvalid, "became invalid (--fail-on invalid)", lines);
            List<String> invalid = diff.resources().stream().filter(ResourceChange::invalidInHead)
                    .map(resource -> resource.ref().kind() + " " + Quoted.of(resource.ref().name())).toList();
            if (!invalid.isEmpty()) {
                lines.add(invalid.size() + (invalid.size() == 1 ? " resource is" : " resources are")
                        + " invalid in the head (--fail-on invalid): " + named(invalid, Function.identity()));
            }
        }
        return lines;
    }

    private static void endpointsThat(EstateDiff diff, Predicate<EndpointChange> condition,
            String what, List<String> lines) {
        List<EndpointChange> endpoints = diff.endpoints().stream().filter(condition).toList();
        if (!endpoints.isEmpty()) {
            lines.add(endpoints.size() + (endpoints.size() == 1 ? " endpoint " : " endpoints ") + what + ": "
                    + named(endpoints, change -> CalicoqText.fullHeading(change.key())));
        }
    }

    private static <T> String named(List<T> all, Function<T, String> name) {
        List<String> names = all.stream().limit(NAMED).map(name).toList();
        return String.join(", ", names) + (all.size() > NAMED ? ", ..." : "");
    }
}
