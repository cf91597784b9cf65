package dev.policymatch.cli;

import dev.policymatch.match.MatchIndex;
import dev.policymatch.model.Endpoint;
import dev.policymatch.match.PolicyKey;
import dev.policymatch.match.PolicyMatch;
import dev.policymatch.render.Documents;
import dev.policymatch.source.Catalog;
import dev.policymatch.text.Quoted;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Base of the query commands ({@code endpoint}, {@code host}, {@code policy}, {@code eval}): reads the
 * resources (manifests with {@code -f}, else the cluster) and builds the {@link MatchIndex}.
 *
 * <p>Nothing that {@code validate} would flag is dropped (calicoq shows what Calico
 * computes from the resources as given); only a policy whose selector does not parse is left out, with one
 * warning line on stderr. A document that cannot be read as a resource at all (malformed YAML, a field of
 * the wrong type) stops the command: the answer would silently miss it.
 */
abstract class QueryCommand extends CalicoqSubcommand {

    /**
     * Prints the result in the global {@code -o} format: calicoq's text for {@code ps}, else the document as
     * JSON or YAML; only the one needed is built.
     */
    protected <T> void print(T result, Function<T, String> text, Function<T, Object> document) throws CliException {
        String rendered = switch (output()) {
            case PS -> text.apply(result);
            case JSON -> Documents.json(document.apply(result));
            case YAML -> Documents.yaml(document.apply(result));
            case MARKDOWN -> throw new IllegalStateException("a query command does not take -o markdown");
        };
        PrintWriter out = out();
        out.print(rendered);
        out.flush();
    }

    protected MatchIndex loadIndex() throws CliException {
        return loadIndex(null, endpoint -> true);
    }

    /**
     * @param reported  a policy whose invalid selector the command reports itself (no warning for it), or null
     * @param endpoints the endpoints to index. An endpoint's result depends only on its own labels and the
     *                  policies, profiles and tiers, never on other endpoints, so {@code endpoint} and
     *                  {@code host} index only the endpoints they show.
     */
    protected MatchIndex loadIndex(PolicyKey reported, Predicate<Endpoint> endpoints) throws CliException {
        PrintWriter err = err();
        Catalog catalog = global().filenames().isEmpty()
                ? ClusterCatalog.read(global(), warning -> err.println("calicoq: warning: " + warning))
                : readQueryManifests();
        if (!catalog.problems().isEmpty()) {
            throw new CliException(CliException.FAILURE, catalog.problems().get(0).describe());
        }
        MatchIndex index = MatchIndex.builder().estate(CatalogEstate.of(catalog, endpoints).estate()).build();
        warnAboutInvalidPolicies(index, reported, "");
        return index;
    }

    /** One warning line per policy left out of the index, except {@code reported}; {@code side} prefixes it. */
    protected void warnAboutInvalidPolicies(MatchIndex index, PolicyKey reported, String side) {
        PrintWriter err = err();
        for (Map.Entry<PolicyKey, String> invalid : index.invalidPolicies().entrySet()) {
            if (invalid.getKey().equals(reported)) {
                continue;
            }
            err.println("calicoq: warning: " + side + "policy " + Quoted.of(invalid.getKey().textName())
                    + " left out: " + invalid.getValue());
        }
        err.flush();
    }

    /**
     * The policy a name given to {@code policy} or {@code explain --policy} means (see
     * {@link MatchIndex#policiesNamed}); unknown, ambiguous or invalid is a failure (exit 1).
     */
    protected static PolicyMatch resolvePolicy(MatchIndex index, String name) throws CliException {
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
        return match.get();
    }

    /** An unreadable manifest is a failure of the query (exit 1), not a usage error. */
    private Catalog readQueryManifests() throws CliException {
        try {
            return readManifests();
        } catch (CliException e) {
            throw new CliException(CliException.FAILURE, e.getMessage());
        }
    }
}
