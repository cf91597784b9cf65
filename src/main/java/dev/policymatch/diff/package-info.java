/**
 * {@code calicoq diff}: what changes between two estates (the resources, and for every endpoint the policies,
 * profiles, rule matches, labels and where undecided traffic ends), computed as an incremental update of the
 * base's {@link dev.policymatch.match.MatchIndex}. JDK only; rendering is in {@code render}.
 */
package dev.policymatch.diff;
