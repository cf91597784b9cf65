package dev.policymatch.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.policymatch.source.calico.CalicoResourceConverter;
import dev.policymatch.source.document.CalicoApiGroup;
import dev.policymatch.source.document.Conversion;
import dev.policymatch.source.document.ConverterInput;
import dev.policymatch.source.document.ResourceFormatException;
import dev.policymatch.source.document.ResourceKind;
import dev.policymatch.source.kubernetes.KubernetesResourceConverter;
import java.util.Optional;

/**
 * The one way from an input object to the model: the manifest reader, the cluster reader, the operator's
 * informers and its endpoint intakes all convert here, so a kind is recognised, named and converted the same
 * whichever way it came in. Each {@link ResourceKind} has its converter, chosen in one place
 * ({@link #convertAs}); what to make of a {@link Conversion.Skipped} or {@link Conversion.NotCalico} is each
 * reader's own business.
 *
 * <p>Stateless and thread-safe.
 */
public final class ResourceConverter {
    private final CalicoResourceConverter calico = new CalicoResourceConverter();
    private final KubernetesResourceConverter kubernetes = new KubernetesResourceConverter();

    /**
     * A document from a manifest. The Kubernetes kinds Calico converts are recognised first, by apiVersion and
     * kind together: {@code apiVersion: v1} alone is calicoctl v1, so {@code v1}/{@code Pod} must not reach
     * the Calico converter, which would skip it. So is a StagedKubernetesNetworkPolicy, a Calico kind whose spec is
     * a Kubernetes NetworkPolicy's. Everything else is tried as one of Calico's dialects.
     */
    public Conversion convert(JsonNode document) throws ResourceFormatException {
        Optional<ResourceKind> kubernetesKind = ResourceKind.kubernetesShapedKindOf(document);
        if (kubernetesKind.isPresent()) {
            return convertAs(kubernetesKind.get(), document);
        }
        return calico.convert(document);
    }

    /** An object read from a cluster as {@code kind}, Calico's kinds from {@code crd.projectcalico.org/v1}. */
    public Conversion convert(ResourceKind kind, ObjectNode object) throws ResourceFormatException {
        return convert(kind, CalicoApiGroup.CRD_V1, object);
    }

    /**
     * An object read from a cluster as {@code kind}, Calico's kinds from {@code calicoGroup}. A real API server
     * leaves {@code apiVersion} and {@code kind} out of list items, so they are set here from the table (the object
     * is changed) before the kind's converter reads it; the group's apiVersion picks the dialect, so only objects of
     * {@code crd.projectcalico.org/v1} are read in Calico's stored form.
     */
    public Conversion convert(ResourceKind kind, CalicoApiGroup calicoGroup, ObjectNode object)
            throws ResourceFormatException {
        object.put("apiVersion", kind.apiVersion(calicoGroup));
        object.put("kind", kind.kindName());
        return convertAs(kind, object);
    }

    /**
     * What {@link #convert(ResourceKind, CalicoApiGroup, ObjectNode)} reads of an object of {@code kind} read from a
     * cluster: an object {@linkplain ConverterInput#cut cut} to it converts to the same model, or fails with the
     * same message. For caches that keep objects only to convert them again.
     */
    public static ConverterInput input(ResourceKind kind) {
        // The same split as convertAs: the Kubernetes converter reads exactly the kubernetesShaped kinds.
        return kind.kubernetesShaped() ? KubernetesResourceConverter.input(kind)
                : CalicoResourceConverter.CLUSTER_OBJECT_INPUT;
    }

    /** Each kind to its converter; a new row of the table is a compile error here until it has one. */
    private Conversion convertAs(ResourceKind kind, JsonNode object) throws ResourceFormatException {
        return switch (kind) {
            case TIER, PROFILE, HOST_ENDPOINT, GLOBAL_NETWORK_POLICY, NETWORK_POLICY, STAGED_GLOBAL_NETWORK_POLICY,
                    STAGED_NETWORK_POLICY, WORKLOAD_ENDPOINT -> calico.convert(object);
            case STAGED_KUBERNETES_NETWORK_POLICY, NAMESPACE, SERVICE_ACCOUNT, POD, KUBERNETES_NETWORK_POLICY,
                    CLUSTER_NETWORK_POLICY, ADMIN_NETWORK_POLICY, BASELINE_ADMIN_NETWORK_POLICY ->
                    kubernetes.convert(kind, object);
        };
    }
}
