package dev.policymatch.source.calico;

import static dev.policymatch.model.CalicoVocabulary.DEFAULT_TIER_POLICY_PREFIX;
import static dev.policymatch.model.CalicoVocabulary.METADATA_ANNOTATION;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.policymatch.model.Tier;
import dev.policymatch.source.document.Fields;
import dev.policymatch.source.document.ResourceFormatException;
import java.util.Map;
import java.util.SortedMap;

/**
 * The metadata of a {@code crd.projectcalico.org/v1} object as Calico reads it back, following
 * {@code ConvertK8sResourceToCalicoResource} in {@code libcalico-go/lib/backend/k8s/resources/resources.go}
 * (v3.32.1): Calico writes the v3 object's metadata as JSON into the annotation {@code projectcalico.org/metadata}
 * and keeps on the stored object only the labels of its own ({@code projectcalico.org/...}). Reading starts from
 * {@code metadata.labels} and puts the annotation's labels over them (objects written before Calico 3.28 kept
 * their labels on the object). A policy's name is the annotation's {@code name} when it is set, else the stored
 * name without one {@code default.} when its tier is the default one ({@code determinePolicyName}).
 *
 * @param labels the effective labels
 * @param name   the annotation's {@code name}, or null when it has none (or an empty one)
 */
record StoredMetadata(SortedMap<String, String> labels, String name) {

    /** As deep as a manifest may nest (source.ManifestParser). */
    static final int MAX_NESTING_DEPTH = 64;

    /** The field a problem with the annotation names. */
    static final String FIELD = "metadata.annotations[" + METADATA_ANNOTATION + "]";

    /**
     * Go's {@code json.Unmarshal}, as far as PolicyMatch reads the annotation: one JSON value and nothing after
     * it, nested no deeper than a manifest may be (the value is attacker-controlled text).
     */
    private static final ObjectMapper JSON = JsonMapper.builder(new JsonFactoryBuilder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** The metadata of a document that is not in the stored form: its own labels, no stored name. */
    static StoredMetadata plain(Fields fields, JsonNode metadata) throws ResourceFormatException {
        return new StoredMetadata(fields.stringMap(metadata, "labels", "metadata.labels"), null);
    }

    /** The metadata of a stored {@code crd.projectcalico.org/v1} object, decoded as Calico does. */
    static StoredMetadata decode(Fields fields, JsonNode metadata) throws ResourceFormatException {
        SortedMap<String, String> labels = fields.stringMap(metadata, "labels", "metadata.labels");
        JsonNode annotations = fields.object(metadata, "annotations", "metadata.annotations");
        String text = fields.text(annotations, METADATA_ANNOTATION, FIELD);
        if (text == null) {
            return new StoredMetadata(labels, null);
        }
        JsonNode stored = parse(fields, text);
        labels.putAll(fields.stringMap(stored, key(stored, "labels"), FIELD + ".labels"));
        // Not used by PolicyMatch, but Calico refuses the whole object when they are not strings.
        fields.stringMap(stored, key(stored, "annotations"), FIELD + ".annotations");
        String name = fields.text(stored, key(stored, "name"), FIELD + ".name");
        return new StoredMetadata(labels, name == null || name.isEmpty() ? null : name);
    }

    /**
     * The name of a policy stored as {@code storedName} in {@code tier}: the annotation's name, else the stored
     * name with one {@code default.} trimmed in the default tier. Without any annotation Calico's Kubernetes
     * datastore keeps the stored name as it is; PolicyMatch trims it there too, as {@code determinePolicyName} of
     * {@code libcalico-go/lib/backend/model/keys.go} does (docs/kubernetes.md).
     */
    String policyName(String storedName, String tier) {
        if (name != null) {
            return name;
        }
        boolean defaultTier = tier == null || tier.isEmpty() || tier.equals(Tier.DEFAULT);
        return defaultTier && storedName.startsWith(DEFAULT_TIER_POLICY_PREFIX)
                ? storedName.substring(DEFAULT_TIER_POLICY_PREFIX.length()) : storedName;
    }

    private static JsonNode parse(Fields fields, String text) throws ResourceFormatException {
        JsonNode stored;
        try {
            stored = JSON.readTree(text);
        } catch (StreamConstraintsException e) {
            throw fields.problem(FIELD, "contained invalid JSON: nested deeper than " + MAX_NESTING_DEPTH + " levels");
        } catch (JsonProcessingException e) {
            throw fields.problem(FIELD, "contained invalid JSON: " + reason(e));
        }
        if (stored == null || stored.isMissingNode()) {
            throw fields.problem(FIELD, "contained invalid JSON: no value");
        }
        if (stored.isNull()) {
            return MissingNode.getInstance(); // Go decodes null into empty metadata
        }
        if (!stored.isObject()) {
            throw fields.problem(FIELD, "contained invalid JSON: expected an object, got " + Fields.describe(stored));
        }
        return stored;
    }

    /** Go matches a field's key exactly first, then ignoring case ({@code "Labels"} is read as labels). */
    private static String key(JsonNode object, String field) {
        if (object.isMissingNode() || object.has(field)) {
            return field;
        }
        for (Map.Entry<String, JsonNode> entry : object.properties()) {
            if (entry.getKey().equalsIgnoreCase(field)) {
                return entry.getKey();
            }
        }
        return field;
    }

    /** Jackson's message without its source excerpts and API names, and where in the text it stopped. */
    private static String reason(JsonProcessingException e) {
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().strip();
        for (String tail : new String[] {"\n", " (start marker at", " at [Source", " (for "}) {
            int end = message.indexOf(tail);
            message = end < 0 ? message : message.substring(0, end);
        }
        return e.getLocation() == null || e.getLocation().getColumnNr() < 1 ? message
                : message + " (at character " + e.getLocation().getColumnNr() + ")";
    }
}
