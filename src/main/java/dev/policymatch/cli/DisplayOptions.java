package dev.policymatch.cli;

import dev.policymatch.render.QueryOptions;
import picocli.CommandLine.Option;

/** calicoq's {@code -r} and {@code -s}, shared by {@code endpoint}, {@code host} and {@code policy}. */
final class DisplayOptions {

    @Option(names = {"-r", "--hide-rule-matches"},
            description = "Don't show the policies whose rule selectors match the endpoints (for policy: the "
                    + "endpoints its rule selectors match).")
    boolean hideRuleMatches;

    @Option(names = {"-s", "--hide-selectors"}, description = "Don't show the selector expressions.")
    boolean hideSelectors;

    QueryOptions toQueryOptions() {
        return new QueryOptions(hideSelectors, hideRuleMatches);
    }
}
