package dev.policymatch.source;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * One document of a manifest stream as a Jackson tree, with the 1-based line where it starts and the
 * start line of every mapping inside it (looked up by identity), so list items keep their own line.
 */
record ParsedDocument(JsonNode root, int line, Map<JsonNode, Integer> mappingLines) {

    /** The line of a mapping inside this document, or the document's line when unknown. */
    int lineOf(JsonNode node) {
        Integer line = mappingLines.get(node);
        return line == null ? this.line : line;
    }
}
