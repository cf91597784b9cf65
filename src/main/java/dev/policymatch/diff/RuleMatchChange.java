package dev.policymatch.diff;

import dev.policymatch.match.RuleMatch;

/** A rule selector that names the endpoint on one side only: {@link Delta#GAINED} or {@link Delta#LOST}. */
public record RuleMatchChange(Delta delta, RuleMatch rule) {
}
