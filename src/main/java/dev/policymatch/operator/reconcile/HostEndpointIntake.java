package dev.policymatch.operator.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.policymatch.match.MatchIndex;
import dev.policymatch.model.EndpointKey;
import dev.policymatch.model.HostEndpoint;
import dev.policymatch.operator.calico.CalicoHostEndpointResource;
import dev.policymatch.operator.metrics.DomainMetrics;
import dev.policymatch.source.CalicoResourceConverter;
import dev.policymatch.source.ResourceFormatException;
import dev.policymatch.validation.ResourceValidator;
import dev.policymatch.validation.Violation;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Brings one HostEndpoint object into the match index: converts it, validates it, and upserts it,
 * removing the version stored under an older key (the key holds the node, which can change). An
 * object the converter rejects is taken out of the index and reported as one violation.
 */
public final class HostEndpointIntake {

    /** What became of one HostEndpoint object. */
    public record Intake(Optional<HostEndpoint> endpoint, List<Violation> violations) {
        public Optional<EndpointKey> key() {
            return endpoint.map(HostEndpoint::key);
        }
    }

    private final MatchIndex index;
    private final DomainMetrics metrics;
    private final KubernetesSerialization serialization;
    private final CalicoResourceConverter converter = new CalicoResourceConverter();
    private final ResourceValidator validator = new ResourceValidator();
    /** HostEndpoint object name → its key in the index. */
    private final Map<String, EndpointKey> keys = new ConcurrentHashMap<>();

    public HostEndpointIntake(MatchIndex index, DomainMetrics metrics, KubernetesSerialization serialization) {
        this.index = index;
        this.metrics = metrics;
        this.serialization = serialization;
    }

    public Intake accept(CalicoHostEndpointResource resource) {
        String name = resource.getMetadata().getName();
        HostEndpoint endpoint;
        try {
            endpoint = converter.convert(serialization.convertValue(resource, JsonNode.class))
                    .map(converted -> (HostEndpoint) converted.model())
                    .orElseThrow(() -> new ResourceFormatException(null, "kind", "not a Calico HostEndpoint"));
        } catch (ResourceFormatException e) {
            remove(name);
            return new Intake(Optional.empty(), List.of(new Violation(e.field(), null, e.problem())));
        }
        EndpointKey before = keys.put(name, endpoint.key());
        metrics.matchUpdate().record(() -> {
            if (before != null && !before.equals(endpoint.key())) {
                index.removeEndpoint(before);
            }
            index.upsertEndpoint(endpoint);
        });
        return new Intake(Optional.of(endpoint), validator.validate(endpoint));
    }

    public void remove(String name) {
        EndpointKey key = keys.remove(name);
        if (key != null) {
            metrics.matchUpdate().record(() -> index.removeEndpoint(key));
        }
    }
}
