package dev.policymatch.operator.reconcile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.policymatch.match.MatchIndex;
import dev.policymatch.model.WorkloadEndpoint;
import dev.policymatch.operator.metrics.DomainMetrics;
import dev.policymatch.source.ResourceConverter;
import dev.policymatch.source.document.Conversion;
import dev.policymatch.source.document.ResourceFormatException;
import dev.policymatch.source.document.ResourceKind;
import dev.policymatch.validation.Violation;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.Optional;

/**
 * Brings one Pod into the match index as the workload endpoint Calico derives from it. A pod that has
 * no workload endpoint (host-networked, or not scheduled to a node yet) is taken out of the index,
 * since a pod can become either; so is a pod the converter rejects, which is reported as one violation.
 */
public final class PodIntake {

    private final IndexedEndpoints indexed;
    private final KubernetesSerialization serialization;
    private final ResourceConverter converter = new ResourceConverter();

    public PodIntake(MatchIndex index, DomainMetrics metrics, KubernetesSerialization serialization) {
        this.indexed = new IndexedEndpoints(index, metrics);
        this.serialization = serialization;
    }

    /** Empty when the pod has no workload endpoint (and so should have no report). */
    public Optional<Intake<WorkloadEndpoint>> accept(Pod pod) {
        String id = objectId(pod.getMetadata().getNamespace(), pod.getMetadata().getName());
        Conversion conversion;
        try {
            conversion = converter.convert(ResourceKind.POD, serialization.convertValue(pod, ObjectNode.class));
        } catch (ResourceFormatException e) {
            indexed.remove(id);
            return Optional.of(new Intake<>(Optional.empty(), List.of(new Violation(e.field(), null, e.problem()))));
        }
        if (!(conversion instanceof Conversion.Converted converted)) {
            indexed.remove(id); // skipped: host-networked or not scheduled yet
            return Optional.empty();
        }
        WorkloadEndpoint endpoint = (WorkloadEndpoint) converted.resource().model();
        indexed.put(id, endpoint);
        return Optional.of(new Intake<>(Optional.of(endpoint), List.of()));
    }

    public void remove(String namespace, String name) {
        indexed.remove(objectId(namespace, name));
    }

    private static String objectId(String namespace, String name) {
        return namespace + "/" + name;
    }
}
