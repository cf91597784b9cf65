package dev.policymatch.source;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/** YAML text read as a manifest is read (YAML 1.1 scalars), for the tests of the converters in source's subpackages. */
public final class ManifestYaml {

    private ManifestYaml() {
    }

    /** The first document of {@code yaml}. */
    public static JsonNode firstDocument(String yaml) throws Exception {
        List<JsonNode> documents = new ArrayList<>();
        ManifestParser.parseYaml(new StringReader(yaml), document -> documents.add(document.root()));
        return documents.get(0);
    }
}
