package dev.policymatch.render;

/**
 * calicoq's two display switches.
 *
 * @param hideSelectors   {@code -s}: leave out every {@code ; selector "..."} (and, in documents, the selectors)
 * @param hideRuleMatches {@code -r}: leave out the rule matches
 */
public record QueryOptions(boolean hideSelectors, boolean hideRuleMatches) {
    public static final QueryOptions DEFAULT = new QueryOptions(false, false);
}
