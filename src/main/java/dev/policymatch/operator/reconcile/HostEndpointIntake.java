package dev.policymatch.operator.reconcile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.policymatch.match.MatchIndex;
import dev.policymatch.model.HostEndpoint;
import dev.policymatch.operator.inputs.CalicoHostEndpointResource;
import dev.policymatch.operator.metrics.DomainMetrics;
import dev.policymatch.source.ResourceConverter;
import dev.policymatch.source.document.CalicoApiGroup;
import dev.policymatch.source.document.Conversion;
import dev.policymatch.source.document.ResourceFormatException;
import dev.policymatch.source.document.ResourceKind;
import dev.policymatch.validation.ResourceValidator;
import dev.policymatch.validation.Violation;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.Optional;

/**
 * Brings one HostEndpoint object into the match index: converts it, validates it, and upserts it,
 * removing the version stored under an older key (the key holds the node, which can change). An
 * object the converter rejects is taken out of the index and reported as one violation.
 */
public final class HostEndpointIntake {

    private final IndexedEndpoints indexed;
    private final KubernetesSerialization serialization;
    private final CalicoApiGroup calicoGroup;
    private final ResourceConverter converter = new ResourceConverter();
    private final ResourceValidator validator = new ResourceValidator();

    public HostEndpointIntake(MatchIndex index, DomainMetrics metrics, KubernetesSerialization serialization,
            CalicoApiGroup calicoGroup) {
        this.indexed = new IndexedEndpoints(index, metrics);
        this.serialization = serialization;
        this.calicoGroup = calicoGroup;
    }

    public Intake<HostEndpoint> accept(CalicoHostEndpointResource resource) {
        String name = resource.getMetadata().getName();
        Conversion conversion;
        try {
            conversion = converter.convert(ResourceKind.HOST_ENDPOINT, calicoGroup,
                    serialization.convertValue(resource, ObjectNode.class));
        } catch (ResourceFormatException e) {
            return rejected(name, new Violation(e.field(), null, e.problem()));
        }
        if (!(conversion instanceof Conversion.Converted converted)) {
            return rejected(name, new Violation("kind", null, "not a Calico HostEndpoint"));
        }
        HostEndpoint endpoint = (HostEndpoint) converted.resource().model();
        indexed.put(name, endpoint);
        return new Intake<>(Optional.of(endpoint), validator.validate(endpoint));
    }

    private Intake<HostEndpoint> rejected(String name, Violation violation) {
        remove(name);
        return new Intake<>(Optional.empty(), List.of(violation));
    }

    public void remove(String name) {
        indexed.remove(name);
    }
}
