package dev.policymatch.model;

import java.util.List;

/** A rule's {@code serviceAccounts} match: explicit names and/or a selector on account labels. */
public record ServiceAccountMatch(List<String> names, String selector) {
    public ServiceAccountMatch {
        names = Frozen.list(names);
    }
}
