package dev.policymatch.source.calico;

import static dev.policymatch.model.CalicoVocabulary.METADATA_ANNOTATION;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.policymatch.model.CalicoObject.Family;
import dev.policymatch.source.document.CalicoApiGroup;
import dev.policymatch.source.document.Fields;
import dev.policymatch.source.document.ResourceFormatException;
import dev.policymatch.source.document.ResourceKind;
import java.util.Optional;

/**
 * A {@code crd.projectcalico.org/v1} object rewritten as the {@code projectcalico.org/v3} object it stands for, as
 * Calico 3.32's datastore migration copies it ({@code kube-controllers/pkg/controllers/migration/convert.go}): the
 * decoded labels and name, no {@code projectcalico.org/metadata} annotation, the v3 apiVersion. For loading an
 * estate written in the stored form into a cluster that serves Calico's kinds as v3 CRDs.
 */
public final class StoredForm {

    private StoredForm() {
    }

    /**
     * The v3 object of a stored one, or empty when the v3 group has no such kind (Profile, WorkloadEndpoint); a
     * document of another apiVersion is returned as it is.
     */
    public static Optional<JsonNode> asV3(JsonNode document) throws ResourceFormatException {
        if (!CalicoApiGroup.CRD_V1.apiVersion().equals(document.path("apiVersion").asText())) {
            return Optional.of(document);
        }
        ResourceKind kind = kindOf(document.path("kind").asText());
        if (kind == null || !CalicoApiGroup.PROJECTCALICO_V3.serves(kind)) {
            return Optional.empty();
        }
        ObjectNode v3 = document.deepCopy();
        ObjectNode metadata = (ObjectNode) v3.path("metadata");
        Fields fields = new Fields(kind.describe(metadata.path("name").asText()));
        StoredMetadata stored = StoredMetadata.decode(fields, metadata);
        if (kind.family() == Family.POLICY) {
            metadata.put("name", stored.policyName(metadata.path("name").asText(),
                    fields.text(v3.path("spec"), "tier", "spec.tier")));
        }
        metadata.remove("labels");
        if (!stored.labels().isEmpty()) {
            stored.labels().forEach(metadata.putObject("labels")::put);
        }
        if (metadata.path("annotations") instanceof ObjectNode annotations) {
            annotations.remove(METADATA_ANNOTATION);
            if (annotations.isEmpty()) {
                metadata.remove("annotations");
            }
        }
        v3.put("apiVersion", CalicoApiGroup.PROJECTCALICO_V3.apiVersion());
        return Optional.of(v3);
    }

    private static ResourceKind kindOf(String kind) {
        for (ResourceKind candidate : ResourceKind.values()) {
            if (candidate.origin() == ResourceKind.Origin.CALICO && candidate.kindName().equals(kind)) {
                return candidate;
            }
        }
        return null;
    }
}
