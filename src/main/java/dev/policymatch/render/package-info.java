/**
 * Rendering of match results: calicoq's text ({@link dev.policymatch.render.CalicoqText}) and the JSON and
 * YAML documents ({@link dev.policymatch.render.QueryDocuments}, written with
 * {@link dev.policymatch.render.Documents}). Pure functions from {@code dev.policymatch.match} results to
 * text; nothing here reads input or talks to a cluster.
 */
package dev.policymatch.render;
