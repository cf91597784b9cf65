/**
 * Every rendering of a match: calicoq's text ({@link dev.policymatch.render.CalicoqText}), the JSON and
 * YAML documents ({@link dev.policymatch.render.QueryDocuments}, written with
 * {@link dev.policymatch.render.Documents}), a report's status ({@link dev.policymatch.render.ReportComposer},
 * cut to its size budget by {@link dev.policymatch.render.ReportTruncation}) and the report table of
 * {@code make run} ({@link dev.policymatch.render.ReportTable}). Pure functions from
 * {@code dev.policymatch.match} results to text or report objects; a policy's selectors come compiled with
 * the match, its order and the reasons from {@code dev.policymatch.api}. Nothing here reads input or talks
 * to a cluster.
 */
package dev.policymatch.render;
