package dev.policymatch.diff;

/** How an entry of an endpoint's lists (a policy, profile or rule match) differs between the sides. */
public enum Delta {
    GAINED, LOST,
    /** In both, with a different resource behind it. */
    MODIFIED,
    /** In both, at another rank among the policies both sides list. */
    MOVED
}
